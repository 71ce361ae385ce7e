import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestDatabase, createTestDatabase } from '../src/testing';
import { addJobs } from '../src/repositories/job-queue.repository';

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
