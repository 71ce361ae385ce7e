import { EventEmitter } from 'node:events';
import pg from 'pg';
import {
  type JobHelpers,
  Logger as WorkerLogger,
  type Runner,
  type Task,
  type TaskList,
  type WorkerEvents,
  run,
} from 'graphile-worker';
import { ZodError, type ZodType } from 'zod';
import { LAST_ATTEMPT_SQL, type MikroORM, addJobs, countJobsDue } from '@caunoi/db';
import type { Logger } from '../support/logger';
import { isPermanentFailure } from './deliverer';
import { isDatabaseUnavailable } from '../http/database-unavailable';
import { keepJobTableStatistics } from './job-table-statistics';
import { keepJobLockersHonest } from './job-lockers';
import type { BackgroundGate } from './background-gate';

/** A task's work on its checked payload; throw to retry with backoff, `permanentFailure` to give up. */
export type TaskHandler<P> = (
  payload: P,
  job: { id: string; attempts: number; maxAttempts: number; helpers: JobHelpers },
) => Promise<void>;

export interface TaskDefinition<P = unknown> {
  schema: ZodType<P>;
  handle: TaskHandler<P>;
  /**
   * Work that can wait while intake is busy (officers' notices, analysis, agencies' webhooks):
   * it goes through the runner's background gate. Citizens' acknowledgements and live updates
   * are never background.
   */
  background?: (payload: P) => boolean;
}

export function defineTask<P>(
  schema: ZodType<P>,
  handle: TaskHandler<P>,
  options: { background?: boolean | ((payload: P) => boolean) } = {},
): TaskDefinition<P> {
  const { background } = options;
  return {
    schema,
    handle,
    ...(background === undefined
      ? {}
      : { background: typeof background === 'function' ? background : () => background }),
  };
}

export interface JobRunnerOptions {
  connectionString: string;
  orm: MikroORM;
  logger: Logger;
  tasks: Record<string, TaskDefinition<any>>;
  /** graphile-worker crontab lines (times in UTC). */
  crontab: string[];
  /** Tasks that run every so often, in one chain shared by every instance (the sweeper, the intake requeue). */
  recurring: Array<{ task: string; everyMs: number }>;
  concurrency: number;
  /** How often the job table's statistics are checked (default JOB_STATISTICS_EVERY_MS; tests shorten it). */
  statisticsEveryMs?: number;
  /** How long a lock may go unvouched before its jobs are freed (JOB_LOCK_STALE_MS; tests shorten it). */
  lockStaleMs?: number;
  /** Where background tasks wait while intake is busy (absent: they run like any other). */
  gate?: BackgroundGate;
}

