import { type LegalTrack, type UnitCountsInput, isLocalMidnight, localIsoDate } from '@caunoi/workflows';
import type { EntityManager } from '@mikro-orm/postgresql';
import { OPEN_SQL, RUNNING_DUE_SQL, RUNNING_STATUSES_SQL } from './case.repository';
import { escapeLike } from './case-scope-sql';
import { SqlConditions } from './sql-conditions';
import { TALLY_SUMS, tallyOfUnits, tallyTotalOfUnits } from './tally.repository';

export interface EscalationReportFilter {
  receivedFrom?: Date;
  receivedTo?: Date;
  /** Only cases owned by this unit's subtree (a materialised path prefix). */
  pathPrefix?: string;
  categoryCode?: string;
  legalTrack?: LegalTrack;
  /** `top`: one row per unit directly under the Government Office (provinces, ministries); `owner`: per owning unit. */
  groupBy: 'top' | 'owner';
}

export interface UnitCounts extends UnitCountsInput {
  unitCode: string;
  unitName: string;
}

/** Overdue open cases of a unit whose running deadline fell on one local day. */
export interface OverdueOnDayRow {
  unitCode: string;
  /** The local (Vietnam) date of the running deadline, YYYY-MM-DD. */
  dueOn: string;
  count: number;
}

const wholeDay = (d: Date | undefined) => !d || isLocalMidnight(d);

/**
 * Per-unit counts for the Government Office summary, plus the overdue cases per unit and day of
 * their running deadline (aging is in working days, computed by the caller on the calendar). No
 * citizen table is touched. Whole days of receipt without a category or track filter — the
 * dashboard, the trend, every default view — read the case tallies (as many rows as units × days,
 * not as cases; one all-time total per unit when no day bounds the view); anything else aggregates
 * the cases themselves. The overdue part of an unfiltered
 * view reads the due-day tallies for the days before today and the cases for today's passed
 * deadlines; a filtered one reads the cases, through the partial index of running deadlines.
 */
export async function findEscalationCounts(
  em: EntityManager,
  filter: EscalationReportFilter,
  now: Date,
  options: OverdueOptions = {},
): Promise<{ units: UnitCounts[]; overdue: OverdueOnDayRow[]; source: 'tally' | 'cases' }> {
  const fromTally =
    !filter.categoryCode && !filter.legalTrack && wholeDay(filter.receivedFrom) && wholeDay(filter.receivedTo);
  const [units, overdue] = await Promise.all([
    fromTally ? tallyCounts(em, filter) : caseCounts(em, filter),
    overdueByDay(em, filter, now, options),
  ]);
  const overdueByUnit = new Map<string, number>();
  for (const o of overdue) overdueByUnit.set(o.unitCode, (overdueByUnit.get(o.unitCode) ?? 0) + o.count);
  for (const u of units) u.overdueNow = overdueByUnit.get(u.unitCode) ?? 0;
  return { units, overdue, source: fromTally ? 'tally' : 'cases' };
}

export interface OverdueOptions {
  /**
   * The last local day (YYYY-MM-DD) whose overdue deadlines the caller counts alike (all in its
   * oldest aging bucket: workflows `lastDayOfOldestAging`). An unfiltered view then returns that
   * day and every day before it as one row per unit dated that day, read as the unit's all-time
   * due tally less its days after it: what it reads is bounded by the days after it, not by how
   * far back open cases go.
   */
  agedOutThrough?: string;
}

/**
 * Whether a subtree (a path prefix) is made of whole provinces, ministries and agencies (the whole
 * country, or one of them): then their own top-unit tallies serve it.
 */
function coversWholeTopUnits(pathPrefix: string | undefined): boolean {
  return !pathPrefix || pathPrefix.split('/').filter(Boolean).length <= 2;
}

/** Provinces, ministries and agencies are the third path segment: /VPCP/01/00004/ → 01. */
const TOP_CODE_SQL = `coalesce(nullif(split_part(ou.path, '/', 3), ''), ou.code)`;

