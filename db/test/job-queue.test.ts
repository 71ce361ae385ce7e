import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestDatabase, createTestDatabase } from '../src/testing';
import {
  addJobs,
  forgetJobLockers,
  unlockJobsOfDeadLockers,
  vouchForJobLockers,
} from '../src/repositories/job-queue.repository';

const serverUrl = inject('databaseServerUrl');
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase(serverUrl);
});
afterAll(async () => {
  await db?.drop();
});

describe('jobs that wait for a subscriber', () => {
  const sql = <T>(text: string, params: unknown[] = []) => db.orm.em.getConnection().execute<T[]>(text, params);
  const fanOut = (event: string, caseId: number) => ({
    task: 'fanOutWebhooks',
    payload: { event, caseId },
    jobKey: `webhook:${event}:${caseId}`,
    onlyIfSubscribedTo: event,
  });
  const queued = async () =>
    (
      await sql<{ key: string }>(
        `select key from graphile_worker.jobs where task_identifier = 'fanOutWebhooks' order by key`,
      )
    ).map((r) => r.key);

  it('are queued only while an active subscription of an active client wants the event, beside jobs that always are', async () => {
    // No subscription at all: the fan-out is left out, the other job of the same call is queued.
    await addJobs(db.orm.em.fork(), [fanOut('case.created', 1), { task: 'broadcastCase', payload: { caseId: 1 } }]);
    expect(await queued()).toEqual([]);
    expect(await sql(`select 1 from graphile_worker.jobs where task_identifier = 'broadcastCase'`)).toHaveLength(1);

    const [unit] = await sql<{ id: number }>(
      `insert into org_unit (code, name_vi, name_en, level, kind, path, valid_from, created_at)
       values ('91', 'Tỉnh', 'Province', 'province', 'tỉnh', '/91/', '2025-07-01', now()) returning id`,
    );
    const [client] = await sql<{ id: number }>(
      `insert into api_client (name, key_prefix, key_hash, unit_id, created_at)
       values ('iHanoi', 'ck_1', repeat('0', 64), ?, now()) returning id`,
      [unit!.id],
    );
    const [subscription] = await sql<{ id: number }>(
      `insert into webhook_subscription (api_client_id, url, secret, events)
       values (?, 'https://hooks.example/caunoi', 'whsec_x', '{case.answered}') returning id`,
      [client!.id],
    );
    // Subscribed to another event: still nothing; to this one: queued.
    await addJobs(db.orm.em.fork(), [fanOut('case.created', 2), fanOut('case.answered', 2)]);
    expect(await queued()).toEqual(['webhook:case.answered:2']);

    // A paused subscription, or a revoked client, wants nothing.
    await sql(`update webhook_subscription set active = false where id = ?`, [subscription!.id]);
    await addJobs(db.orm.em.fork(), [fanOut('case.answered', 3)]);
    await sql(`update webhook_subscription set active = true where id = ?`, [subscription!.id]);
    await sql(`update api_client set revoked_at = now() where id = ?`, [client!.id]);
    await addJobs(db.orm.em.fork(), [fanOut('case.answered', 4)]);
    expect(await queued()).toEqual(['webhook:case.answered:2']);
  });
});

describe('jobs held by a process that died', () => {
  const sql = <T>(text: string, params: unknown[] = []) => db.orm.em.getConnection().execute<T[]>(text, params);
  /** A job fetched by `locker` `secondsAgo` ago, as graphile-worker's local queue marks it. */
  const held = async (name: string, locker: string, secondsAgo: number) => {
    await addJobs(db.orm.em.fork(), [{ task: 'deliverEmail', payload: { name }, jobKey: `held:${name}` }]);
    await sql(
      `update graphile_worker._private_jobs set locked_by = ?, locked_at = now() - make_interval(secs => ?) where key = ?`,
      [locker, secondsAgo, `held:${name}`],
    );
  };
  const lockerOf = async (name: string) =>
    (
      await sql<{ locked_by: string | null }>(`select locked_by from graphile_worker.jobs where key = ?`, [
        `held:${name}`,
      ])
    )[0]!.locked_by;

  it('are unlocked once nobody has vouched for their locker within the stale time; a live one keeps its jobs', async () => {
    // A killed process's pool, whose fetched mail has waited 90 s; a live pool that fetched as long ago
    // and vouches for itself; a pool that fetched a moment ago and has not vouched yet (it just started).
    await held('killed', 'pool-killed', 90);
    await held('alive', 'pool-alive', 90);
    await held('starting', 'pool-starting', 2);
    await vouchForJobLockers(db.orm.em.fork(), ['pool-alive']);

    expect(await unlockJobsOfDeadLockers(db.orm.em.fork(), 60)).toEqual(['pool-killed']);
    expect(await lockerOf('killed')).toBeNull();
    expect(await lockerOf('alive')).toBe('pool-alive');
    expect(await lockerOf('starting')).toBe('pool-starting');
    // The freed mail is due again at once, for any runner.
    const [freed] = await sql<{ n: number }>(
      `select count(*)::int as n from graphile_worker.jobs where key = 'held:killed' and locked_at is null and run_at <= now()`,
    );
    expect(freed!.n).toBe(1);

    // A live process that stops vouching (its runner stopped without handing back, its machine
    // gone) is dead once its last word is older than the stale time.
    await sql(`update job_locker set seen_at = now() - interval '61 seconds' where locker_id = 'pool-alive'`);
    expect(await unlockJobsOfDeadLockers(db.orm.em.fork(), 60)).toEqual(['pool-alive']);
    expect(await sql(`select 1 from job_locker where locker_id = 'pool-alive'`)).toHaveLength(0);

    // A runner that stopped in order is forgotten; nothing else is unlocked.
    await vouchForJobLockers(db.orm.em.fork(), ['pool-starting']);
    await forgetJobLockers(db.orm.em.fork(), ['pool-starting']);
    expect(await sql(`select 1 from job_locker`)).toHaveLength(0);
    expect(await unlockJobsOfDeadLockers(db.orm.em.fork(), 60)).toEqual([]);
    await sql(`delete from graphile_worker._private_jobs where key like 'held:%'`);
  });
});
