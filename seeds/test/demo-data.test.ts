import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { CASE_STATUSES, type ChainLink, statusOf, verifyChain } from '@caunoi/workflows';
import { createTestDatabase, type TestDatabase } from '@caunoi/db/testing';
import { generateDemoData } from '../src/demo/generate-demo';
import { seedDemoAccounts } from '../src/demo/demo-accounts';
import { seedReferenceData } from '../src/seed-reference';
import { defaultAdminUnitsPath, defaultLegacyMapPath } from '../src/units/admin-units-file';

const serverUrl = inject('databaseServerUrl');
const AS_OF = new Date('2026-11-20T10:00:00+07:00');

interface Seeded {
  db: TestDatabase;
  client: pg.Client;
}

async function seededDatabase(cases: number, seed: number): Promise<Seeded> {
  const db = await createTestDatabase(serverUrl);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const adminUnitsPath = defaultAdminUnitsPath();
  await seedReferenceData(client, { adminUnitsPath, legacyMapPath: defaultLegacyMapPath(adminUnitsPath) });
  await seedDemoAccounts(client);
  await generateDemoData(client, { cases, seed, asOf: AS_OF, batchSize: 500 });
  return { db, client };
}

describe('the demo data generator', () => {
  let first: Seeded;
  let twin: Seeded;
  beforeAll(async () => {
    [first, twin] = await Promise.all([seededDatabase(1500, 42), seededDatabase(1500, 42)]);
  });
  afterAll(async () => {
    for (const s of [first, twin]) {
      await s?.client.end();
      await s?.db.drop();
    }
  });

  const digest = async (client: pg.Client) =>
    (
      await client.query(
        `select md5(string_agg(tracking_code || title || status || coalesce(resolve_due_at::text, ''), ',' order by id)) as d from case_file`,
      )
    ).rows[0].d;

  it('writes the same cases for the same seed', async () => {
    expect(await digest(first.client)).toBe(await digest(twin.client));
  });

  it('reaches every state of the lifecycle', async () => {
    const { rows } = await first.client.query(`select status, count(*)::int as n from case_file group by status`);
    const statuses = rows.map((r) => r.status).sort();
    expect(statuses).toEqual(CASE_STATUSES.filter((s) => s !== 'received').sort());
  });

  it('leaves each case in the state its last status-changing event names', async () => {
    const { rows } = await first.client.query(`
      select c.tracking_code from case_file c
      join lateral (select to_status from case_event e where e.case_id = c.id and e.to_status is not null order by seq desc limit 1) last on true
      where last.to_status <> c.status`);
    expect(rows).toEqual([]);
  });

  it('hash-chains every case history so that the verifier accepts it', async () => {
    const { rows } = await first.client.query(`
      select case_id as "caseId", seq, type, actor, payload, created_at as "createdAt", prev_hash as "prevHash", hash
      from case_event where case_id in (select id from case_file order by id limit 200) order by case_id, seq`);
    const byCase = new Map<number, ChainLink[]>();
    for (const row of rows) byCase.set(row.caseId, [...(byCase.get(row.caseId) ?? []), row]);
    for (const chain of byCase.values()) expect(verifyChain(chain)).toEqual({ ok: true, length: chain.length });
  });

  it('gives open cases the deadline the sweeper needs, and merged cases a master that counts its supporters', async () => {
    const { rows: missing } = await first.client.query(
      `select count(*)::int as n from case_file where status in ('routed', 'inProgress') and next_due_at is null and escalation_level < 3`,
    );
    expect(missing[0].n).toBe(0);
    const { rows: merged } = await first.client.query(`
      select count(*)::int as n, count(*) filter (where m.support_count > 1)::int as counted
      from case_file c join case_file m on m.id = c.duplicate_of_id where c.status = 'merged'`);
    expect(merged[0].n).toBeGreaterThan(0);
    expect(merged[0].counted).toBe(merged[0].n);
  });

  it('writes what production would: only the machine’s audit types, every passed deadline fired by the sweeper', async () => {
    const { AUDIT_TYPES, isOpenStatus } = await import('@caunoi/workflows');
    const { rows: types } = await first.client.query(`select distinct type from case_event`);
    for (const { type } of types) expect(Object.values(AUDIT_TYPES)).toContain(type);
    // Citizens close by rating; the sweeper closes a question left unanswered and an answer nobody rated when its window ends.
    const { rows: closers } = await first.client.query(
      `select type, actor, count(*)::int as n from case_event where to_status = 'closed' group by type, actor order by type`,
    );
    expect(closers).toEqual([
      { type: 'CLOSED', actor: 'citizen', n: expect.any(Number) },
      { type: 'INFO_TIMED_OUT', actor: 'system:sweeper', n: expect.any(Number) },
      { type: 'RESOLVE_TIMED_OUT', actor: 'system:sweeper', n: expect.any(Number) },
    ]);
    // Nothing the sweeper would still fire at the demo's "now" is left unfired on an open case.
    const { rows: open } = await first.client.query(
      `select status, next_due_at from case_file where next_due_at is not null`,
    );
    for (const row of open) {
      expect(isOpenStatus(row.status)).toBe(true);
      expect(new Date(row.next_due_at).getTime()).toBeGreaterThan(AS_OF.getTime());
    }
    // Deadline warnings and breaches come from the sweeper, at the deadline they name.
    const { rows: sweeps } = await first.client.query(
      `select distinct type from case_event where actor = 'system:sweeper'`,
    );
    expect(sweeps.map((r) => r.type).sort()).toEqual(expect.arrayContaining(['SLA_BREACHED', 'SLA_WARNING']));
  });

  it('issues unique tracking codes in date order and records the last number of each day', async () => {
    const { rows } = await first.client.query(`
      select bool_and(tracking_code like 'CN.' || to_char(received_at at time zone 'Asia/Ho_Chi_Minh', 'YYYYMMDD') || '.%') as dated,
             (select sum(last_value)::int from tracking_sequence) as issued, count(*)::int as cases from case_file`);
    expect(rows[0]).toEqual({ dated: true, issued: 1500, cases: 1500 });
  });

  it('gives the demo commune officer of Phường Ba Đình a queue of its own', async () => {
    const { rows } = await first.client.query(`
      select count(*)::int as n from case_file c join org_unit u on u.id = c.owning_unit_id where u.code = '00004'`);
    expect(rows[0].n).toBeGreaterThan(5);
  });

  it('publishes some answers the citizens agreed to, through the audit chain, masked', async () => {
    const { rows } = await first.client.query(`
      select p.title, p.question, p.answer, c.publication_consent, z.name,
             exists (select 1 from case_event e where e.case_id = c.id and e.type = 'ANSWER_PUBLISHED') as audited
        from public_answer p join case_file c on c.id = p.case_id left join citizen z on z.id = c.citizen_id`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.publication_consent).toBe(true);
      expect(row.audited).toBe(true);
      if (row.name) expect(`${row.title} ${row.question} ${row.answer}`).not.toContain(row.name);
    }
  });
});

describe('demo cases the machine can act on', () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seededDatabase(200, 5);
  });
  afterAll(async () => {
    await s?.client.end();
    await s?.db.drop();
  });

  it('store a machine snapshot whose state is the case status and whose unit is the owning unit', async () => {
    const { rows } = await s.client.query(`
      select c.status, c.machine_snapshot as snapshot, u.code from case_file c join org_unit u on u.id = c.owning_unit_id`);
    expect(rows.length).toBe(200);
    for (const row of rows) {
      expect(statusOf(row.snapshot.value)).toBe(row.status);
      // As production writes it: a case still in triage belongs to no unit yet (the desk of the
      // unit that received it holds it); once routed, the machine names the unit that owns it.
      if (row.status === 'triage') expect(row.snapshot.context.owningUnitCode).toBeNull();
      else expect(row.snapshot.context.owningUnitCode).toBe(row.code);
    }
  });
});