/** How long a runner that began shutting down by itself may take before it is replaced regardless. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface JobRunner {
  /** Resolves when no job is due or running (tests and benchmarks: "everything queued so far was handled"). */
  drain(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs this instance's share of the job queue: graphile-worker claims jobs with SKIP LOCKED
 * across instances, starts them within milliseconds of their commit (LISTEN/NOTIFY), retries
 * failures with its exponential backoff and keeps the ones it gave up on. Its pool is its own:
 * a task never holds one of its connections while it waits for one of the ORM's.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { logger } = options;
  const taskList: TaskList = {};
  const everyMs = new Map(options.recurring.map((r) => [r.task, r.everyMs]));
  for (const [name, definition] of Object.entries(options.tasks))
    taskList[name] = wrapTask(name, definition, options.orm, logger, everyMs.get(name) ?? null, options.gate);
  // Each instance makes sure the chain exists; a waiting run keeps its time, so starting adds none.
  await addJobs(
    options.orm.em.fork(),
    options.recurring.map((r) => ({ task: r.task, payload: {}, jobKey: recurringKey(r.task) })),
    { preserveRunAt: true },
  );
  const crontab = [
    ...options.crontab,
    // The chain's backstop: if the instance running it died, the next minute starts it again.
    ...options.recurring.map((r) => `* * * * * ${r.task} ?jobKey=${recurringKey(r.task)}&jobKeyMode=preserve_run_at`),
  ];
  // The pool is ours so that its connections always have an error listener: graphile-worker
  // removes its own when it stops, and a database that goes away at that moment (Ctrl-C reaches
  // PostgreSQL too) must be a log line, not a crash. One connection per concurrent job plus the
  // listener and one spare: nothing waits on this pool.
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.concurrency + 2 });
  const onPoolError = (error: Error) =>
    isDatabaseUnavailable(error)
      ? logger.warn({ reason: error.message }, 'job queue lost a database connection; it reconnects')
      : logger.warn({ err: error }, 'job queue connection error');
  pool.on('error', onPoolError);
  pool.on('connect', (client) => client.on('error', onPoolError));
  /** The ids this process's runners lock jobs under (the pool's, for its local queue, and each worker's). */
  const lockers = new Set<string>();
  const runOnce = () => {
    // Watched from before the start: the pool and its workers are made while `run` starts.
    const events: WorkerEvents = new EventEmitter();
    events.on('pool:create', ({ workerPool }) => lockers.add(workerPool.id));
    events.on('worker:create', ({ worker }) => lockers.add(worker.workerId));
    return run({
      pgPool: pool,
      events,
      concurrency: options.concurrency,
      noHandleSignals: true,
      pollInterval: 2_000,
      // A burst of submissions queues thousands of small jobs: fetched and locked a batch at a
      // time, and completed in batches, they cost the database a statement per batch rather than
      // two per job (measured in bench:intake). A job completed but not yet marked when the process
      // dies runs again: every task is idempotent (delivery receipts are keyed).
      preset: {
        worker: {
          localQueue: { size: Math.max(2, options.concurrency * 4), refetchDelay: { durationMs: 50 } },
          completeJobBatchDelay: 20,
          failJobBatchDelay: 20,
        },
      },
      taskList,
      crontab: crontab.join('\n'),
      logger: workerLogger(logger),
    });
  };
  let runner: Runner;
  try {
    runner = await runOnce();
  } catch (error) {
    await pool.end();
    throw error;
  }
  let stopped = false;
  /**
   * graphile-worker stops its runner when the database stays away longer than its own retries
   * (it cannot mark a batch of jobs done): then no job would run again in this process. The
   * runner is started again once the database answers, and the jobs the stopped one held are
   * unlocked at once (graphile-worker's force_unlock_workers) instead of after its four-hour
   * stale-lock timeout.
   */
  const supervise = (current: Runner) => {
    let replaced = false;
    const restart = async (reason: string) => {
      if (stopped || replaced) return;
      replaced = true;
      logger.warn({ reason }, 'the job queue stopped; starting it again when the database answers');
      for (let attempt = 1; !stopped; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5_000)));
        if (stopped) return;
        try {
          const held = [...lockers];
          await pool.query('select graphile_worker.force_unlock_workers($1::text[])', [held]);
          lockers.clear();
          runner = await runOnce();
          supervise(runner);
          logger.warn({ attempt, unlockedFor: held.length }, 'the job queue is running again');
          return;
        } catch (error) {
          logger.debug({ err: error, attempt }, 'the job queue could not start yet');
        }
      }
    };
    current.promise.then(
      () => restart('its runner exited'),
      (error: unknown) => restart(String(error)),
    );
    // graphile-worker 0.18 can leave a shut-down runner's promise pending for good: when two
    // batches of completions fail (the database went away), its batcher counts one pending batch
    // too few, and the shutdown waits for that count to reach zero (graphile/worker#636 is the
    // same code). A shutdown not finished within SHUTDOWN_GRACE_MS counts as finished; the jobs it
    // held are unlocked above, and every task is idempotent if one was still running.
    current.events.on('pool:gracefulShutdown', ({ message }) => {
      if (stopped) return;
      setTimeout(() => void restart(`it shut down (${message}) and did not finish`), SHUTDOWN_GRACE_MS).unref();
    });
  };
  supervise(runner);
  const statistics = keepJobTableStatistics(options.orm, logger, options.statisticsEveryMs);
  const lockerWatch = keepJobLockersHonest(options.orm, logger, () => [...lockers], options.lockStaleMs);
  return {
    drain: (timeoutMs) => drainJobQueue(options.orm, Object.keys(options.tasks), timeoutMs),
    async stop() {
      if (stopped) return;
      stopped = true;
      statistics.stop();
      // A runner that stopped by itself (the database away) and is not yet replaced is already done.
      await runner.stop().catch((error: unknown) => logger.debug({ err: error }, 'job runner already stopped'));
      await lockerWatch.stop();
      await pool.end();
    },
  };
}

