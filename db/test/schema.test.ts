import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { initORM, migrate } from '../src/orm';
import { adminQuery } from '../src/testing/test-database';
import { TALLIED_COLUMNS, caseTallyTriggerFunction } from '../src/migrations/Migration20261201210000_case_tally';
import { RUNNING_DUE } from '../src/migrations/Migration20261203010000_answer_approval';

const serverUrl = inject('databaseServerUrl');
/** PostgreSQL's SQLSTATE for a unique violation. */
const UNIQUE_VIOLATION = { code: '23505' };
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase(serverUrl);
});
afterAll(async () => {
  await db?.drop();
});

describe('migrations', () => {
  it('apply to an empty database and leave nothing for a schema diff to change', async () => {
    const name = `caunoi_empty_${Date.now()}`;
    await adminQuery(serverUrl, `create database "${name}"`);
    const orm = await initORM(`${serverUrl}/${name}`);
    try {
      const applied = await migrate(orm);
      expect(applied.length).toBeGreaterThanOrEqual(2);
      expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
      expect(await migrate(orm)).toEqual([]);
    } finally {
      await orm.close(true);
      await adminQuery(serverUrl, `drop database "${name}" with (force)`);
    }
  });
});

describe('constraints that keep data honest', () => {
  async function insertUnit(code: string): Promise<number> {
    const [row] = await db.orm.em.getConnection().execute<{ id: number }[]>(
      `insert into org_unit (code, name_vi, name_en, level, kind, path, valid_from, created_at)
       values (?, 'Đơn vị', 'Unit', 'province', 'tỉnh', ?, '2025-07-01', now()) returning id`,
      [code, `/${code}/`],
    );
    return row!.id;
  }

  async function insertCase(
    trackingCode: string,
    unitId: number,
    title = 'Tiêu đề',
    body = 'Nội dung',
  ): Promise<number> {
    const [row] = await db.orm.em.getConnection().execute<{ id: number }[]>(
      `insert into case_file (tracking_code, access_key_hash, title, body, channel, receiving_unit_id, owning_unit_id, status, received_at, created_at, updated_at)
       values (?, repeat('0', 64), ?, ?, 'portal', ?, ?, 'received', now(), now(), now()) returning id`,
      [trackingCode, title, body, unitId, unitId],
    );
    return row!.id;
  }

  it('refuse a second case with the same tracking code', async () => {
    const unit = await insertUnit('T1');
    await insertCase('CN.20261122.00001', unit);
    await expect(insertCase('CN.20261122.00001', unit)).rejects.toMatchObject(UNIQUE_VIOLATION);
  });

  it('refuse the same inbound item twice on a channel, but allow the same id on another channel', async () => {
    const insert = (channel: string, externalId: string) =>
      db.orm.em
        .getConnection()
        .execute(
          `insert into inbound_item (channel, external_id, content_type, raw, received_at) values (?, ?, 'application/json', '\\x7b7d', now())`,
          [channel, externalId],
        );
    await insert('zalo', 'msg-1');
    await expect(insert('zalo', 'msg-1')).rejects.toMatchObject(UNIQUE_VIOLATION);
    await expect(insert('email', 'msg-1')).resolves.toBeDefined();
  });

  it('number the audit trail once per case and queue each effect once', async () => {
    const unit = await insertUnit('T2');
    const caseId = await insertCase('CN.20261122.00002', unit);
    const event = () =>
      db.orm.em
        .getConnection()
        .execute(
          `insert into case_event (case_id, seq, type, actor_type, actor, prev_hash, hash, created_at) values (?, 1, 'SUBMITTED', 'citizen', 'citizen', repeat('0', 64), repeat('a', 64), now())`,
          [caseId],
        );
    await event();
    await expect(event()).rejects.toMatchObject(UNIQUE_VIOLATION);

    // A message reaches each recipient once: a second receipt for the same key and recipient is refused.
    const receipt = (recipient: string) =>
      db.orm.em
        .getConnection()
        .execute(
          `insert into delivery_receipt (dedupe_key, recipient, channel, case_id, sent_at) values ('citizen:acknowledged:1:1', ?, 'email', ?, now())`,
          [recipient, caseId],
        );
    await receipt('an@example.test');
    await expect(receipt('an@example.test')).rejects.toMatchObject(UNIQUE_VIOLATION);
    await expect(receipt('binh@example.test')).resolves.toBeDefined();
  });

  it('refuse a status the lifecycle does not know', async () => {
    const unit = await insertUnit('T3');
    const caseId = await insertCase('CN.20261122.00003', unit);
    await expect(
      db.orm.em.getConnection().execute(`update case_file set status = 'lost' where id = ?`, [caseId]),
    ).rejects.toThrow(/case_file_status_check/);
  });

  it('finds Vietnamese text with or without diacritics through the full-text table its insert trigger fills', async () => {
    const unit = await insertUnit('T4');
    await insertCase(
      'CN.20261122.00004',
      unit,
      'Đường Hoàng Hoa Thám ngập nước',
      'Mưa lớn làm ngập đoạn đường trước trường học.',
    );
    await insertCase('CN.20261122.00005', unit, 'Cấp lại căn cước', 'Hồ sơ chậm trả kết quả.');
    const search = async (query: string) =>
      (
        await db.orm.em.getConnection().execute<{ tracking_code: string }[]>(
          `select c.tracking_code from case_search s join case_file c on c.id = s.case_id
           where s.document @@ plainto_tsquery('simple', caunoi_unaccent(?))`,
          [query],
        )
      ).map((r) => r.tracking_code);
    expect(await search('duong ngap')).toEqual(['CN.20261122.00004']);
    expect(await search('đường ngập')).toEqual(['CN.20261122.00004']);
    expect(await search('can cuoc')).toEqual(['CN.20261122.00005']);
  });
});

