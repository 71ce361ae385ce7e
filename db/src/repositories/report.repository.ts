import type { LegalTrack, UnitCountsInput } from '@caunoi/workflows';
import type { EntityManager } from '@mikro-orm/postgresql';
import { OPEN_SQL, RUNNING_DUE_SQL } from './case.repository';
import { escapeLike } from './case-scope-sql';
import { SqlConditions } from './sql-conditions';

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

/**
 * Per-unit counts for the Government Office summary, in one aggregate query (named query), plus
 * the running deadlines of the overdue cases for the aging buckets the caller computes on the
 * working calendar. No citizen table is touched.
 */
export async function findEscalationCounts(
  em: EntityManager,
  filter: EscalationReportFilter,
  now: Date,
): Promise<{ units: UnitCounts[]; overdue: Array<{ unitCode: string; runningDueAt: Date }> }> {
  const where = new SqlConditions()
    .addIf(!!filter.receivedFrom, 'c.received_at >= ?', filter.receivedFrom)
    .addIf(!!filter.receivedTo, 'c.received_at < ?', filter.receivedTo)
    .addIf(!!filter.pathPrefix, 'ou.path like ?', `${escapeLike(filter.pathPrefix ?? '')}%`)
    .addIf(!!filter.categoryCode, 'c.category_id = (select id from category where code = ?)', filter.categoryCode)
    .addIf(!!filter.legalTrack, 'c.legal_track = ?', filter.legalTrack);
  const params = where.params;
  // Provinces, ministries and agencies are the third path segment: /VPCP/01/00004/ → 01.
  const key = filter.groupBy === 'top' ? `coalesce(nullif(split_part(ou.path, '/', 3), ''), ou.code)` : 'ou.code';
  const from = `from case_file c join org_unit ou on ou.id = c.owning_unit_id where ${where.sql}`;
  const [units, overdue] = await Promise.all([
    em.execute<UnitCounts[]>(
      `select u.name_vi as "unitName", g.* from (
         select ${key} as "unitCode",
           count(*)::int as received,
           count(*) filter (where ${OPEN_SQL})::int as open,
           count(*) filter (where not (${OPEN_SQL}))::int as closed,
           count(*) filter (where c.resolved_at is not null and c.resolve_due_at is not null)::int as "answeredWithDeadline",
           count(*) filter (where c.resolved_at is not null and c.resolve_due_at is not null and c.resolved_at <= c.resolve_due_at)::int as "answeredOnTime",
           count(*) filter (where ${RUNNING_DUE_SQL} < ?)::int as "overdueNow",
           count(*) filter (where ${OPEN_SQL} and c.escalation_level = 1)::int as level1,
           count(*) filter (where ${OPEN_SQL} and c.escalation_level = 2)::int as level2,
           count(*) filter (where ${OPEN_SQL} and c.escalation_level >= 3)::int as level3,
           coalesce(sum(c.transfer_count), 0)::int as transfers,
           count(*) filter (where c.resolved_at is not null or c.reopen_count > 0)::int as answered,
           count(*) filter (where c.reopen_count > 0)::int as reopened,
           count(c.satisfaction)::int as rated,
           coalesce(sum(c.satisfaction), 0)::int as "satisfactionSum"
         ${from} group by 1) g
       join org_unit u on u.code = g."unitCode"
       order by g."unitCode"`,
      [now, ...params],
    ),
    em.execute<Array<{ unitCode: string; runningDueAt: Date }>>(
      `select ${key} as "unitCode", ${RUNNING_DUE_SQL} as "runningDueAt" ${from} and ${RUNNING_DUE_SQL} < ?`,
      [...params, now],
    ),
  ]);
  return { units, overdue };
}