/**
 * The job queue as a process that runs no jobs sees it (PROCESS_ROLE=web): the worker processes
 * run them; draining waits until they have.
 */
export function watchJobQueue(orm: MikroORM, taskNames: readonly string[]): JobRunner {
  return { drain: (timeoutMs) => drainJobQueue(orm, taskNames, timeoutMs), stop: async () => {} };
}

/** Resolves when no job of these tasks is due or running, whichever process runs them. */
async function drainJobQueue(orm: MikroORM, taskNames: readonly string[], timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  // Looked at again sooner at first, then less often: the count reads the whole job table, and
  // every 25 ms it took an eighth of PostgreSQL's time while a bench's backlog drained.
  for (let pause = 25; (await countJobsDue(orm.em.fork(), taskNames)) > 0; ) {
    if (Date.now() > until) throw new Error(`jobs still due after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(250, pause * 1.5);
  }
}

/**
 * Checks the payload against the task's schema, then runs it. A payload the schema refuses, or a
 * failure retrying cannot fix, makes this the job's last attempt: graphile-worker records the
 * error and keeps the job among the failed ones, where the operators' screens show it.
 */
function wrapTask(
  name: string,
  definition: TaskDefinition<unknown>,
  orm: MikroORM,
  logger: Logger,
  everyMs: number | null,
  gate: BackgroundGate | undefined,
): Task {
  return async (payload, helpers) => {
    try {
      const checked = definition.schema.parse(payload);
      const handle = () =>
        definition.handle(checked, {
          id: helpers.job.id,
          attempts: helpers.job.attempts,
          maxAttempts: helpers.job.max_attempts,
          helpers,
        });
      await (gate && definition.background?.(checked) ? gate.run(handle) : handle());
      // The next run of a recurring task, under the same key (the running one gives its key up).
      if (everyMs !== null) {
        await addJobs(
          orm.em.fork(),
          [{ task: name, payload: {}, jobKey: recurringKey(name), runAt: new Date(Date.now() + everyMs) }],
          {
            preserveRunAt: true,
          },
        );
      }
    } catch (error) {
      const permanent = isPermanentFailure(error) || error instanceof ZodError;
      logger.warn(
        { task: name, jobId: helpers.job.id, attempt: helpers.job.attempts, permanent, err: error },
        `${name} failed${permanent ? ' for good' : '; it will be retried'}`,
      );
      if (permanent) await helpers.withPgClient((client) => client.query(LAST_ATTEMPT_SQL, [helpers.job.id]));
      throw error;
    }
  };
}

function recurringKey(task: string): string {
  return `recurring:${task}`;
}

/** graphile-worker's log lines through ours: its routine lines at debug, its failures as warnings. */
function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { worker: scope.workerId, task: scope.taskIdentifier, jobId: scope.jobId, ...meta };
    if (level === 'error') logger.warn(fields, message);
    else if (level === 'warning') logger.warn(fields, message);
    else logger.debug(fields, message);
  });
}