describe('one vocabulary for open and final statuses', () => {
  it('builds the open-case predicate and the partial index of due deadlines from workflows’ final statuses', async () => {
    const { FINAL_CASE_STATUSES } = await import('@caunoi/workflows');
    const { OPEN_SQL } = await import('../src/repositories/case.repository');
    expect(OPEN_SQL).toBe(`c.status not in (${FINAL_CASE_STATUSES.map((s) => `'${s}'`).join(', ')})`);
    const [index] = await db.orm.em
      .getConnection()
      .execute<Array<{ indexdef: string }>>(
        `select indexdef from pg_indexes where indexname = 'case_file_open_by_deadline_idx'`,
      );
    // PostgreSQL writes the predicate back as `<> ALL (ARRAY[...])`: every final status, and no other, is in it.
    const listed = [...index!.indexdef.matchAll(/'([a-zA-Z]+)'::text/g)].map((m) => m[1]).sort();
    expect(listed).toEqual([...FINAL_CASE_STATUSES].sort());
  });

  it('counts open and final cases in the tallies’ trigger with the same final statuses', async () => {
    const { FINAL_CASE_STATUSES } = await import('@caunoi/workflows');
    const [fn] = await db.orm.em
      .getConnection()
      .execute<Array<{ body: string }>>(`select prosrc as body from pg_proc where proname = 'caunoi_case_tally'`);
    const final = FINAL_CASE_STATUSES.map((s) => `'${s}'`).join(', ');
    expect(fn!.body).toContain(`c.status not in (${final})`);
    expect(fn!.body).toContain(`c.status in (${final})`);
    // The running-deadline index covers the statuses whose clocks can make a case overdue.
    const [index] = await db.orm.em
      .getConnection()
      .execute<Array<{ indexdef: string }>>(
        `select indexdef from pg_indexes where indexname = 'case_file_running_due_idx'`,
      );
    expect(index!.indexdef).toContain('triage');
  });
});

describe('the tally trigger', () => {
  it('watches every column its figures are read from, so an update it passes over changes no figure', () => {
    // The trigger skips updated rows whose TALLIED_COLUMNS are unchanged; a figure read from any
    // other column would drift until the nightly recount.
    const read = new Set(
      [...caseTallyTriggerFunction(RUNNING_DUE, { changedOnly: true }).matchAll(/\bc\.(\w+)/g)].map((m) => m[1]),
    );
    read.delete('sign');
    expect([...read].filter((column) => !TALLIED_COLUMNS.includes(column!))).toEqual([]);
    expect(read.size).toBeGreaterThan(5);
  });
});