async function tallyCounts(em: EntityManager, filter: EscalationReportFilter): Promise<UnitCounts[]> {
  // The top units' own tallies serve a view by province over the whole country or whole provinces;
  // a narrower view (a commune's officer choosing "by province") adds up its owning units instead.
  const wholeTops = coversWholeTopUnits(filter.pathPrefix);
  const grouping = filter.groupBy === 'top' && wholeTops ? 'top' : 'owner';
  const key = filter.groupBy === 'top' && grouping === 'owner' ? TOP_CODE_SQL : 't.unit_code';
  const where = new SqlConditions()
    .addIf(!!filter.receivedFrom, 't.received_on >= ?::date', filter.receivedFrom && localIsoDate(filter.receivedFrom))
    .addIf(!!filter.receivedTo, 't.received_on < ?::date', filter.receivedTo && localIsoDate(filter.receivedTo))
    .addIf(!!filter.pathPrefix, 'ou.path like ?', `${escapeLike(filter.pathPrefix ?? '')}%`);
  // All of history (the default view) reads one total per unit, not every day the unit has had cases.
  const allTime = !filter.receivedFrom && !filter.receivedTo;
  return em.execute<UnitCounts[]>(
    `select u.name_vi as "unitName", g.* from (
       select ${key} as "unitCode", ${TALLY_SUMS}, 0 as "overdueNow"
         from ${allTime ? tallyTotalOfUnits(grouping) : tallyOfUnits(grouping)}
        where ${where.sql}
        group by 1 having sum(t.received) > 0) g
     join org_unit u on u.code = g."unitCode"
     order by g."unitCode"`,
    where.params,
  );
}

function caseConditions(filter: EscalationReportFilter): SqlConditions {
  return new SqlConditions()
    .addIf(!!filter.receivedFrom, 'c.received_at >= ?', filter.receivedFrom)
    .addIf(!!filter.receivedTo, 'c.received_at < ?', filter.receivedTo)
    .addIf(!!filter.pathPrefix, 'ou.path like ?', `${escapeLike(filter.pathPrefix ?? '')}%`)
    .addIf(!!filter.categoryCode, 'c.category_id = (select id from category where code = ?)', filter.categoryCode)
    .addIf(!!filter.legalTrack, 'c.legal_track = ?', filter.legalTrack);
}

async function caseCounts(em: EntityManager, filter: EscalationReportFilter): Promise<UnitCounts[]> {
  const where = caseConditions(filter);
  const key = filter.groupBy === 'top' ? TOP_CODE_SQL : 'ou.code';
  return em.execute<UnitCounts[]>(
    `select u.name_vi as "unitName", g.* from (
       select ${key} as "unitCode",
         count(*)::int as received,
         count(*) filter (where ${OPEN_SQL})::int as open,
         count(*) filter (where not (${OPEN_SQL}))::int as closed,
         count(*) filter (where c.resolved_at is not null and c.resolve_due_at is not null)::int as "answeredWithDeadline",
         count(*) filter (where c.resolved_at is not null and c.resolve_due_at is not null and c.resolved_at <= c.resolve_due_at)::int as "answeredOnTime",
         0 as "overdueNow",
         count(*) filter (where ${OPEN_SQL} and c.escalation_level = 1)::int as level1,
         count(*) filter (where ${OPEN_SQL} and c.escalation_level = 2)::int as level2,
         count(*) filter (where ${OPEN_SQL} and c.escalation_level >= 3)::int as level3,
         coalesce(sum(c.transfer_count), 0)::int as transfers,
         count(*) filter (where c.resolved_at is not null or c.reopen_count > 0)::int as answered,
         count(*) filter (where c.reopen_count > 0)::int as reopened,
         count(c.satisfaction)::int as rated,
         coalesce(sum(c.satisfaction), 0)::int as "satisfactionSum"
       from case_file c join org_unit ou on ou.id = c.owning_unit_id where ${where.sql} group by 1) g
     join org_unit u on u.code = g."unitCode"
     order by g."unitCode"`,
    where.params,
  );
}

