import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
let w: World;
let officer: string;
let ngocHaOfficer: string;

beforeAll(async () => {
  w = await startWorld(serverUrl);
  [officer, ngocHaOfficer] = await Promise.all(
    ['canbo.badinh', 'canbo.ngocha'].map((n) => w.login(`${n}@caunoi.local`)),
  );
});
afterAll(() => w?.stop());

const transition = (token: string, caseId: number, body: Record<string, unknown>) =>
  w.api(token, 'POST', `/api/cases/${caseId}/transitions`, body);

/** Each case's audit chain is whole: seq 1..n, each link naming the one before (the verifier's check). */
async function chainsAreWhole(caseIds: number[]): Promise<void> {
  for (const id of caseIds) {
    const verified = await w.api(officer, 'GET', `/api/cases/${id}/audit/verify`);
    expect(verified.body).toMatchObject({ ok: true });
  }
}

describe('officers acting at the same moment', () => {
  it('commit together: forty accepts at once, each answered with its own case, version and audit event', async () => {
    const cases = await Promise.all(Array.from({ length: 40 }, () => w.submit('00004')));
    const replies = await Promise.all(cases.map((c) => transition(officer, c.caseId, { type: 'accept', version: 1 })));
    for (const [i, reply] of replies.entries()) {
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ id: cases[i]!.caseId, status: 'inProgress', version: 2 });
    }
    const ids = cases.map((c) => c.caseId);
    const rows = await w.sql(
      `select c.id, c.version, c.status, c.resolve_due_at is not null as clock,
              (select count(*)::int from case_event e where e.case_id = c.id and e.type = 'ACCEPTED') as accepted
         from case_file c where c.id = any($1::int[]) order by c.id`,
      [ids],
    );
    expect(rows).toHaveLength(40);
    for (const row of rows) expect(row).toMatchObject({ version: 2, status: 'inProgress', clock: true, accepted: 1 });
    // Together: the accepts' audit events were written by fewer transactions than there were accepts.
    const [{ transactions }] = await w.sql(
      `select count(distinct xmin::text)::int as transactions from case_event where case_id = any($1::int[]) and type = 'ACCEPTED'`,
      [ids],
    );
    expect(transactions).toBeLessThan(40);
    await chainsAreWhole(ids);
    // Each citizen is told on their own channel, once.
    await w.t.server.jobs.drain();
    const [told] = await w.sql(
      `select count(distinct case_id)::int as cases, count(*)::int as notices from delivery_receipt
        where case_id = any($1::int[]) and template = 'accepted'`,
      [ids],
    );
    expect(told).toEqual({ cases: 40, notices: 40 });
  });

  it('refuses in a group only the transition that is wrong: a stale version, a case out of the officer’s unit, a step the case cannot take', async () => {
    const [fresh, stale, elsewhere, closedOne] = await Promise.all([
      w.submit('00004'),
      w.submit('00004'),
      w.submit('00004'),
      w.submit('00004'),
    ]);
    const replies = await Promise.all([
      transition(officer, fresh.caseId, { type: 'accept', version: 1 }),
      transition(officer, stale.caseId, { type: 'accept', version: 7 }),
      // Phường Ngọc Hà's officer does not see Ba Đình's cases: not found, as for every read.
      transition(ngocHaOfficer, elsewhere.caseId, { type: 'accept', version: 1 }),
      // A routed case cannot be answered before it is accepted.
      transition(officer, closedOne.caseId, { type: 'respond', version: 1, answer: 'Đã xử lý xong việc này.' }),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 409, 404, 409]);
    expect(replies[1]!.body.error).toMatchObject({ reason: 'staleVersion', currentVersion: 1 });
    expect(replies[2]!.body.error.message).toBe(`No case ${elsewhere.caseId} in your jurisdiction`);
    expect(replies[3]!.body.error).toMatchObject({ reason: 'notAllowed', status: 'routed' });
    const rows = await w.sql('select id, version, status from case_file where id = any($1::int[])', [
      [fresh.caseId, stale.caseId, elsewhere.caseId, closedOne.caseId],
    ]);
    const now = new Map(rows.map((r) => [r.id, [r.version, r.status]]));
    expect([fresh, stale, elsewhere, closedOne].map((c) => now.get(c.caseId))).toEqual([
      [2, 'inProgress'],
      [1, 'routed'],
      [1, 'routed'],
      [1, 'routed'],
    ]);
  });

  it('takes two steps on one case in turn, never in one group: the second sees the first one’s version', async () => {
    const { caseId } = await w.submit('00004');
    const [accepted, answered] = await Promise.all([
      transition(officer, caseId, { type: 'accept', version: 1 }),
      transition(officer, caseId, { type: 'respond', version: 2, answer: 'Đơn vị đã khơi thông cống.' }),
    ]);
    expect(accepted.status).toBe(200);
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'resolved', version: 3 });
    await chainsAreWhole([caseId]);
  });

  it('writes a group the database refuses one transition at a time: the others commit, the failing one answers 500', async () => {
    const cases = await Promise.all(Array.from({ length: 12 }, () => w.submit('00004')));
    const doomed = cases[5]!.caseId;
    // The database refuses any change to one case (a broken row, a constraint added meanwhile).
    await w.sql(`create function test_refuse_case() returns trigger language plpgsql as $$
      begin raise exception 'case % refused by the test', new.id; end $$`);
    await w.sql(
      `create trigger test_refuse_case before update on case_file for each row when (new.id = ${doomed}) execute function test_refuse_case()`,
    );
    try {
      const replies = await Promise.all(
        cases.map((c) => transition(officer, c.caseId, { type: 'accept', version: 1 })),
      );
      for (const [i, reply] of replies.entries()) expect(reply.status).toBe(cases[i]!.caseId === doomed ? 500 : 200);
    } finally {
      await w.sql('drop trigger test_refuse_case on case_file');
      await w.sql('drop function test_refuse_case()');
    }
    const rows = await w.sql('select id, version from case_file where id = any($1::int[]) order by id', [
      cases.map((c) => c.caseId),
    ]);
    for (const row of rows) expect(row.version).toBe(row.id === doomed ? 1 : 2);
    await chainsAreWhole(cases.map((c) => c.caseId));
  });
});
