import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MikroORM, findFreePort, initORM, migrate, startEmbeddedDatabase } from '@caunoi/db';
import { type createLogger, loadConfig, startServer } from '@caunoi/backend';

export interface BenchDatabase {
  url: string;
  orm: MikroORM;
}

/**
 * A fresh embedded PostgreSQL with fsync on (as `npm start` runs it), migrated, for one benchmark;
 * stopped and deleted afterwards whatever happens.
 */
export async function withBenchDatabase<T>(
  work: (db: BenchDatabase) => Promise<T>,
  ormOptions: Parameters<typeof initORM>[1] = {},
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'caunoi-bench-'));
  chmodSync(dataDir, 0o755); // the OS user postgres must traverse it when this runs as root
  const database = await startEmbeddedDatabase({ dataDir, port: await findFreePort(), database: 'caunoi' });
  const orm = await initORM(database.url, { pool: { min: 2, max: 20 }, ...ormOptions });
  try {
    await migrate(orm);
    return await work({ url: database.url, orm });
  } finally {
    await orm.close();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The real server on a bench database, on a free local port, with the test environment's settings
 * and the bench's own (`settings` are environment variables, e.g. SWEEP_INTERVAL_MS: '0').
 */
export function startBenchServer(
  { url, orm }: BenchDatabase,
  logger: ReturnType<typeof createLogger>,
  settings: Record<string, string> = {},
): ReturnType<typeof startServer> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, ...settings });
  return startServer({ config, orm, logger });
}