async function overdueByDay(
  em: EntityManager,
  filter: EscalationReportFilter,
  now: Date,
  { agedOutThrough }: OverdueOptions,
): Promise<OverdueOnDayRow[]> {
  const key = filter.groupBy === 'top' ? TOP_CODE_SQL : 'ou.code';
  const live = (where: SqlConditions) =>
    em.execute<OverdueOnDayRow[]>(
      `select ${key} as "unitCode", to_char((${RUNNING_DUE_SQL} at time zone 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD') as "dueOn", count(*)::int as count
         from case_file c join org_unit ou on ou.id = c.owning_unit_id
        where ${RUNNING_STATUSES_SQL} and ${RUNNING_DUE_SQL} < ? and ${where.sql}
        group by 1, 2`,
      [now, ...where.params],
    );
  const filtered = !!(filter.receivedFrom || filter.receivedTo || filter.categoryCode || filter.legalTrack);
  if (filtered) return live(caseConditions(filter));
  // Unfiltered: the days before today from the due-day tallies, today's passed deadlines from the cases.
  const today = localIsoDate(now);
  const wholeTops = coversWholeTopUnits(filter.pathPrefix);
  const grouping = filter.groupBy === 'top' && wholeTops ? 'tdue' : 'odue';
  const tallyKey = filter.groupBy === 'top' && grouping === 'odue' ? TOP_CODE_SQL : 't.unit_code';
  const scope = new SqlConditions().addIf(
    !!filter.pathPrefix,
    'ou.path like ?',
    `${escapeLike(filter.pathPrefix ?? '')}%`,
  );
  const dayRows = (after: string | undefined) => {
    const where = new SqlConditions()
      .add(scope.sql, ...scope.params)
      .addIf(!after, 't.received_on < ?::date', today)
      .addIf(!!after, 't.received_on > ?::date', after);
    return em.execute<OverdueOnDayRow[]>(
      `select ${tallyKey} as "unitCode", to_char(t.received_on, 'YYYY-MM-DD') as "dueOn", sum(t.received)::int as count
         from ${tallyOfUnits(grouping)}
        where ${where.sql}
        group by 1, 2 having sum(t.received) <> 0`,
      where.params,
    );
  };
  const todays = live(caseConditions(filter).add(`${RUNNING_DUE_SQL} >= ?`, new Date(`${today}T00:00:00+07:00`)));
  if (!agedOutThrough) {
    const [before, passedToday] = await Promise.all([dayRows(undefined), todays]);
    return [...before.filter((row) => row.count > 0), ...passedToday];
  }
  // The days after that day, today's and the future's deadlines included, read once: those before
  // today are rows of their own, and all of them less the all-time due tally leave that day and
  // every day before it, as one row per unit (both sides with their unfolded deltas).
  const [after, totals, passedToday] = await Promise.all([
    dayRows(agedOutThrough),
    em.execute<Array<{ unitCode: string; count: number }>>(
      `select ${tallyKey} as "unitCode", sum(t.received)::int as count
         from ${tallyTotalOfUnits(grouping)} where ${scope.sql} group by 1`,
      scope.params,
    ),
    todays,
  ]);
  const since = new Map<string, number>();
  for (const row of after) since.set(row.unitCode, (since.get(row.unitCode) ?? 0) + row.count);
  const agedOut = totals
    .map((t) => ({ unitCode: t.unitCode, dueOn: agedOutThrough, count: t.count - (since.get(t.unitCode) ?? 0) }))
    .filter((row) => row.count > 0);
  return [...after.filter((row) => row.dueOn < today && row.count > 0), ...agedOut, ...passedToday];
}

export interface WeekTally {
  /** The first local day of the week, YYYY-MM-DD. */
  weekStart: string;
  received: number;
  answeredWithDeadline: number;
  answeredOnTime: number;
}

/**
 * Cases received per week over `weeks` weeks of whole local days ending the day before `endDay`
 * (YYYY-MM-DD), within a unit's subtree, from the tallies: the dashboard's trend in one query.
 */
export async function findWeeklyTrend(
  em: EntityManager,
  options: { pathPrefix?: string; endDay: string; weeks: number },
): Promise<WeekTally[]> {
  const wholeTops = coversWholeTopUnits(options.pathPrefix);
  const where = new SqlConditions()
    .add(`t.received_on >= ?::date - ?::int * 7`, options.endDay, options.weeks)
    .add(`t.received_on < ?::date`, options.endDay)
    .addIf(!!options.pathPrefix, 'ou.path like ?', `${escapeLike(options.pathPrefix ?? '')}%`);
  const rows = await em.execute<Array<WeekTally & { week: number }>>(
    `select w.week, to_char(?::date - (? - w.week)::int * 7, 'YYYY-MM-DD') as "weekStart",
            coalesce(sum(t.received), 0)::int as received,
            coalesce(sum(t.answered_with_deadline), 0)::int as "answeredWithDeadline",
            coalesce(sum(t.answered_on_time), 0)::int as "answeredOnTime"
       from generate_series(0, ? - 1) as w(week)
       left join (select t.*, ? - 1 - ((?::date - 1 - t.received_on) / 7) as week
                    from ${tallyOfUnits(wholeTops ? 'top' : 'owner')}
                   where ${where.sql}) t on t.week = w.week
      group by w.week order by w.week`,
    [options.endDay, options.weeks, options.weeks, options.weeks, options.endDay, ...where.params],
  );
  return rows.map(({ week: _week, ...rest }) => rest);
}
