import { executeBound } from './bound-query';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Logger } from 'graphile-worker';
import type { OutboxStatus } from '@caunoi/workflows';

/**
 * The job queue is graphile-worker's (DESIGN.md §4.5), pinned to one version (0.18.0). Jobs are
 * added through its public `add_jobs` function inside the caller's transaction, so a job exists
 * exactly when the change that decided it committed. The operator screens need what its public
 * `jobs` view leaves out (the payload, to name the case and the template), so the read queries
 * below use its `_private_jobs` table; this file is the one place that knows its layout.
 */
const JOBS = 'graphile_worker._private_jobs';
const TASKS = 'graphile_worker._private_tasks';

/** graphile-worker's own log lines (migrations, start-up) are not ours to print. */
export const quietWorkerLogger = new Logger(() => () => {});

export interface JobSpec {
  task: string;
  payload: Record<string, unknown>;
  /** Dedupes: while a job with this key waits, adding it again replaces it instead of adding one. */
  jobKey?: string | null;
  runAt?: Date | null;
  maxAttempts?: number | null;
  /** Lower runs first (default 0): background analysis waits behind deliveries. */
  priority?: number | null;
  /**
   * Queued only if an active subscription of an active API client wants this webhook event
   * (decided in the same statement). A webhook fan-out that no one subscribed to would cost a job,
   * its fetch, a transaction of three statements and its completion to write nothing: on every
   * case change, while most units' events have no subscriber.
   */
  onlyIfSubscribedTo?: string | null;
}

/** Adds jobs in the caller's transaction, in one statement; `preserveRunAt` keeps a waiting job's time (a recurring job's next run). */
export async function addJobs(
  em: EntityManager,
  specs: readonly JobSpec[],
  options: { preserveRunAt?: boolean } = {},
): Promise<void> {
  if (!specs.length) return;
  await executeBound(em, `select 1 from ${ADD_JOBS_SQL}`, [jobSpecsJson(specs), options.preserveRunAt ?? false]);
}
import { storableJson } from './storable-text';

/** graphile-worker's `add_jobs` over a JSON array of job specs (two parameters: the array, preserve run_at). */
export const ADD_JOBS_SQL = `graphile_worker.add_jobs(array(
  select json_populate_record(null::graphile_worker.job_spec, s) from json_array_elements(?::json) as s
   where s->>'subscribed_to' is null or exists (
     select 1 from webhook_subscription w join api_client a on a.id = w.api_client_id and a.active and a.revoked_at is null
      where w.active and s->>'subscribed_to' = any(w.events))), ?)`;

/** Job specs as the JSON array ADD_JOBS_SQL reads. */
export function jobSpecsJson(specs: readonly JobSpec[]): string {
  return JSON.stringify(
    specs.map((s) => ({
      identifier: s.task,
      // A payload may quote what a citizen sent (a refused mail's subject): never a NUL (storable-text.ts).
      payload: storableJson(s.payload),
      run_at: s.runAt?.toISOString() ?? null,
      max_attempts: s.maxAttempts ?? null,
      job_key: s.jobKey ? s.jobKey.slice(0, 200) : null,
      priority: s.priority ?? null,
      // Not a job_spec field (json_populate_record leaves it out): ADD_JOBS_SQL's condition.
      ...(s.onlyIfSubscribedTo ? { subscribed_to: s.onlyIfSubscribedTo } : {}),
    })),
  );
}

/** How a job stands, in the operators' words (workflows' OUTBOX_STATUSES): waiting, being worked, waiting to retry, or given up on. */
type JobState = OutboxStatus;

const STATE_SQL: Record<JobState, string> = {
  pending: 'j.attempts = 0 and j.locked_at is null',
  sending: 'j.locked_at is not null',
  retrying: 'j.attempts > 0 and j.attempts < j.max_attempts and j.locked_at is null',
  // A job on its last attempt is still being worked until its worker lets go of it.
  dead: 'j.attempts >= j.max_attempts and j.locked_at is null',
};

export interface QueuedJobRow {
  id: number;
  task: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  template: string | null;
  audience: string | null;
  jobKey: string | null;
  createdAt: Date;
  runAt: Date;
  trackingCode: string | null;
}

