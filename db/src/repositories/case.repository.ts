import {
  type CaseScope,
  type CaseStatus,
  type Channel,
  FINAL_CASE_STATUSES,
  RUNNING_CLOCK_STATUSES,
  normaliseTrackingCode,
} from '@caunoi/workflows';
import type { EntityManager } from '@mikro-orm/postgresql';
import { placeholders, scopeCondition } from './case-scope-sql';
import { SqlConditions } from './sql-conditions';

export interface CaseListFilter {
  ids?: number[];
  status?: CaseStatus[];
  /** A unit and everything below it. */
  unitCode?: string;
  categoryCode?: string;
  channel?: Channel[];
  overdue?: boolean;
  /** Overdue, and the unit has posted no progress note (nor extended the deadline). */
  withoutProgress?: boolean;
  minEscalationLevel?: number;
  receivedFrom?: Date;
  receivedTo?: Date;
  /** Full text over title and body, with or without diacritics. */
  q?: string;
}

export const CASE_SORT_COLUMNS = {
  id: 'c.id',
  trackingCode: 'c.tracking_code',
  title: 'c.title',
  status: 'c.status',
  receivedAt: 'c.received_at',
  updatedAt: 'c.updated_at',
  nextDueAt: 'c.next_due_at',
  resolveDueAt: 'c.resolve_due_at',
  escalationLevel: 'c.escalation_level',
} as const;
export type CaseSortField = keyof typeof CASE_SORT_COLUMNS;
const NULLABLE_SORT_FIELDS: ReadonlySet<CaseSortField> = new Set(['nextDueAt', 'resolveDueAt']);

export interface CaseListRow {
  id: number;
  trackingCode: string;
  title: string;
  status: CaseStatus;
  channel: Channel;
  legalTrack: string;
  language: string;
  categoryCode: string | null;
  categoryNameVi: string | null;
  categoryNameEn: string | null;
  owningUnitCode: string;
  owningUnitName: string;
  provinceName: string | null;
  communeName: string | null;
  receivedAt: Date;
  updatedAt: Date;
  nextDueAt: Date | null;
  resolveDueAt: Date | null;
  pausedAt: Date | null;
  escalationLevel: number;
  supportCount: number;
  assigneeId: number | null;
  assigneeName: string | null;
  citizenName: string | null;
  version: number;
  runningDueAt: Date | null;
}

/** The final statuses as an SQL list, from the one vocabulary in workflows (closed, rejected, merged). */
export const FINAL_STATUSES_SQL = FINAL_CASE_STATUSES.map((s) => `'${s}'`).join(', ');
/** An open case, in the named queries (the partial index of due deadlines uses the same predicate). */
export const OPEN_SQL = `c.status not in (${FINAL_STATUSES_SQL})`;

