import { type EntityManager, OrgUnit, findEscalationCounts, findWeeklyTrend } from '@caunoi/db';
import { type WorkingCalendar, addCounts, deadlineOnDay, lastDayOfOldestAging, summariseUnit } from '@caunoi/workflows';
import { AppError } from '../http/app-error';
import type { SlaContext } from '../transitions/sla-context';
import {
  type TDashboard,
  type TDashboardQuery,
  type TEscalationReport,
  type TEscalationReportQuery,
  toCsv,
} from '@caunoi/contract';

/**
 * The Government Office summary: per unit, received / open / closed, on-time rate, overdue now
 * with aging in working days, escalation levels, transfers, reopen rate, satisfaction, and a
 * national row, over the part of the country `scope` names (a path prefix; undefined: all of it,
 * see `reportScopeFor`).
 */
export async function buildEscalationReport(
  em: EntityManager,
  sla: SlaContext,
  scope: string | undefined,
  query: TEscalationReportQuery,
  now: Date = new Date(),
): Promise<TEscalationReport> {
  let pathPrefix = scope;
  if (query.parentUnit) {
    const parent = await em.findOne(OrgUnit, { code: query.parentUnit });
    if (!parent)
      throw new AppError('VALIDATION_FAILED', 'Invalid parentUnit', {
        fields: [{ field: 'parentUnit', message: `no unit has the code ${query.parentUnit}` }],
      });
    // A parent outside one's own subtree narrows nothing it may not see: keep the narrower prefix.
    if (!pathPrefix || parent.path.startsWith(pathPrefix)) pathPrefix = parent.path;
  }
  const { units, overdue, source } = await findEscalationCounts(
    em,
    {
      receivedFrom: query.receivedFrom,
      receivedTo: query.receivedTo,
      pathPrefix,
      categoryCode: query.categoryCode,
      legalTrack: query.legalTrack,
      groupBy: query.level === 'province' ? 'top' : 'owner',
    },
    now,
    // Deadlines more than twenty working days past all age alike: read them as one day per unit.
    { agedOutThrough: lastDayOfOldestAging(sla.calendar, now) },
  );
  // One instant stands for every deadline of a local day (aging counts whole working days);
  // each day's age is counted once for all units (a national view has thousands of unit-days).
  const days = new Map<string, Date>();
  const onDay = (o: { dueOn: string; count: number }) => {
    let due = days.get(o.dueOn);
    if (!due) days.set(o.dueOn, (due = deadlineOnDay(o.dueOn)));
    return { due, count: o.count };
  };
  const ages = new Map<Date, number>();
  const calendar: WorkingCalendar = {
    ...sla.calendar,
    workingDaysBetween: (a, b) => {
      if (b !== now) return sla.calendar.workingDaysBetween(a, b);
      let age = ages.get(a);
      if (age === undefined) ages.set(a, (age = sla.calendar.workingDaysBetween(a, b)));
      return age;
    },
  };
  const overdueByUnit = new Map<string, Array<{ due: Date; count: number }>>();
  for (const o of overdue) {
    const list = overdueByUnit.get(o.unitCode) ?? [];
    list.push(onDay(o));
    overdueByUnit.set(o.unitCode, list);
  }

  const drillFilter = (unitCode: string) =>
    JSON.stringify({
      unitCode,
      ...(query.receivedFrom ? { receivedFrom: query.receivedFrom.toISOString() } : {}),
      ...(query.receivedTo ? { receivedTo: query.receivedTo.toISOString() } : {}),
      ...(query.categoryCode ? { categoryCode: query.categoryCode } : {}),
    });
  return {
    generatedAt: now.toISOString(),
    filter: { ...query, receivedFrom: query.receivedFrom?.toISOString(), receivedTo: query.receivedTo?.toISOString() },
    rows: units.map((u) => ({
      unit: { code: u.unitCode, name: u.unitName },
      ...summariseUnit(u, overdueByUnit.get(u.unitCode) ?? [], calendar, now),
      drillDown: `/api/cases?filter=${encodeURIComponent(drillFilter(u.unitCode))}`,
    })),
    total: summariseUnit(addCounts(units), overdue.map(onDay), calendar, now),
    source,
  };
}

/**
 * The whole dashboard in one request: the summary and, from the tallies in one query, the cases
 * received per week over the last `weeks` weeks of whole local days (today included) with the
 * share of them answered on time.
 */
export async function buildDashboard(
  em: EntityManager,
  sla: SlaContext,
  scope: string | undefined,
  query: TDashboardQuery,
  now: Date = new Date(),
): Promise<TDashboard> {
  const today = sla.calendar.localDate(now);
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const [summary, weeks] = await Promise.all([
    buildEscalationReport(em, sla, scope, { level: query.level }, now),
    findWeeklyTrend(em.fork(), { pathPrefix: scope, endDay: tomorrow, weeks: query.weeks }),
  ]);
  return {
    summary,
    trend: weeks.map((w) => ({
      weekStart: w.weekStart,
      received: w.received,
      onTimeRate:
        w.answeredWithDeadline > 0 ? Math.round((w.answeredOnTime / w.answeredWithDeadline) * 10_000) / 10_000 : null,
    })),
  };
}

const CSV_COLUMNS = [
  'unit_code',
  'unit_name',
  'received',
  'open',
  'closed',
  'on_time_rate',
  'overdue_now',
  'overdue_0_5_wd',
  'overdue_6_10_wd',
  'overdue_11_20_wd',
  'overdue_over_20_wd',
  'escalation_level_1',
  'escalation_level_2',
  'escalation_level_3',
  'transfers',
  'reopen_rate',
  'average_satisfaction',
];

/** The same report as CSV (contract's toCsv: a byte-order mark, no formulas). */
export function toEscalationCsv(report: TEscalationReport): string {
  const line = (code: string, name: string, s: TEscalationReport['total']) => [
    code,
    name,
    s.received,
    s.open,
    s.closed,
    s.onTimeRate,
    s.overdueNow,
    s.aging['0-5'],
    s.aging['6-10'],
    s.aging['11-20'],
    s.aging['>20'],
    s.escalations.level1,
    s.escalations.level2,
    s.escalations.level3,
    s.transfers,
    s.reopenRate,
    s.averageSatisfaction,
  ];
  return toCsv(CSV_COLUMNS, [
    ...report.rows.map((r) => line(r.unit.code, r.unit.name, r)),
    line('TOTAL', 'Toàn quốc', report.total),
  ]);
}
