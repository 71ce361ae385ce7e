import type { EntityManager } from '@caunoi/db';
import type { Channel, InboundStatus } from '@caunoi/workflows';

export interface NewInboundItem {
  channel: Channel;
  /** Zalo msg_id, email Message-ID, portal Idempotency-Key (or a generated one). */
  externalId: string;
  contentType: string;
  raw: Buffer;
  /** What the transport knew: source IP, SMTP envelope, webhook headers, the kind of item. */
  meta: Record<string, unknown>;
  receivedAt: Date;
}

export interface InboundItemRow extends NewInboundItem {
  id: number;
  status: InboundStatus;
  attempts: number;
  error: string | null;
  caseId: number | null;
}

/**
 * Stores an inbound item exactly as it arrived, in its own committed statement, before anything
 * else can fail (invariant 1). A second delivery of the same (channel, external id) finds the
 * first copy (invariant 2) instead of storing another.
 */
export async function storeInbound(em: EntityManager, item: NewInboundItem): Promise<{ id: number; duplicate: boolean }> {
  const inserted = await em.execute<Array<{ id: string }>>(
    `insert into inbound_item (channel, external_id, content_type, raw, meta, received_at, status, attempts)
     values (?, ?, ?, ?, ?, ?, 'pending', 0)
     on conflict (channel, external_id) do nothing returning id`,
    [item.channel, item.externalId.slice(0, 300), item.contentType.slice(0, 120), item.raw, JSON.stringify(item.meta), item.receivedAt],
  );
  if (inserted.length) return { id: Number(inserted[0]!.id), duplicate: false };
  const [existing] = await em.execute<Array<{ id: string }>>('select id from inbound_item where channel = ? and external_id = ?', [item.channel, item.externalId.slice(0, 300)]);
  return { id: Number(existing!.id), duplicate: true };
}

/** Reads and locks an item for processing; concurrent deliveries of the same item wait here. */
export async function lockInboundItem(tx: EntityManager, id: number): Promise<InboundItemRow | null> {
  const [row] = await tx.execute<Array<Record<string, unknown>>>(
    `select id, channel, external_id, content_type, raw, meta, received_at, status, attempts, error, case_id
     from inbound_item where id = ? for update`,
    [id],
  );
  if (!row) return null;
  return {
    id: Number(row.id),
    channel: row.channel as Channel,
    externalId: String(row.external_id),
    contentType: String(row.content_type),
    raw: row.raw as Buffer,
    meta: (row.meta ?? {}) as Record<string, unknown>,
    receivedAt: new Date(row.received_at as string),
    status: row.status as InboundStatus,
    attempts: Number(row.attempts),
    error: (row.error as string | null) ?? null,
    caseId: row.case_id === null ? null : Number(row.case_id),
  };
}
