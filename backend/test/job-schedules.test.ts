import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { initORM } from '@caunoi/db';
import { loadConfig } from '../src/support/config';
import { createLogger } from '../src/support/logger';
import { type RunningServer, startServer } from '../src/server';
import { eventually } from './eventually';
import { type World, startWorld } from './world';

/**
 * The schedules run on the job queue: the sweeper is one recurring job that every instance with
 * schedules shares (its crontab line, the digest's too, is parsed at start), so two instances
 * fire a deadline once, within the interval, with no timer of their own.
 */
const serverUrl = inject('databaseServerUrl');
const SCHEDULED = { SWEEP_INTERVAL_MS: '200', INTAKE_RETRY_MS: '0' };
let w: World;
let second: RunningServer;
let secondOrm: Awaited<ReturnType<typeof initORM>>;

beforeAll(async () => {
  w = await startWorld(serverUrl, SCHEDULED);
  secondOrm = await initORM(w.t.db.url);
  second = await startServer({
    config: loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: w.t.db.url,
      SMTP_INTAKE_PORT: '-1',
      ...SCHEDULED,
    }),
    orm: secondOrm,
    logger: createLogger('silent'),
  });
});
afterAll(async () => {
  await second?.stop();
  await secondOrm?.close(true);
  await w?.stop();
});

describe('the sweeper as a recurring job', () => {
  it('keeps one waiting run for both instances', async () => {
    const runs = await w.sql(
      `select count(*)::int as n from graphile_worker._private_jobs where key = 'recurring:sweepDeadlines'`,
    );
    expect(runs[0].n).toBe(1);
  });

  it('fires a passed deadline once, with two instances sweeping', async () => {
    const cases = await Promise.all(Array.from({ length: 20 }, () => w.submit('00004')));
    const ids = cases.map((c) => c.caseId);
    // Their 80 % warnings fall due now.
    await w.sql(
      `update case_file set warn_at = now() - interval '1 minute', next_due_at = now() - interval '1 minute' where id = any($1::int[])`,
      [ids],
    );
    const warned = await eventually(async () => {
      const [row] = await w.sql(
        `select count(*)::int as n from case_event where type = 'SLA_WARNING' and case_id = any($1::int[])`,
        [ids],
      );
      return row.n === ids.length ? row.n : null;
    });
    expect(warned).toBe(20);
    // A few more sweeps pass: nothing fires twice.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const perCase = await w.sql(
      `select case_id, count(*)::int as n from case_event where type = 'SLA_WARNING' and case_id = any($1::int[]) group by case_id having count(*) > 1`,
      [ids],
    );
    expect(perCase).toEqual([]);
    expect(
      (
        await w.sql(
          `select count(*)::int as n from graphile_worker._private_jobs where key = 'recurring:sweepDeadlines'`,
        )
      )[0].n,
    ).toBe(1);
  });
});
