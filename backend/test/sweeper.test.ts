import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Case, initORM, readClaimedCases } from '@caunoi/db';
import { generateDemoData } from '@caunoi/seeds';
import { createLogger } from '../src/support/logger';
import { createSlaContextLoader } from '../src/transitions/sla-context';
import { SweepAborted, sweepDueCases } from '../src/jobs/sweeper';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
const logger = createLogger('silent');
let w: World;
let officer: string;

/** The jobs a case's transitions queued, by key prefix, with their payloads (the runner is stopped: they wait). */
const queued = (caseId: number, keyPrefix: string) =>
  w.sql(
    // A live update may tell several cases of one sweep in one job (groupBroadcasts): the case leads it or is among `more`.
    `select key, payload from graphile_worker._private_jobs
     where (payload->>'caseId' = $1 or (payload->'more')::jsonb @> jsonb_build_array(jsonb_build_object('caseId', $1::int)))
       and key like $2 order by id`,
    [String(caseId), `${keyPrefix}%`],
  );

beforeAll(async () => {
  w = await startWorld(serverUrl);
  // This file reads what the sweeps decided to send, so nothing here sends it.
  await w.t.server.jobs.stop();
  officer = await w.login('canbo.badinh@caunoi.local');
});
afterAll(() => w?.stop());

const caseRow = async (id: number) =>
  (
    await w.sql(
      `select status, escalation_level as level, next_due_at as "nextDueAt", accept_due_at as "acceptDueAt", warn_at as "warnAt", citizen_reply_due_at as "replyDueAt" from case_file where id = $1`,
      [id],
    )
  )[0];
/** An officer's transition on the version they just read. */
const act = async (caseId: number, body: object) => {
  const { version } = (await w.api(officer, 'GET', `/api/cases/${caseId}`)).body;
  return w.api(officer, 'POST', `/api/cases/${caseId}/transitions`, { version, ...body });
};
const sweep = (now: Date) => sweepDueCases(w.t.db.orm, createSlaContextLoader(), logger, now);
const plus = (d: Date, ms: number) => new Date(new Date(d).getTime() + ms);

describe('the sweeper and the escalation ladder', () => {
  it('warns at 80 % of the period, then breaches an unaccepted case at its deadline', async () => {
    const { caseId } = await w.submit('00004');
    const { acceptDueAt, warnAt, nextDueAt } = await caseRow(caseId);
    expect(nextDueAt).toEqual(warnAt);
    expect((await sweep(plus(warnAt, -60_000))).fired).toBe(0);
    const warning = await sweep(plus(warnAt, 60_000));
    expect(warning.fired).toBe(1);
    // What the metrics count (caunoi_sla_events_total): no unit code, only its level.
    expect(warning.sla).toEqual([{ kind: 'warning', clock: 'accept', unitLevel: 'commune', escalationLevel: 0 }]);
    expect(await caseRow(caseId)).toMatchObject({ level: 0, warnAt: null, nextDueAt: acceptDueAt });
    const warned = await w.sql(`select type from case_event where case_id = $1 order by seq`, [caseId]);
    expect(warned.map((e) => e.type)).toEqual(['SUBMITTED', 'SLA_WARNING']);
    expect((await queued(caseId, 'unit:slaWarning:'))[0].payload.unitCode).toBe('00004');
    expect((await sweep(plus(acceptDueAt, -60_000))).fired).toBe(0);
    const breach = await sweep(plus(acceptDueAt, 60_000));
    expect(breach.sla).toEqual([{ kind: 'breach', clock: 'accept', unitLevel: 'commune', escalationLevel: 1 }]);
    expect((await caseRow(caseId)).level).toBe(1);
  });

  it('breaches an unaccepted case at its deadline, climbs a level each step, and stops at the Government Office', async () => {
    const { caseId } = await w.submit('00004');
    const { acceptDueAt } = await caseRow(caseId);

    const levels: number[] = [];
    let at = plus(acceptDueAt, 60_000);
    for (let step = 0; step < 4; step += 1) {
      await sweep(at);
      const row = await caseRow(caseId);
      levels.push(row.level);
      if (!row.nextDueAt) break;
      expect(new Date(row.nextDueAt).getTime()).toBeGreaterThan(at.getTime());
      at = plus(row.nextDueAt, 60_000);
    }
    expect(levels).toEqual([1, 2, 3]);
    expect((await caseRow(caseId)).nextDueAt).toBeNull();
    const events = await w.sql(
      `select type, actor, payload from case_event where case_id = $1 and type = 'SLA_BREACHED' order by seq`,
      [caseId],
    );
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ actor: 'system:sweeper', payload: { clock: 'accept' } });
    expect(await queued(caseId, 'socket:escalation.raised:')).toHaveLength(3);
    const told = (await queued(caseId, 'unit:escalated:')).map((j) => ({
      unit: j.payload.unitCode,
      level: j.payload.level,
    }));
    expect(told).toEqual([
      { unit: '00004', level: 1 },
      { unit: '01', level: 2 },
      { unit: 'VPCP', level: 3 },
    ]);
  });

  it('closes a case whose citizen did not answer in time', async () => {
    const { caseId } = await w.submit('00004');
    await act(caseId, { type: 'accept' });
    await act(caseId, { type: 'requestInfo', question: 'Xin bổ sung ảnh chụp hiện trạng.' });
    const { replyDueAt } = await caseRow(caseId);
    await sweep(plus(replyDueAt, 60_000));
    expect((await caseRow(caseId)).status).toBe('closed');
  });

  it('reads a batch as plain records holding what the entity holds, and leaves what no sweep changes as it was', async () => {
    // An accepted case with an assignee, a category, the citizen's consent and a progress deadline.
    const { caseId } = await w.submit('00004');
    await act(caseId, { type: 'accept' });
    await w.sql(`update case_file set publication_consent = true, satisfaction = 4 where id = $1`, [caseId]);
    const ids = (await w.sql(`select id from case_file order by id`)).map((r) => Number(r.id));

    const em = w.t.db.orm.em.fork();
    const records = await readClaimedCases(em, ids);
    expect(records.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids);
    for (const record of records) {
      const entity = await em.findOneOrFail(Case, record.id, {
        populate: ['owningUnit', 'category', 'citizen', 'auditTail'],
      });
      const { owningUnit, category, citizen, assignee, duplicateOf, ...columns } = record;
      for (const [property, value] of Object.entries(columns))
        expect([record.id, property, value]).toEqual([record.id, property, entity[property as keyof Case] ?? null]);
      expect(owningUnit).toEqual({
        id: entity.owningUnit.id,
        code: entity.owningUnit.code,
        path: entity.owningUnit.path,
        level: entity.owningUnit.level,
        isRemoteArea: entity.owningUnit.isRemoteArea,
      });
      expect(category).toEqual(
        entity.category
          ? {
              id: entity.category.id,
              code: entity.category.code,
              legalTrack: entity.category.legalTrack,
              answerApproval: entity.category.answerApproval,
            }
          : null,
      );
      expect(citizen).toEqual(entity.citizen ? { email: entity.citizen.email, zaloIds: entity.citizen.zaloIds } : null);
      expect(assignee?.id ?? null).toBe(entity.assignee?.id ?? null);
      expect(duplicateOf?.id ?? null).toBe(entity.duplicateOf?.id ?? null);
    }

    const before = (await w.sql(`select * from case_file where id = $1`, [caseId]))[0];
    const { warnAt } = await caseRow(caseId);
    expect((await sweep(plus(warnAt, 60_000))).fired).toBeGreaterThanOrEqual(1);
    const after = (await w.sql(`select * from case_file where id = $1`, [caseId]))[0];
    // The warning moves its clocks and version, nothing else of the row (consent, rating, assignee stay).
    const changed = Object.keys(before).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    expect(changed.sort()).toEqual(['next_due_at', 'updated_at', 'version', 'warn_at']);
  });
});

