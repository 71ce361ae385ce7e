import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import type { MikroORM } from '@caunoi/db';
import { createApp, createWorkerApp } from './app';
import { createTokenService } from './auth/tokens';
import type { Config } from './support/config';
import type { Logger } from './support/logger';
import { type JobRunner, startJobRunner, watchJobQueue } from './jobs/job-runner';
import { createBackgroundGate } from './jobs/background-gate';
import { BusySignal } from './support/busy-signal';
import { createTasks } from './jobs/tasks';
import { TASKS } from './transitions/delivery-jobs';
import { type RealtimeServer, createSocketServer } from './realtime/socket-server';
import { createSlaContextLoader } from './transitions/sla-context';
import { createMailSender } from './adapters/mail-sender';
import { createEmailDeliverer } from './jobs/deliver-email';
import { PORTAL_RECEIVING_UNIT, createPortalIntakeHandler } from './channels/portal/portal-intake';
import { createEmailIntakeHandler } from './channels/email/email-intake';
import { startSmtpIntake } from './channels/email/smtp-intake';
import { createByteQuota } from './http/rate-limits';
import { createSharedCounters } from './http/shared-counters';
import axios from 'axios';
import type { FakeZalo } from './dev/fake-zalo';
import { createZaloClient } from './adapters/zalo-client';
import { createZaloIntakeHandler } from './channels/zalo/zalo-intake';
import { ensureDefaultZaloOa } from './channels/zalo/zalo-oa-config';
import { createZaloTokenStore } from './adapters/zalo-tokens';
import { createZaloWebhookRoutes } from './channels/zalo/zalo-webhook.routes';
import { createZaloDeliverer } from './jobs/deliver-zalo';
import { type IntakeOutcome, type IntakeProcessor, createIntakeProcessor } from './intake/intake-processor';
import { type IntakeMetricOutcome, type Metrics, createMetrics } from './support/metrics';
import { type IntakeReceiver, createGroupCommitIntake } from './intake/group-commit';
import { createRoutingReferenceLoader } from './routing/route-submission';
import { createTriageModels } from './triage/triage-models';

export interface ServerDeps {
  config: Config;
  orm: MikroORM;
  logger: Logger;
  /** The development fake Zalo, for the /api/dev/zalo aids. */
  fakeZalo?: FakeZalo;
  /** The demo logins /api/dev/demo-accounts lists (development only). */
  demoAccounts?: ReadonlyArray<{ email: string; password: string }>;
}

export interface RunningServer {
  server: Server;
  /** The Express app behind `server` (its route table is what the OpenAPI test compares with the document). */
  app: Express;
  io: RealtimeServer;
  /** This instance's share of the job queue (deliveries, live updates, retries, schedules). */
  jobs: JobRunner;
  intake: IntakeProcessor;
  /** The SMTP intake's port, or null when it is off (or could not start). */
  smtpPort: number | null;
  /** Whether the configured default Zalo OA is in use (false when none is set or its unit is unknown). */
  defaultZaloOa: boolean;
  /** Base URL as seen from this machine, e.g. http://127.0.0.1:3000 */
  url: string;
  stop(): Promise<void>;
}

/** Starts HTTP, socket.io and the job runner on one port (port 0 picks a free one, for tests). */
/** How often the case tallies' deltas are folded (a short delta table keeps summaries fast). */
const TALLY_FOLD_MS = 10_000;

