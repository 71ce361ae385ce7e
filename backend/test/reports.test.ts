import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDemoData } from '@caunoi/seeds';
import { AGING_BUCKETS, agingBucket, runningDeadline } from '@caunoi/workflows';
import { createSlaContextLoader } from '../src/transitions/sla-context';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
let w: World;
let gov: string;

beforeAll(async () => {
  w = await startWorld(serverUrl);
  // Received over the last 150 days up to ten days ago: some answered late, some overdue now.
  await generateDemoData(w.pg, { cases: 1_500, seed: 3, asOf: new Date(Date.now() - 10 * 86_400_000) });
  gov = await w.login('theodoi.vpcp@caunoi.local');
});
afterAll(() => w?.stop());

/** The report, recomputed case by case in plain code from the same rows. */
async function bruteForce(groupBy: 'top' | 'owner', where: (c: any) => boolean) {
  const sla = await createSlaContextLoader()(w.t.db.orm.em.fork());
  const now = new Date();
  const cases = (
    await w.sql(
      `select c.*, ou.code as owner_code, ou.path as owner_path, cat.code as category_code from case_file c join org_unit ou on ou.id = c.owning_unit_id left join category cat on cat.id = c.category_id`,
    )
  ).filter(where);
  const rows = new Map<string, any>();
  for (const c of cases) {
    const code = groupBy === 'top' ? c.owner_path.split('/')[2] || c.owner_code : c.owner_code;
    const r = rows.get(code) ?? {
      received: 0,
      open: 0,
      closed: 0,
      withDeadline: 0,
      onTime: 0,
      overdue: 0,
      aging: Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])),
      l1: 0,
      l2: 0,
      l3: 0,
      transfers: 0,
      answered: 0,
      reopened: 0,
      rated: 0,
      sum: 0,
    };
    const isOpen = !['closed', 'rejected', 'merged'].includes(c.status);
    r.received += 1;
    if (isOpen) r.open += 1;
    else r.closed += 1;
    if (c.resolved_at && c.resolve_due_at) {
      r.withDeadline += 1;
      if (c.resolved_at <= c.resolve_due_at) r.onTime += 1;
    }
    const due = runningDeadline(c.status, {
      transferDueAt: c.transfer_due_at,
      acceptDueAt: c.accept_due_at,
      resolveDueAt: c.resolve_due_at,
    });
    if (due && due < now) {
      r.overdue += 1;
      r.aging[agingBucket(sla.calendar.workingDaysBetween(due, now))] += 1;
    }
    if (isOpen && c.escalation_level === 1) r.l1 += 1;
    if (isOpen && c.escalation_level === 2) r.l2 += 1;
    if (isOpen && c.escalation_level >= 3) r.l3 += 1;
    r.transfers += c.transfer_count;
    if (c.resolved_at || c.reopen_count > 0) r.answered += 1;
    if (c.reopen_count > 0) r.reopened += 1;
    if (c.satisfaction !== null) {
      r.rated += 1;
      r.sum += c.satisfaction;
    }
    rows.set(code, r);
  }
  const rate = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
  return new Map(
    [...rows].map(([code, r]) => [
      code,
      {
        received: r.received,
        open: r.open,
        closed: r.closed,
        onTimeRate: rate(r.onTime, r.withDeadline),
        overdueNow: r.overdue,
        aging: r.aging,
        escalations: { level1: r.l1, level2: r.l2, level3: r.l3 },
        transfers: r.transfers,
        reopenRate: rate(r.reopened, r.answered),
        averageSatisfaction: r.rated ? Math.round((r.sum / r.rated) * 100) / 100 : null,
      },
    ]),
  );
}

const strip = ({ unit: _u, drillDown: _d, ...rest }: any) => rest;

describe('the Government Office summary', () => {
  it('equals a case-by-case recomputation, per province and ministry', async () => {
    const report = (await w.api(gov, 'GET', '/api/reports/escalations')).body;
    const expected = await bruteForce('top', () => true);
    expect(report.rows.length).toBe(expected.size);
    for (const row of report.rows) expect(strip(row), row.unit.code).toEqual(expected.get(row.unit.code));
    expect(report.total.received).toBe(1_500);
    expect(report.total.overdueNow).toBe([...expected.values()].reduce((n, r) => n + r.overdueNow, 0));
    expect(
      report.rows.some(
        (r: any) => r.overdueNow > 0 && r.escalations.level1 + r.escalations.level2 + r.escalations.level3 > 0,
      ),
    ).toBe(true);
  });

  it('equals the recomputation per owning unit under a parent, for one legal track and a date range', async () => {
    const from = new Date(Date.now() - 90 * 86_400_000);
    const query = `level=unit&parentUnit=01&legalTrack=pakn&receivedFrom=${from.toISOString()}`;
    const report = (await w.api(gov, 'GET', `/api/reports/escalations?${query}`)).body;
    const expected = await bruteForce(
      'owner',
      (c) => c.owner_path.startsWith('/VPCP/01/') && c.legal_track === 'pakn' && c.received_at >= from,
    );
    expect(report.rows.map((r: any) => r.unit.code).sort()).toEqual([...expected.keys()].sort());
    for (const row of report.rows) expect(strip(row)).toEqual(expected.get(row.unit.code));
  });

  it('links each row to its cases, and the link lists as many as the row received', async () => {
    const report = (await w.api(gov, 'GET', '/api/reports/escalations')).body;
    const hanoi = report.rows.find((r: any) => r.unit.code === '01');
    const listed = await w.api(gov, 'GET', hanoi.drillDown);
    expect(listed.headers.get('content-range')).toMatch(new RegExp(`/${hanoi.received}$`));
  });

  it('downloads as CSV with the same numbers and no citizen contact data', async () => {
    const res = await fetch(`${w.url}/api/reports/escalations.csv`, { headers: { authorization: `Bearer ${gov}` } });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await res.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'unit_code,unit_name,received,open,closed,on_time_rate,overdue_now,overdue_0_5_wd,overdue_6_10_wd,overdue_11_20_wd,overdue_over_20_wd,escalation_level_1,escalation_level_2,escalation_level_3,transfers,reopen_rate,average_satisfaction',
    );
    const total = lines.at(-1)!.split(',');
    expect(total.slice(0, 3)).toEqual(['TOTAL', 'Toàn quốc', '1500']);
    expect(text).not.toMatch(/@example\.|caunoi\.local/);
  });

  it('shows a province supervisor only its own province', async () => {
    const supervisor = await w.login('lanhdao.hanoi@caunoi.local');
    const report = (await w.api(supervisor, 'GET', '/api/reports/escalations')).body;
    expect(report.rows.map((r: any) => r.unit.code)).toEqual(['01']);
  });

  it('names a wrong filter', async () => {
    const res = await w.api(gov, 'GET', '/api/reports/escalations?level=district');
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('level');
  });
});
