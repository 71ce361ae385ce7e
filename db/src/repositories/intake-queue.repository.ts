import type { EntityManager } from '@mikro-orm/postgresql';
import type { Channel, InboundStatus } from '@caunoi/workflows';
import { placeholders } from './case-scope-sql';
import { SqlConditions } from './sql-conditions';

/** An inbound item as the intake queue lists it (its bytes are downloaded apart). */
export interface InboundQueueRow {
  id: number;
  channel: Channel;
  externalId: string;
  contentType: string;
  status: InboundStatus;
  attempts: number;
  error: string | null;
  meta: Record<string, unknown>;
  size: number;
  receivedAt: Date;
  processedAt: Date | null;
  trackingCode: string | null;
  /** The unit that owns the item's case (who may see the contact data in it); null without a case. */
  caseUnit: { id: number; path: string } | null;
}

export interface QueuePage<T> {
  rows: T[];
  total: number;
}

/** The intake queue (named query): items in the given statuses, newest first, with their case's code. */
export async function findInboundQueue(
  em: EntityManager,
  filter: { statuses: readonly InboundStatus[]; channel?: string },
  range: { offset: number; limit: number },
): Promise<QueuePage<InboundQueueRow>> {
  const where = new SqlConditions()
    .add(`i.status in (${placeholders(filter.statuses.length)})`, ...filter.statuses)
    .addIf(!!filter.channel, 'i.channel = ?', filter.channel);
  const [count, rows] = await Promise.all([
    em.execute<Array<{ total: number }>>(
      `select count(*)::int as total from inbound_item i where ${where.sql}`,
      where.params,
    ),
    em.execute<Array<Omit<InboundQueueRow, 'caseUnit'> & { caseUnitId: number | null; caseUnitPath: string | null }>>(
      `select i.id::int as id, i.channel, i.external_id as "externalId", i.content_type as "contentType", i.status, i.attempts, i.error, i.meta,
              i.received_at as "receivedAt", i.processed_at as "processedAt", length(i.raw)::int as size, c.tracking_code as "trackingCode",
              ou.id as "caseUnitId", ou.path as "caseUnitPath"
       from inbound_item i left join case_file c on c.id = i.case_id left join org_unit ou on ou.id = c.owning_unit_id
       where ${where.sql} order by i.received_at desc, i.id desc limit ? offset ?`,
      [...where.params, range.limit, range.offset],
    ),
  ]);
  return {
    rows: rows.map(({ caseUnitId, caseUnitPath, ...row }) => ({
      ...row,
      caseUnit: caseUnitId !== null && caseUnitPath !== null ? { id: caseUnitId, path: caseUnitPath } : null,
    })),
    total: count[0]!.total,
  };
}

/** An item's exact bytes and type, for download. */
export async function findInboundRaw(
  em: EntityManager,
  id: number,
): Promise<{ raw: Buffer; contentType: string; caseUnit: { id: number; path: string } | null } | null> {
  const [row] = await em.execute<
    Array<{ raw: Buffer; contentType: string; caseUnitId: number | null; caseUnitPath: string | null }>
  >(
    `select i.raw, i.content_type as "contentType", ou.id as "caseUnitId", ou.path as "caseUnitPath"
     from inbound_item i left join case_file c on c.id = i.case_id left join org_unit ou on ou.id = c.owning_unit_id
     where i.id = ?`,
    [id],
  );
  if (!row) return null;
  return {
    raw: row.raw,
    contentType: row.contentType,
    caseUnit:
      row.caseUnitId !== null && row.caseUnitPath !== null ? { id: row.caseUnitId, path: row.caseUnitPath } : null,
  };
}

export async function findInboundStatus(em: EntityManager, id: number): Promise<InboundStatus | null> {
  const [row] = await em.execute<Array<{ status: InboundStatus }>>('select status from inbound_item where id = ?', [
    id,
  ]);
  return row?.status ?? null;
}