export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const { config, orm } = deps;
  // Background work (sweeps, deliveries, socket adapters) logs through a child that goes quiet
  // once stopping begins: connections closing under a Ctrl-C are expected, not errors.
  const logger = deps.logger.child({});
  const tokens = createTokenService(config.authSecret, config.tokenTtlHours);
  const server = createServer();
  const realtime = createSocketServer(server, orm, String(orm.config.get('clientUrl')), tokens, logger);
  const io = realtime.io;
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const mailSender = createMailSender(config.smtpUrl, orm);
  const defaultZaloOa = await ensureDefaultZaloOa(orm, config.zalo, logger);
  const zaloHttp = axios.create({ timeout: 10_000 });
  const zaloClient =
    config.zalo.apiBase && config.zalo.oauthBase
      ? createZaloClient(
          config.zalo.apiBase,
          createZaloTokenStore(orm, zaloHttp, config.zalo.oauthBase, logger),
          zaloHttp,
        )
      : null;
  if (!zaloClient) logger.warn('ZALO_API_BASE/ZALO_OAUTH_BASE not set: Zalo messages wait in the job queue');
  const loadSla = createSlaContextLoader({ maxPausedSeconds: config.maxPauseDays * 86_400 }, config.officeClosesAt);
  const loadRouting = createRoutingReferenceLoader();
  const triageModels = createTriageModels(orm);
  // A fresh database gets its first category model now (from the bootstrap examples); later ones nightly.
  if (!(await triageModels.current()))
    await triageModels
      .train()
      .catch((error: unknown) => logger.warn({ err: error }, 'the category model could not be trained yet'));
  const intake = createIntakeProcessor({
    orm,
    loadSla,
    loadRouting,
    accessKeySecret: config.authSecret,
    handlers: {
      portal: createPortalIntakeHandler(),
      zalo: createZaloIntakeHandler(),
      email: createEmailIntakeHandler({
        secret: config.authSecret,
        intakeDomain: config.intakeDomain,
        triageUnitCode: PORTAL_RECEIVING_UNIT,
      }),
    },
    logger,
  });
  const metrics = createMetrics(orm);
  // One set of rate-limit counters for the HTTP limits and the mail intake's byte quota.
  const rateCounters = createSharedCounters(orm, {
    onError: (error) => logger.warn({ err: error }, 'rate-limit counters not written; kept for the next write'),
  });
  // Intake marks its groups; this process's background jobs stand back meanwhile.
  const intakeBusy = new BusySignal();
  const inbound = measuredIntake(
    createGroupCommitIntake({ orm, processor: intake, logger, busy: intakeBusy }),
    metrics,
  );
  const schedules = config.sweepIntervalMs > 0;
  const tasks = createTasks({
    orm,
    triage: { models: triageModels, loadRouting },
    io,
    loadSla,
    intake,
    logger,
    publicUrl,
    schedules,
    webhooksPublicOnly: config.isProduction,
    operator: config.operator,
    refusedRetentionDays: config.refusedRetentionDays,
    metrics,
    email: createEmailDeliverer({
      sender: mailSender,
      from: config.mailFrom,
      secret: config.authSecret,
      intakeDomain: config.intakeDomain,
      publicUrl,
      replyMailbox: config.replyMailbox,
      operator: config.operator,
    }),
    zalo: zaloClient
      ? createZaloDeliverer({ client: zaloClient, secret: config.authSecret, publicUrl, operator: config.operator })
      : null,
  });
  const role = config.processRole;
  // A web process runs no job: the worker processes do, and its drain waits for them.
  const jobs =
    role === 'web'
      ? watchJobQueue(orm, Object.keys(tasks))
      : await startJobRunner({
          connectionString: String(orm.config.get('clientUrl')),
          orm,
          logger,
          concurrency: config.jobConcurrency,
          lockStaleMs: config.jobLockStaleMs,
          gate: createBackgroundGate(intakeBusy, config.backgroundPauseMs),
          tasks,
          // The digest is looked at hourly (UTC hours are whole local hours in Viet Nam); it goes out once a day.
          // The category model is retrained nightly, at 02:30 in Viet Nam (19:30 UTC), from officers' decisions.
          // The tallies are recounted from the cases nightly, at 03:00 in Viet Nam (20:00 UTC), repairing any drift.
          // Housekeeping (rate-limit windows, refused items past their retention) runs hourly.
          crontab: schedules
            ? [
                `0 * * * * ${TASKS.digest}`,
                `0 20 * * * ${TASKS.recountTallies}`,
                `30 * * * * ${TASKS.housekeeping}`,
                // The category model learns the day's decisions at 02:30 in Viet Nam.
                `30 19 * * * ${TASKS.trainTriage}`,
              ]
            : [],
          recurring: [
            ...(schedules
              ? [
                  { task: TASKS.sweep, everyMs: config.sweepIntervalMs },
                  { task: TASKS.foldTallies, everyMs: TALLY_FOLD_MS },
                ]
              : []),
            ...(config.intakeRetryMs > 0 ? [{ task: TASKS.requeue, everyMs: config.intakeRetryMs }] : []),
          ],
        });
  // A worker answers only its operators (health and metrics); its broadcasts reach the web
  // processes' sockets through the socket.io adapter.
  const app =
    role === 'worker'
      ? createWorkerApp({ orm, logger, metrics })
      : createApp({
          config,
          orm,
          logger,
          rateCounters,
          tokens,
          loadSla,
          loadRouting,
          triageModels,
          intake,
          inbound,
          metrics,
          fakeZalo: deps.fakeZalo,
          ...(deps.demoAccounts ? { demoAccounts: deps.demoAccounts } : {}),
          rawBodyRoutes: [{ path: '/api/zalo', router: createZaloWebhookRoutes(orm, inbound, logger) }],
        });
  // Items a previous run stored but did not finish (a crash, a fault since fixed) get their retry jobs now.
  if (config.intakeRetryMs > 0)
    await intake.requeueUnprocessed().catch((error: unknown) => logger.error({ err: error }, 'inbound requeue failed'));
  // Once stopping begins, each open connection is closed after the answer it is waiting for:
  // a client that keeps its connection alive cannot keep the process busy for ever.
  let closing = false;
  server.on('request', (_req, res) => {
    if (closing) res.setHeader('Connection', 'close');
  });
  server.on('request', app);
  // Email intake is an optional part: a port already taken disables it, with a warning naming the setting.
  async function startOptionalSmtpIntake() {
    try {
      return await startSmtpIntake({
        orm,
        intake: inbound,
        logger,
        host: config.host,
        port: config.smtpIntakePort,
        intakeDomain: config.intakeDomain,
        maxBytes: config.maxMailBytes,
        quota: createByteQuota(rateCounters, config.intakeBytesPerHour),
      });
    } catch (error) {
      logger.warn(
        `SMTP_INTAKE_PORT: the email intake could not listen on port ${config.smtpIntakePort} (${(error as Error).message}); email intake is off and everything else starts. Choose a free port, or -1 to turn it off.`,
      );
      return null;
    }
  }
  const smtp = role !== 'worker' && config.smtpIntakePort >= 0 ? await startOptionalSmtpIntake() : null;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    app,
    io,
    jobs,
    intake,
    smtpPort: smtp?.port ?? null,
    defaultZaloOa,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      logger.level = 'silent';
      // No new connection; idle ones now, busy ones after their answer; then what was taken is finished.
      closing = true;
      server.close();
      server.closeIdleConnections();
      await inbound.drain();
      await jobs.stop();
      await smtp?.close();
      await rateCounters.stop();
      await realtime.close();
      mailSender.close();
      server.closeAllConnections();
    },
  };
}

/**
 * The receiver with every outcome counted (caunoi_submissions_total by channel and outcome) and
 * its time from receipt to the answer measured (caunoi_submission_acknowledgement_seconds).
 */
function measuredIntake(receiver: IntakeReceiver, metrics: Metrics): IntakeReceiver {
  const outcomeOf = (o: IntakeOutcome): IntakeMetricOutcome =>
    o.kind === 'case'
      ? o.replayed
        ? 'duplicate'
        : 'accepted'
      : o.kind === 'rejected'
        ? 'rejected'
        : o.kind === 'failed'
          ? 'failed'
          : 'other';
  return {
    async receive(item) {
      const handed = await receiver.receive(item);
      void handed.outcome.then((o) =>
        metrics.intakeOutcome(item.channel, outcomeOf(o), (Date.now() - item.receivedAt.getTime()) / 1000),
      );
      return handed;
    },
    drain: () => receiver.drain(),
  };
}
