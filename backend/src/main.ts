/**
 * `npm start`: the whole system on one machine. Without DATABASE_URL an embedded PostgreSQL runs
 * in DATA_DIR; the database is migrated and seeded; the server prints its URLs and demo logins.
 * Ctrl-C stops the server and PostgreSQL cleanly.
 */
import { initORM, resolveDatabase, takeOverShutdownSignals } from '@caunoi/db';
import { DEMO_ZALO_OA_ID, demoAccounts } from './bootstrap/demo-data';
import { prepareDatabase } from './bootstrap/prepare-database';
import { loadConfig, ormPoolOptions } from './support/config';
import { createLogger } from './support/logger';
import { startServer } from './server';
import { startDevelopmentZalo } from './dev/development-zalo';

let config = loadConfig();
const logger = createLogger(config.logLevel);

/**
 * graphile-worker 0.18, stopping its runner while the database is away, leaves one rejected
 * promise nobody handles (its local queue cannot hand its jobs back): by Node's default that ends
 * the process, and every other part of it with it. That one is logged (the job runner starts again
 * and unlocks those jobs); any other unhandled rejection still ends the process, as by default.
 */
process.on('unhandledRejection', (reason) => {
  const message = reason instanceof Error ? reason.message : String(reason);
  if (message.startsWith('Error occurred whilst returning jobs from local queue to database queue')) {
    logger.warn(
      { reason: message },
      'the job queue could not hand back its fetched jobs; they are unlocked when it restarts',
    );
    return;
  }
  logger.fatal({ err: reason }, 'unhandled promise rejection; stopping');
  process.exit(1);
});

const database = await resolveDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  embeddedPort: config.embeddedPgPort,
  embeddedSharedBuffersMb: config.embeddedPgSharedBuffersMb,
  log: (line) => logger.info(line),
});
const orm = await initORM(database.url, ormPoolOptions(config));
await prepareDatabase(
  orm,
  { databaseUrl: database.url, demoCases: config.demoCases, demoSeed: config.demoSeed, loadDemo: !config.isProduction },
  logger,
);
const developmentZalo = await startDevelopmentZalo(orm, config, DEMO_ZALO_OA_ID);
if (developmentZalo) config = developmentZalo.config;
const running = await startServer({
  config,
  orm,
  logger,
  fakeZalo: developmentZalo?.fake,
  ...(config.isProduction ? {} : { demoAccounts }),
});
developmentZalo?.fake.setWebhookUrl(`${running.url}/api/zalo/webhook`);

const base = config.publicUrl ?? `http://localhost:${config.port}`;
const lines = config.processRole === 'worker' ? workerLines() : webLines();
lines.push('Press Ctrl-C to stop.', '');
console.log(lines.join('\n'));

/** A worker runs the jobs only: it names what it answers, for its operators. */
function workerLines(): string[] {
  return [
    '',
    `CauNoi is running (PROCESS_ROLE=worker: deliveries, live updates, retries and schedules, ${config.jobConcurrency} jobs at a time).`,
    `  Health         ${base}/healthz   ${base}/readyz   ${base}/metrics`,
  ];
}

function webLines(): string[] {
  const lines = [
    '',
    `CauNoi is running${config.processRole === 'web' ? ' (PROCESS_ROLE=web: the jobs are run by the worker processes)' : ''}.`,
    `  Citizen portal ${base}/`,
    `  Public answers ${base}/cong-khai   (figures: ${base}/cong-khai/so-lieu)`,
    `  Admin UI       ${base}/admin/`,
    `  API            ${base}/api   (OpenAPI: ${base}/api/openapi.json)`,
    `  Email intake   smtp://localhost:${running.smtpPort ?? 'off'}   (write to gopy@${config.intakeDomain} or <unit code>@${config.intakeDomain})`,
    `  Zalo webhook   ${base}/api/zalo/webhook${developmentZalo && running.defaultZaloOa ? `   (fake Zalo at ${developmentZalo.fake.url}; OA ${config.zalo.defaultOa?.oaId} of unit ${config.zalo.defaultOa?.unitCode})` : running.defaultZaloOa ? '' : '   (no default OA in use: see the warning above)'}`,
    `  Health         ${base}/healthz   ${base}/readyz   ${base}/metrics`,
    `  Database       ${database.embedded ? `embedded PostgreSQL in ${config.dataDir} (port ${config.embeddedPgPort})` : 'DATABASE_URL'}`,
  ];
  if (!config.isProduction) {
    lines.push(`  Outgoing mail  ${config.smtpUrl ? 'SMTP_URL' : `${base}/api/dev/mail   (captured, not sent)`}`);
    if (developmentZalo && running.defaultZaloOa)
      lines.push(
        `  Zalo as a user POST ${base}/api/dev/zalo/messages {"userId":"…","text":"…"}   replies: ${base}/api/dev/zalo/sent`,
      );
    lines.push(`  Demo logins    ${base}/api/dev/demo-accounts  (password for all: ${demoAccounts[0]!.password})`);
    for (const account of demoAccounts)
      lines.push(`    ${account.role.padEnd(10)} ${account.unitCode.padEnd(6)} ${account.email}`);
  }
  return lines;
}

/**
 * A stop in order: intake in flight is finished, the jobs this process fetched are handed back
 * (another process runs them now, not after graphile-worker's four-hour lock), then the database.
 * A stop that hangs ends the process after SHUTDOWN_LIMIT_MS. A repeated signal changes nothing:
 * under `npm start` a Ctrl-C arrives twice (from the terminal, and relayed by tsx).
 */
const SHUTDOWN_LIMIT_MS = 30_000;
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: stopping`);
  setTimeout(() => {
    logger.error(`the shutdown took more than ${SHUTDOWN_LIMIT_MS / 1000} s; stopping now`);
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS).unref();
  let code = 0;
  try {
    // A Ctrl-C in the terminal stops the embedded PostgreSQL too: then nothing can be handed back,
    // and waiting for it would only keep the terminal. What this process held is freed when one starts again.
    const databaseGone = database.beginStop().then(() => 'gone' as const);
    const inOrder = (async () => {
      await running.stop();
      await developmentZalo?.fake.stop();
      await orm.close();
      return 'done' as const;
    })();
    // Left behind when the database went first: its failure then is expected, not a crash.
    inOrder.catch(() => {});
    if ((await Promise.race([inOrder, databaseGone])) === 'gone')
      logger.warn('PostgreSQL stopped with this process; jobs it had fetched are freed when it starts again');
    await database.stop();
  } catch (error) {
    logger.error({ err: error }, 'the shutdown failed');
    code = 1;
  } finally {
    process.exit(code);
  }
}
// Ours alone: the embedded database's exit hook would end the process before the jobs are handed back.
takeOverShutdownSignals();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