/** Jobs of the given tasks in the given states, newest first, with their case's tracking code. */
export async function findQueuedJobs(
  em: EntityManager,
  filter: { states: readonly JobState[]; tasks: readonly string[] },
  range: { offset: number; limit: number },
): Promise<{ rows: QueuedJobRow[]; total: number }> {
  const where = `t.identifier in (select json_array_elements_text(?::json)) and (${filter.states.map((s) => STATE_SQL[s]).join(') or (')})`;
  const params = [JSON.stringify(filter.tasks)];
  const [count, rows] = await Promise.all([
    em.execute<Array<{ total: number }>>(
      `select count(*)::int as total from ${JOBS} j join ${TASKS} t on t.id = j.task_id where ${where}`,
      params,
    ),
    em.execute<QueuedJobRow[]>(
      `select j.id::int as id, t.identifier as task,
              case when ${STATE_SQL.dead} then 'dead' when j.locked_at is not null then 'sending' when j.attempts > 0 then 'retrying' else 'pending' end as state,
              j.attempts::int as attempts, j.max_attempts::int as "maxAttempts", j.last_error as "lastError",
              j.payload->>'template' as template, j.payload->>'audience' as audience, j.key as "jobKey",
              j.created_at as "createdAt", j.run_at as "runAt", c.tracking_code as "trackingCode"
       from ${JOBS} j join ${TASKS} t on t.id = j.task_id
       left join case_file c on c.id = case when j.payload->>'caseId' ~ '^[0-9]+$' then (j.payload->>'caseId')::bigint end
       where ${where} order by j.id desc limit ? offset ?`,
      [...params, range.limit, range.offset],
    ),
  ]);
  return { rows, total: count[0]!.total };
}

/** Gives a job that was given up on a new set of `maxAttempts` attempts, from now; false when it is not dead. */
export async function retryDeadJob(em: EntityManager, id: number, maxAttempts: number): Promise<boolean> {
  const rows = await em.execute<Array<{ id: string }>>(
    `select id from graphile_worker.reschedule_jobs(array(select j.id from ${JOBS} j where j.id = ? and ${STATE_SQL.dead}), run_at => now(), attempts => 0, max_attempts => ?)`,
    [id, maxAttempts],
  );
  await wakeWorkers(em, rows.length);
  return rows.length > 0;
}

/**
 * Rescheduling a job does not wake the workers the way adding one does (add_jobs notifies
 * `jobs:insert`); without this they would find it at their next poll, seconds later.
 */
async function wakeWorkers(em: EntityManager, count: number): Promise<void> {
  if (count > 0)
    await em.execute(`select pg_notify('jobs:insert', json_build_object('r', random(), 'count', ?::int)::text)`, [
      count,
    ]);
}

/**
 * Marks the job being worked as its last attempt, so that the failure its task is about to report
 * fails it for good (kept, with the reason, in the dead letters). graphile-worker has no public
 * way for a task to say "retrying cannot fix this"; `permanently_fail_jobs` skips locked jobs.
 */
export const LAST_ATTEMPT_SQL = `update ${JOBS} set max_attempts = attempts where id = $1 and locked_at is not null`;

/**
 * An SQL condition: a job with this key (an SQL expression) exists, waiting, running or given up
 * on; with `waitingOnly`, one that is not being worked (a job locked by an instance that died is
 * not counted, so its work is queued again).
 */
export function jobKeyExistsSql(keyExpression: string, options: { waitingOnly?: boolean } = {}): string {
  return `exists (select 1 from ${JOBS} j where j.key = ${keyExpression}${options.waitingOnly ? ' and j.locked_at is null' : ''})`;
}

/** Jobs that could run now or are running: zero when everything due has been done (tests and benchmarks wait for it). */
export async function countJobsDue(em: EntityManager, tasks?: readonly string[]): Promise<number> {
  const [row] = await em.execute<Array<{ n: number }>>(
    `select count(*)::int as n from ${JOBS} j join ${TASKS} t on t.id = j.task_id where (j.locked_at is not null or (j.attempts < j.max_attempts and j.run_at <= now())) ${tasks ? 'and t.identifier in (select json_array_elements_text(?::json))' : ''}`,
    tasks ? [JSON.stringify(tasks)] : [],
  );
  return row!.n;
}

/** Brings every waiting retry forward to now (tests: "the channel is back"; operators: "try the backlog now"). */
export async function runWaitingJobsNow(em: EntityManager, tasks: readonly string[]): Promise<number> {
  const rows = await em.execute<Array<{ id: string }>>(
    `select id from graphile_worker.reschedule_jobs(array(select j.id from ${JOBS} j join ${TASKS} t on t.id = j.task_id where t.identifier in (select json_array_elements_text(?::json)) and j.locked_at is null and j.attempts < j.max_attempts and j.run_at > now()), run_at => now())`,
    [JSON.stringify(tasks)],
  );
  await wakeWorkers(em, rows.length);
  return rows.length;
}

