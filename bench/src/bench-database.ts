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
  const database = await startEmbeddedDatabase({
    dataDir,
    port: await findFreePort(),
    database: 'caunoi',
    // `PG_STATEMENTS=1`: PostgreSQL counts each statement's time, for `topStatements`.
    ...(process.env.PG_STATEMENTS
      ? { settings: ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track_planning=on'] }
      : {}),
  });
  const orm = await initORM(database.url, { pool: { min: 2, max: 20 }, ...ormOptions });
  try {
    await migrate(orm);
    if (process.env.PG_STATEMENTS)
      await orm.em.getConnection().execute('create extension if not exists pg_stat_statements');
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

/**
 * With `PG_STATEMENTS=1`: the statements that took most of PostgreSQL's time since `reset` (total
 * execution time, calls, mean), printed so that a bench shows where the database's side goes.
 * Returns a function that prints them; without the setting both do nothing.
 */
export async function watchStatements(orm: MikroORM): Promise<(title: string, top?: number) => Promise<void>> {
  if (!process.env.PG_STATEMENTS) return async () => {};
  const connection = orm.em.getConnection();
  await connection.execute('select pg_stat_statements_reset()');
  return async (title, top = 15) => {
    const rows = await connection.execute<
      Array<{ total: number; calls: number; mean: number; plan: number; query: string }>
    >(
      `select (total_exec_time + total_plan_time)::float8 as total, calls::int as calls,
              mean_exec_time::float8 as mean, mean_plan_time::float8 as plan, query
         from pg_stat_statements order by total_exec_time + total_plan_time desc limit ${top}`,
    );
    const all = await connection.execute<Array<{ total: number }>>(
      'select coalesce(sum(total_exec_time + total_plan_time), 0)::float8 as total from pg_stat_statements',
    );
    console.log(`\nPostgreSQL statements (${title}): ${all[0]!.total.toFixed(0)} ms planning and executing in all`);
    for (const r of rows)
      console.log(
        `${r.total.toFixed(0).padStart(8)} ms ${String(r.calls).padStart(7)} × ${r.mean.toFixed(3).padStart(8)} ms (planning ${r.plan.toFixed(3)} ms)  ${r.query.replace(/\s+/g, ' ').slice(0, 150)}`,
      );
    await connection.execute('select pg_stat_statements_reset()');
  };
}
