import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { refreshJobTableStatistics } from '@caunoi/db';
import { type TestDatabase, createTestDatabase } from '@caunoi/db/testing';
import { startJobRunner } from '../src/jobs/job-runner';
import { createLogger } from '../src/support/logger';

/**
 * A burst leaves thousands of jobs waiting. graphile-worker's add_jobs, which every transition and
 * submission calls, first looks for running jobs under the keys it is given; the plan for that
 * look is cached per session, and one made while the queue was short scans the whole table. The
 * statistics keeper analyzes the table once its size has moved, and the plans are made again.
 */
const serverUrl = inject('databaseServerUrl');
let db: TestDatabase;
/** A session of its own, as a pooled connection of the backend is, that reports add_jobs' plans. */
let session: pg.Client;
const plans: string[] = [];

/** Jobs under keys, for a task no runner here takes: they wait, as a backlog does. */
const addKeyedJobs = (client: pg.Client | TestDatabase, count: number) => {
  const sql = `select count(*) from graphile_worker.add_jobs(array(
      select ('statisticsStory', '{}'::json, null, null, null, 'story:' || i || ':' || random(), null, null)::graphile_worker.job_spec
      from generate_series(1, ${count}) i))`;
  return client instanceof pg.Client ? client.query(sql) : client.orm.em.fork().execute(sql);
};
/** The plan of add_jobs' look for running jobs under the given keys, as this session runs it now. */
const planOfKeyLook = async () => {
  plans.length = 0;
  await addKeyedJobs(session, 2);
  const look = plans.find((p) => p.includes('Update on _private_jobs'));
  if (!look)
    throw new Error(`no plan reported for the key look among: ${plans.map((p) => p.slice(0, 80)).join(' | ')}`);
  return look;
};

beforeAll(async () => {
  db = await createTestDatabase(serverUrl);
  // Autovacuum must not analyze meanwhile: this story is about what happens until someone does.
  await db.orm.em.fork().execute('alter table graphile_worker._private_jobs set (autovacuum_enabled = false)');
  await db.orm.em.fork().execute('analyze graphile_worker._private_jobs');
  session = new pg.Client({ connectionString: db.url });
  await session.connect();
  session.on('notice', (notice) => {
    const plan = notice.message?.split('\n').slice(1).join('\n').trim();
    if (plan) plans.push(plan);
  });
  for (const setting of [
    `load 'auto_explain'`,
    'set auto_explain.log_min_duration = 0',
    'set auto_explain.log_nested_statements = on',
    'set auto_explain.log_level = notice',
    'set client_min_messages = notice',
  ])
    await session.query(setting);
});
afterAll(async () => {
  await session?.end();
  await db?.drop();
});

describe('the job table statistics', () => {
  it('leaves a short queue alone', async () => {
    expect(await refreshJobTableStatistics(db.orm.em.fork())).toBe(false);
  });

  it('scans the whole queue with a plan made while it was short, until the table is analyzed', async () => {
    // The session runs add_jobs often enough to keep a generic plan, while the queue is short.
    for (let i = 0; i < 6; i += 1) await addKeyedJobs(session, 2);
    expect(await planOfKeyLook()).toContain('Seq Scan on _private_jobs');

    await addKeyedJobs(db, 5_000);
    expect(await planOfKeyLook()).toContain('Seq Scan on _private_jobs');

    expect(await refreshJobTableStatistics(db.orm.em.fork())).toBe(true);
    const look = await planOfKeyLook();
    expect(look).toContain('Index Scan using jobs_key_key');
    expect(look).not.toContain('Seq Scan on _private_jobs');
    // Analyzed, the figure is the truth: nothing more to do until the size moves again.
    expect(await refreshJobTableStatistics(db.orm.em.fork())).toBe(false);
  });

  it('is kept by the job runner while it runs', async () => {
    const analyzed = async () =>
      (
        await db.orm.em
          .fork()
          .execute<Array<{ n: number }>>(
            `select analyze_count::int as n from pg_stat_user_tables where schemaname = 'graphile_worker' and relname = '_private_jobs'`,
          )
      )[0]!.n;
    const runner = await startJobRunner({
      connectionString: db.url,
      orm: db.orm,
      logger: createLogger('silent'),
      tasks: {},
      crontab: [],
      recurring: [],
      concurrency: 1,
      statisticsEveryMs: 50,
    });
    try {
      const before = await analyzed();
      await addKeyedJobs(db, 12_000);
      const until = Date.now() + 10_000;
      while ((await analyzed()) === before && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(await analyzed()).toBeGreaterThan(before);
    } finally {
      await runner.stop();
    }
  });
});