/** A case whose clock runs (workflows' RUNNING_CLOCK_STATUSES): the partial indexes of running cases apply. */
export const RUNNING_STATUSES_SQL = `c.status in (${RUNNING_CLOCK_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * The deadline of the clock running in the case's state, the one whose breach makes it overdue
 * (mirrors `runningDeadline` in @caunoi/workflows; the report tests compare the two).
 */
export const RUNNING_DUE_SQL = `(case c.status when 'triage' then c.transfer_due_at when 'routed' then least(c.accept_due_at, c.transfer_due_at) when 'inProgress' then c.resolve_due_at when 'awaitingApproval' then c.resolve_due_at end)`;

const LIST_COLUMNS = `select c.id, c.tracking_code as "trackingCode", c.title, c.status, c.channel, c.legal_track as "legalTrack", c.language,
              cat.code as "categoryCode", cat.name_vi as "categoryNameVi", cat.name_en as "categoryNameEn",
              ou.code as "owningUnitCode", ou.name_vi as "owningUnitName", pv.name_vi as "provinceName", cm.name_vi as "communeName",
              c.received_at as "receivedAt", c.updated_at as "updatedAt", c.next_due_at as "nextDueAt", c.resolve_due_at as "resolveDueAt",
              c.paused_at as "pausedAt", c.escalation_level as "escalationLevel", c.support_count as "supportCount",
              c.assignee_id as "assigneeId", au.name as "assigneeName", cz.name as "citizenName", c.version,
              ${RUNNING_DUE_SQL} as "runningDueAt"`;

const LIST_JOINS = `left join org_unit pv on pv.id = c.province_id
       left join org_unit cm on cm.id = c.commune_id
       left join app_user au on au.id = c.assignee_id
       left join citizen cz on cz.id = c.citizen_id`;

/** A list counts its matches up to this many by default; beyond it the total is "more than" this (shown so). */
export const LIST_COUNT_CAP = 10_000;
/**
 * A text search counts its matches up to this many. A common word matches tens of thousands of
 * cases at national scale, and counting 10,000 of them through the word index took 200 ms at
 * 1,000,000 cases; nobody pages through more than a few hundred search results.
 */
export const TEXT_SEARCH_COUNT_CAP = 200;
/**
 * A text search sorted by receipt first looks at this many of the newest cases in scope, newest
 * first, testing each against the words: a common word fills the page among the first few hundred,
 * whatever the history. Only when the page is not full there does it ask the word index for every
 * match (rare words: few matches). The planner cannot choose this itself: it multiplies the words'
 * frequencies as if independent, so "đèn tín hiệu" (three words always together) looked 80 times
 * rarer than it was, and it sorted 41,530 matches to show 25 (735 ms at 1,000,000 cases).
 */
export const TEXT_SEARCH_WALK = 2_000;
/** The sorts a walk can follow down an index (the newest first, or the oldest). */
const WALKABLE_SORT_FIELDS: ReadonlySet<CaseSortField> = new Set(['receivedAt', 'id']);

/**
 * The officers' case list (named query): jurisdiction scope, filters, sort and range in one SQL
 * statement plus a count. Overdue means an open case whose next deadline has passed.
 */
export async function findCasePage(
  em: EntityManager,
  scope: CaseScope,
  filter: CaseListFilter,
  sort: { field: CaseSortField; order: 'ASC' | 'DESC' },
  /** `walk`: how many of the newest cases a text search looks at first (TEXT_SEARCH_WALK). */
  range: { offset: number; limit: number; countCap?: number; walk?: number },
  now: Date = new Date(),
): Promise<{ rows: CaseListRow[]; total: number; totalExact: boolean }> {
  const walk = range.walk ?? TEXT_SEARCH_WALK;
  const scoped = scopeCondition(scope);
  const q = filter.q?.trim();
  // A tracking code (with or without its dots) finds that case; other text searches title and body.
  const trackingCode = q ? normaliseTrackingCode(q) : null;
  const words = q && !trackingCode ? q : null;
  const cap = Math.min(range.countCap ?? LIST_COUNT_CAP, words ? TEXT_SEARCH_COUNT_CAP : Number.POSITIVE_INFINITY);
  const where = new SqlConditions()
    .add(scoped.sql, ...scoped.params)
    .addIf(!!filter.ids?.length, `c.id in (${placeholders(filter.ids?.length ?? 0)})`, ...(filter.ids ?? []))
    .addIf(
      !!filter.status?.length,
      `c.status in (${placeholders(filter.status?.length ?? 0)})`,
      ...(filter.status ?? []),
    )
    .addIf(
      !!filter.channel?.length,
      `c.channel in (${placeholders(filter.channel?.length ?? 0)})`,
      ...(filter.channel ?? []),
    )
    .addIf(!!filter.unitCode, `ou.path like (select path || '%' from org_unit where code = ?)`, filter.unitCode)
    .addIf(!!filter.categoryCode, 'cat.code = ?', filter.categoryCode)
    // RUNNING_DUE_SQL is null outside the running statuses; naming them lets the partial indexes apply.
    .addIf(filter.overdue === true, `${RUNNING_STATUSES_SQL} and ${RUNNING_DUE_SQL} < ?`, now)
    .addIf(filter.overdue === false, `coalesce(${RUNNING_DUE_SQL} >= ?, true)`, now)
    .addIf(
      filter.withoutProgress === true,
      `${RUNNING_STATUSES_SQL} and ${RUNNING_DUE_SQL} < ? and not exists (select 1 from case_event pe where pe.case_id = c.id
         and pe.type in ('PROGRESS_POSTED', 'DEADLINE_EXTENDED'))`,
      now,
    )
    .addIf(filter.minEscalationLevel !== undefined, 'c.escalation_level >= ?', filter.minEscalationLevel)
    .addIf(!!filter.receivedFrom, 'c.received_at >= ?', filter.receivedFrom)
    .addIf(!!filter.receivedTo, 'c.received_at < ?', filter.receivedTo)
    .addIf(!!trackingCode, 'c.tracking_code = ?', trackingCode);

  // The category only when a filter names it: any reference to category_id keeps a queue from being read from its index alone.
  const from = `from case_file c
    join org_unit ou on ou.id = c.owning_unit_id
    ${filter.categoryCode ? 'join category cat on cat.id = c.category_id' : ''}`;
  // Nulls last only where a column has nulls: on a NOT NULL column it would keep an index from being read backwards.
  const nulls = NULLABLE_SORT_FIELDS.has(sort.field) ? ' nulls last' : '';
  const orderSql = `${CASE_SORT_COLUMNS[sort.field]} ${sort.order}${nulls}, c.id ${sort.order}`;
  // The page's columns for the ids a query of ids found, in its order.
  const pageOf = (idsSql: string, extra = '') => `${LIST_COLUMNS}${extra}
       from (${idsSql}) page
       join case_file c on c.id = page.id
       join org_unit ou on ou.id = c.owning_unit_id
       left join category cat on cat.id = c.category_id
       ${LIST_JOINS}
       order by ${orderSql}`;
  // `offset 0` keeps the test a per-row probe of case_search's key (a subplan): pulled up into a
  // join, the planner would again read the word index's every match (its estimate is the trouble).
  const matches = (alias: string, probe = false) =>
    `exists (select 1 from case_search s where s.case_id = ${alias}.id and s.document @@ plainto_tsquery('simple', caunoi_unaccent(?))${probe ? ' offset 0' : ''})`;

  if (words && WALKABLE_SORT_FIELDS.has(sort.field)) {
    // The newest (or oldest) cases in scope, down the index, each tested against the words. The
    // LIMIT inside keeps the planner from turning it into the word index's every match; the
    // counts are over what the walk saw (`walked`) and what matched among it (`matched`).
    const sortKey = `w.sort_key ${sort.order}, w.id ${sort.order}`;
    const walked = await em.execute<Array<CaseListRow & { matched: number; walked: number }>>(
      pageOf(
        `select w.id, count(*) over () as matched, w.walked
           from (select x.*, count(*) over () as walked
                   from (select c.id, ${CASE_SORT_COLUMNS[sort.field]} as sort_key ${from}
                          where ${where.sql} order by ${orderSql} limit ${walk}) x) w
          where ${matches('w', true)}
          order by ${sortKey} limit ? offset ?`,
        ', page.matched::int as matched, page.walked::int as walked',
      ),
      [...where.params, words, range.limit, range.offset],
    );
    const everyCaseLooked = (walked[0]?.walked ?? walk) < walk;
    // A full page, or every case in scope looked at: the walk is the answer. A total from a walk
    // that stopped short is what it found, shown as "more than".
    if (walked.length === range.limit || (walked.length > 0 && everyCaseLooked)) {
      const rows = walked.map(({ matched: _matched, walked: _walked, ...row }) => row as CaseListRow);
      return { rows, total: walked[0]!.matched, totalExact: everyCaseLooked };
    }
  }
  if (words) where.add(matches('c'), words);
  const params = where.params;
  const whereSql = where.sql;
  const [rows, count] = await Promise.all([
    // The page's ids first, from the index alone where it can (unit, status, deadline, receipt:
    // the covering index), then the columns of those rows only: a broad queue sorts tens of
    // thousands of index entries, never tens of thousands of table rows.
    em.execute<CaseListRow[]>(pageOf(`select c.id ${from} where ${whereSql} order by ${orderSql} limit ? offset ?`), [
      ...params,
      range.limit,
      range.offset,
    ]),
    // Counting stops past the cap: a page never pays for every match of a broad filter at national scale.
    em.execute<Array<{ total: number }>>(
      `select count(*)::int as total from (select 1 ${from} where ${whereSql} limit ${cap + 1}) matches`,
      params,
    ),
  ]);
  const counted = count[0]!.total;
  return { rows, total: Math.min(counted, cap), totalExact: counted <= cap };
}

/** The case's id if it exists within the scope; otherwise null (callers answer 404). */
export async function findCaseIdInScope(em: EntityManager, scope: CaseScope, caseId: number): Promise<number | null> {
  const scoped = scopeCondition(scope);
  // em.execute runs inside the caller's transaction, if any.
  const rows = await em.execute<Array<{ id: number }>>(
    `select c.id from case_file c join org_unit ou on ou.id = c.owning_unit_id where c.id = ? and ${scoped.sql}`,
    [caseId, ...scoped.params],
  );
  return rows[0]?.id ?? null;
}

/** List rows for known case ids, without scope or count: for broadcasting cases already decided to be sent. */
export async function findCaseRows(em: EntityManager, ids: number[]): Promise<CaseListRow[]> {
  if (!ids.length) return [];
  return em.execute<CaseListRow[]>(
    `${LIST_COLUMNS}
     from case_file c join org_unit ou on ou.id = c.owning_unit_id left join category cat on cat.id = c.category_id
     ${LIST_JOINS}
     where c.id in (${placeholders(ids.length)})`,
    ids,
  );
}

/** A duplicate merged into a case counts as one more citizen supporting it. */
export async function countSupporter(tx: EntityManager, caseId: number): Promise<void> {
  await tx.execute('update case_file set support_count = support_count + 1 where id = ?', [caseId]);
}

/** Running cases by status and escalation level (the operator's gauge; closed, rejected and merged cases excluded). */
export function countOpenCasesByStatusAndLevel(
  em: EntityManager,
): Promise<Array<{ status: string; level: number; n: number }>> {
  return em.execute(
    `select status, escalation_level::int as level, count(*)::int as n from case_file
     where status not in ('closed', 'rejected', 'merged') group by status, escalation_level`,
  );
}
