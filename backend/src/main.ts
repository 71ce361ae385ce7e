/**
 * `npm start`: the whole system on one machine. Without DATABASE_URL an embedded PostgreSQL runs
 * in DATA_DIR; the database is migrated and seeded; the server prints its URLs and demo logins.
 * Ctrl-C stops the server and PostgreSQL cleanly.
 */
import { initORM, resolveDatabase } from '@caunoi/db';
import { demoAccounts } from '@caunoi/seeds';
import { prepareDatabase } from './bootstrap/prepare-database';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './server';

const config = loadConfig();
const logger = createLogger(config.logLevel);

const database = await resolveDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  embeddedPort: config.embeddedPgPort,
  log: (line) => logger.info(line),
});
const orm = await initORM(database.url);
await prepareDatabase(orm, { databaseUrl: database.url, demoCases: config.demoCases, demoSeed: config.demoSeed, loadDemo: !config.isProduction }, logger);
const running = await startServer({ config, orm, logger });

const base = config.publicUrl ?? `http://localhost:${config.port}`;
const lines = [
  '',
  'CauNoi is running.',
  `  API            ${base}/api`,
  `  Health         ${base}/healthz   ${base}/readyz   ${base}/metrics`,
  `  Database       ${database.embedded ? `embedded PostgreSQL in ${config.dataDir} (port ${config.embeddedPgPort})` : 'DATABASE_URL'}`,
];
if (!config.isProduction) {
  lines.push(`  Demo logins    ${base}/api/dev/demo-accounts  (password for all: ${demoAccounts[0]!.password})`);
  for (const account of demoAccounts) lines.push(`    ${account.role.padEnd(10)} ${account.unitCode.padEnd(6)} ${account.email}`);
}
lines.push('Press Ctrl-C to stop.', '');
console.log(lines.join('\n'));

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: stopping`);
  try {
    await running.stop();
    await orm.close();
    await database.stop();
  } finally {
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