describe('several instances sweeping one database', () => {
  it('fire each of hundreds of due deadlines exactly once, even when one instance dies mid-sweep', async () => {
    await generateDemoData(w.pg, { cases: 6_000, seed: 11, asOf: new Date('2026-06-01T10:00:00+07:00') });
    const now = new Date('2026-11-20T10:00:00+07:00');
    const dueBefore = await w.sql(
      `select id from case_file where next_due_at <= $1 and status not in ('closed', 'rejected', 'merged')`,
      [now],
    );
    expect(dueBefore.length).toBeGreaterThan(600);
    const eventsBefore = (await w.sql(`select count(*)::int as n from case_event where actor = 'system:sweeper'`))[0].n;

    // Instance A starts and dies: its uncommitted batch must not count and must not be lost.
    // A dead instance does nothing more: both its lanes stop at the 50th case, before either has
    // handled a whole batch of 100, so nothing of A commits.
    let seen = 0;
    const crashMidBatch = () => {
      seen += 1;
      if (seen >= 50) throw new SweepAborted('instance A dies');
    };
    await expect(
      sweepDueCases(w.t.db.orm, createSlaContextLoader(), logger, now, { onCase: crashMidBatch, batchSize: 100 }),
    ).rejects.toThrow('instance A dies');
    expect((await w.sql(`select count(*)::int as n from case_event where actor = 'system:sweeper'`))[0].n).toBe(
      eventsBefore,
    );

    // Instances B and C sweep together.
    const [b, c] = [await initORM(w.t.db.url), await initORM(w.t.db.url)];
    try {
      // Both connected before either starts, so that neither finishes the work before the other begins.
      await Promise.all([b, c].map((orm) => orm.em.getConnection().execute('select 1')));
      const results = await Promise.all([
        // Small batches, so that both instances (two lanes each) take part.
        sweepDueCases(b, createSlaContextLoader(), logger, now, { batchSize: 50 }),
        sweepDueCases(c, createSlaContextLoader(), logger, now, { batchSize: 50 }),
      ]);
      expect(results.map((r) => r.failed)).toEqual([0, 0]);
      expect(results[0]!.fired).toBeGreaterThan(0);
      expect(results[1]!.fired).toBeGreaterThan(0);
    } finally {
      await b.close(true);
      await c.close(true);
    }

    const fired = await w.sql(
      `select case_id, count(*)::int as n from case_event where actor = 'system:sweeper' and created_at = $1 group by case_id`,
      [now],
    );
    expect(fired.length).toBeGreaterThan(600);
    expect(fired.filter((r) => r.n !== 1)).toEqual([]);
    expect(new Set(fired.map((r) => r.case_id))).toEqual(new Set(dueBefore.map((r) => r.id)));
    const eventsAfter = (await w.sql(`select count(*)::int as n from case_event where actor = 'system:sweeper'`))[0].n;
    expect(eventsAfter - eventsBefore).toBe(dueBefore.length);
    console.log(
      `fault an instance killed mid-sweep, two more sweeping together: ${dueBefore.length} deadlines due, ${fired.length} fired, ${fired.filter((r) => r.n !== 1).length} twice`,
    );
    expect(
      (
        await w.sql(
          `select count(*)::int as n from case_file where next_due_at <= $1 and status not in ('closed', 'rejected', 'merged')`,
          [now],
        )
      )[0].n,
    ).toBe(0);
  });
});