/** The queue as an operator watches it, per task: jobs due and waiting, failed for good, and the oldest due one's age (seconds). */
export async function jobQueueFigures(
  em: EntityManager,
): Promise<Array<{ task: string; waiting: number; failed: number; oldestWaitingSeconds: number }>> {
  return em.execute(
    `select t.identifier as task,
            count(*) filter (where j.locked_at is null and j.attempts < j.max_attempts and j.run_at <= now())::int as waiting,
            count(*) filter (where j.attempts >= j.max_attempts)::int as failed,
            coalesce(extract(epoch from now() - min(j.run_at) filter (where j.locked_at is null and j.attempts < j.max_attempts and j.run_at <= now())), 0)::float as "oldestWaitingSeconds"
     from ${JOBS} j join ${TASKS} t on t.id = j.task_id group by t.identifier`,
  );
}

/** Rows the job table may gain or lose against the planner's figure before it is analyzed again. */
const STATISTICS_SLACK_ROWS = 1_000;

/**
 * Keeps the planner's figure for the job table's size near the truth, and says whether it had to
 * (national scale). graphile-worker's `add_jobs` first clears the key of any running job with a
 * key it is given; each session caches that statement's plan, and a plan made while the queue was
 * short scans the whole table. When a burst leaves thousands of jobs waiting, every transaction
 * that adds a job then pays for the scan (measured: 0.7 ms per call with an empty queue, 3.3 ms at
 * 10,000 waiting and 7.4 ms at 30,000; 3 ms of the 7.9 ms PostgreSQL spent on an officer's accept
 * in bench:transitions, 63 µs once analyzed). Autovacuum analyzes only after a fifth of the table has changed and at most once a
 * minute, so this analyzes when the live count has doubled (or halved) against the planner's
 * figure by more than STATISTICS_SLACK_ROWS: the cached plans are made again, with the key index.
 */
export async function refreshJobTableStatistics(em: EntityManager): Promise<boolean> {
  const [row] = await em.execute<Array<{ planned: number; live: number }>>(
    `select greatest(c.reltuples, 0)::float8 as planned, (select count(*) from ${JOBS})::float8 as live
       from pg_class c where c.oid = '${JOBS}'::regclass`,
  );
  const { planned, live } = row!;
  const grown = live > 2 * planned && live - planned > STATISTICS_SLACK_ROWS;
  const shrunk = live < planned / 2 && planned - live > STATISTICS_SLACK_ROWS;
  if (!grown && !shrunk) return false;
  await em.execute(`analyze ${JOBS}`);
  return true;
}

/**
 * A job runner vouches for the ids it locks jobs under (its pool's and its workers'), every few
 * seconds while it runs (the job_locker table's comment says why).
 */
export async function vouchForJobLockers(em: EntityManager, lockerIds: readonly string[]): Promise<void> {
  if (!lockerIds.length) return;
  await em.execute(
    `insert into job_locker (locker_id, seen_at) select json_array_elements_text(?::json), now()
       on conflict (locker_id) do update set seen_at = excluded.seen_at`,
    [JSON.stringify(lockerIds)],
  );
}

/** A runner that stopped in order has handed its jobs back: its ids need no vouching. */
export async function forgetJobLockers(em: EntityManager, lockerIds: readonly string[]): Promise<void> {
  if (!lockerIds.length) return;
  await em.execute(`delete from job_locker where locker_id in (select json_array_elements_text(?::json))`, [
    JSON.stringify(lockerIds),
  ]);
}

/**
 * Unlocks the jobs (and named queues) locked longer than `staleSeconds` ago under an id no
 * runner has vouched for within `staleSeconds`: a process that died holding them. Answers those
 * ids. Their jobs are available again at once, to whichever runner fetches first; a job that was
 * still running somewhere runs again, which every task allows (deliveries are keyed). Ids nobody
 * has vouched for in a day are forgotten.
 */
export async function unlockJobsOfDeadLockers(em: EntityManager, staleSeconds: number): Promise<string[]> {
  const [row] = await em.execute<Array<{ dead: string[] }>>(
    `with held as (
       select locked_by, locked_at from ${JOBS} where locked_at is not null
       union all
       select locked_by, locked_at from graphile_worker._private_job_queues where locked_at is not null
     ), dead as (
       select distinct h.locked_by as id from held h
        where h.locked_at < now() - make_interval(secs => ?)
          and not exists (select 1 from job_locker l
                           where l.locker_id = h.locked_by and l.seen_at > now() - make_interval(secs => ?))
     ), forgotten as (
       delete from job_locker where seen_at < now() - interval '1 day' or locker_id in (select id from dead)
     )
     select coalesce(array_agg(id), '{}') as dead,
            graphile_worker.force_unlock_workers(coalesce(array_agg(id), '{}')) as unlocked
       from dead`,
    [staleSeconds, staleSeconds],
  );
  await wakeWorkers(em, row!.dead.length);
  return row!.dead;
}
