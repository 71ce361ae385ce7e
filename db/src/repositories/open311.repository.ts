import type { EntityManager } from '@mikro-orm/postgresql';
import { SqlConditions } from './sql-conditions';

/** A case as Open311's requests endpoints show it: no citizen, no contact data. */
export interface Open311CaseRow {
  trackingCode: string;
  status: string;
  categoryCode: string | null;
  categoryNameVi: string | null;
  categoryNameEn: string | null;
  title: string;
  body: string;
  owningUnitName: string;
  owningUnitPath: string;
  communeName: string | null;
  provinceName: string | null;
  latitude: number | null;
  longitude: number | null;
  receivedAt: Date;
  updatedAt: Date;
  resolveDueAt: Date | null;
}

export interface Open311Filter {
  trackingCodes?: string[];
  categoryCode?: string;
  from?: Date;
  to?: Date;
  /** Open311's open/closed, as CauNoi's statuses: closed is answered, closed, rejected or merged. */
  open?: boolean;
}

export const OPEN311_CLOSED_STATUSES = ['resolved', 'closed', 'rejected', 'merged'] as const;

/** Open311 `GET requests` (named query): newest first, a page at a time (the spec's default: 90 days, 1,000 at most). */
export async function findOpen311Requests(
  em: EntityManager,
  filter: Open311Filter,
  page: { offset: number; limit: number },
): Promise<Open311CaseRow[]> {
  const closed = `(${OPEN311_CLOSED_STATUSES.map((s) => `'${s}'`).join(', ')})`;
  const where = new SqlConditions()
    .addIf(
      !!filter.trackingCodes?.length,
      'c.tracking_code in (select json_array_elements_text(?::json))',
      JSON.stringify(filter.trackingCodes ?? []),
    )
    .addIf(!!filter.categoryCode, 'cat.code = ?', filter.categoryCode)
    .addIf(!!filter.from, 'c.received_at >= ?', filter.from)
    .addIf(!!filter.to, 'c.received_at <= ?', filter.to)
    .addIf(filter.open === true, `c.status not in ${closed}`)
    .addIf(filter.open === false, `c.status in ${closed}`);
  const rows = await em.execute<Open311CaseRow[]>(
    `select c.tracking_code as "trackingCode", c.status, cat.code as "categoryCode", cat.name_vi as "categoryNameVi",
            cat.name_en as "categoryNameEn", c.title, c.body, ou.name_vi as "owningUnitName", ou.path as "owningUnitPath",
            cm.name_vi as "communeName", pr.name_vi as "provinceName", c.latitude, c.longitude,
            c.received_at as "receivedAt", c.updated_at as "updatedAt", c.resolve_due_at as "resolveDueAt"
     from case_file c
     join org_unit ou on ou.id = c.owning_unit_id
     left join category cat on cat.id = c.category_id
     left join org_unit cm on cm.id = c.commune_id
     left join org_unit pr on pr.id = c.province_id
     where ${where.sql}
     order by c.received_at desc, c.id desc limit ? offset ?`,
    [...where.params, page.limit, page.offset],
  );
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return rows.map((r) => ({
    ...r,
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
    receivedAt: date(r.receivedAt)!,
    updatedAt: date(r.updatedAt)!,
    resolveDueAt: date(r.resolveDueAt),
  }));
}

/** Open311 `GET tokens/{token}`: the inbound item behind a token, and its case's code once it has one. */
export async function findOpen311Token(
  em: EntityManager,
  itemId: number,
): Promise<{ status: string; trackingCode: string | null } | null> {
  const [row] = await em.execute<Array<{ status: string; trackingCode: string | null }>>(
    `select i.status, c.tracking_code as "trackingCode" from inbound_item i left join case_file c on c.id = i.case_id
     where i.id = ? and i.meta->>'kind' = 'open311'`,
    [itemId],
  );
  return row ?? null;
}
