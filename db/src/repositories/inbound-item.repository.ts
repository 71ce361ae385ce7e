import type { EntityManager } from '@mikro-orm/postgresql';
import type { Channel, InboundStatus } from '@caunoi/workflows';
import { executeBound } from './bound-query';
import { jobKeyExistsSql } from './job-queue.repository';
import { storableJson, storableText } from './storable-text';

/** Items larger than this are stored one statement each rather than base64 in a group's JSON. */
const LARGE_ITEM_BYTES = 256 * 1024;

/**
 * What is kept of a refused item's bytes: the first 64 KB (enough to see what it was), with the
 * size and SHA-256 of the whole in its meta. A refused 26 MB body kept whole, from anyone, is a
 * way to fill the disk; a processed item keeps its bytes (they are the case's evidence).
 */
export const REFUSED_RAW_KEEP_BYTES = 64 * 1024;
const KEEP = REFUSED_RAW_KEEP_BYTES;
/** The SET clauses that bound a refused item's raw bytes (`refused` is a SQL condition on the row). */
const boundRefusedRaw = (refused: string, table: string) =>
  `raw = case when ${refused} and length(${table}raw) > ${KEEP} then substring(${table}raw from 1 for ${KEEP}) else ${table}raw end,
   meta = case when ${refused} and length(${table}raw) > ${KEEP}
     then ${table}meta || jsonb_build_object('rawBytes', length(${table}raw), 'rawSha256', encode(sha256(${table}raw), 'hex'), 'rawKeptBytes', ${KEEP})
     else ${table}meta end`;

export interface NewInboundItem {
  channel: Channel;
  /** Zalo msg_id, email Message-ID, portal Idempotency-Key (or a generated one). */
  externalId: string;
  contentType: string;
  raw: Buffer;
  /** What the transport knew: source IP, SMTP envelope, webhook headers, the kind of item. */
  meta: Record<string, unknown>;
  receivedAt: Date;
  /**
   * For items keyed by the sender (the portal's Idempotency-Key): a hash of what they sent. The
   * same key with another body is refused instead of answered with the first item's case; a key
   * whose first body was rejected may be used again with a corrected body.
   */
  bodySha256?: string;
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
export type StoredInbound = { kind: 'stored'; id: number; duplicate: boolean } | { kind: 'keyReused' };

export interface StoreOptions {
  /**
   * The caller processes a newly stored item right after this commit, so its first attempt is
   * counted in the same statement (as `countInboundAttempts` would count it, one commit later):
   * an attempt that ends the process still counts towards quarantine. A resend's copy is not counted.
   */
  attemptStarted?: boolean;
}

export async function storeInbound(
  em: EntityManager,
  item: NewInboundItem,
  { attemptStarted = false }: StoreOptions = {},
): Promise<StoredInbound> {
  const externalId = storableText(item.externalId.slice(0, 300));
  const meta = JSON.stringify(
    storableJson(item.bodySha256 ? { ...item.meta, bodySha256: item.bodySha256 } : item.meta),
  );
  // The raw bytes travel as a bound binary parameter, never as SQL text (see executeBound).
  const insert = (tx: EntityManager) =>
    executeBound<{ id: string }>(
      tx,
      `insert into inbound_item (channel, external_id, content_type, raw, meta, received_at, status, attempts)
       values (?, ?, ?, ?, ?::jsonb, ?, 'pending', ?)
       on conflict (channel, external_id) do nothing returning id`,
      [
        item.channel,
        externalId,
        storableText(item.contentType.slice(0, 120)),
        item.raw,
        meta,
        item.receivedAt,
        attemptStarted ? 1 : 0,
      ],
    );
  if (!item.bodySha256) {
    const inserted = await insert(em);
    if (inserted.length) return { kind: 'stored', id: Number(inserted[0]!.id), duplicate: false };
    const [existing] = await em.execute<Array<{ id: string }>>(
      'select id from inbound_item where channel = ? and external_id = ?',
      [item.channel, externalId],
    );
    return { kind: 'stored', id: Number(existing!.id), duplicate: true };
  }
  // One short transaction on one connection: insert, or compare with the item already under the key.
  return em.transactional(async (tx): Promise<StoredInbound> => {
    const inserted = await insert(tx);
    if (inserted.length) return { kind: 'stored', id: Number(inserted[0]!.id), duplicate: false };
    const [existing] = await tx.execute<Array<{ id: string; status: InboundStatus; body_sha256: string | null }>>(
      `select id, status, meta->>'bodySha256' as body_sha256 from inbound_item where channel = ? and external_id = ? for update`,
      [item.channel, externalId],
    );
    if (!existing) throw new Error(`inbound item ${externalId} vanished while being compared`);
    if (existing.body_sha256 === item.bodySha256) return { kind: 'stored', id: Number(existing.id), duplicate: true };
    // The sender's key already names another body that was not refused: theirs to fix (a 422).
    if (existing.status !== 'rejected') return { kind: 'keyReused' };
    // The first body was refused: keep it (renamed, so the key is free) and take the corrected one.
    await tx.execute(
      `update inbound_item set external_id = left(external_id, 260) || ':superseded:' || id where id = ?`,
      [existing.id],
    );
    const again = await insert(tx);
    return { kind: 'stored', id: Number(again[0]!.id), duplicate: false };
  });
}

/**
 * Stores a group of items in one committed statement (the group-commit path): each comes back in
 * its place as `storeInbound` would answer it. An item that meets one already stored (a resend, a
 * reused Idempotency-Key) is answered by `storeInbound` itself, which compares the bodies.
 */
export async function storeInboundItems(
  em: EntityManager,
  items: readonly NewInboundItem[],
  options: StoreOptions = {},
): Promise<StoredInbound[]> {
  if (!items.length) return [];
  // A large item (an upload with files) is stored on its own, its bytes a binary parameter.
  if (items.length === 1 || items.some((i) => i.raw.length > LARGE_ITEM_BYTES)) {
    const stored: StoredInbound[] = [];
    for (const item of items) stored.push(await storeInbound(em, item, options));
    return stored;
  }
  const rows = items.map((item) => ({
    channel: item.channel,
    external_id: storableText(item.externalId.slice(0, 300)),
    content_type: storableText(item.contentType.slice(0, 120)),
    raw: item.raw.toString('base64'),
    meta: storableJson(item.bodySha256 ? { ...item.meta, bodySha256: item.bodySha256 } : item.meta),
    received_at: item.receivedAt.toISOString(),
  }));
  const inserted = await executeBound<{ id: string; channel: string; external_id: string }>(
    em,
    `insert into inbound_item (channel, external_id, content_type, raw, meta, received_at, status, attempts)
     select r.channel, r.external_id, r.content_type, decode(r.raw, 'base64'), r.meta, r.received_at, 'pending', ?::int
     from json_to_recordset(?::json) as r(channel text, external_id text, content_type text, raw text, meta jsonb, received_at timestamptz)
     on conflict (channel, external_id) do nothing returning id, channel, external_id`,
    [options.attemptStarted ? 1 : 0, JSON.stringify(rows)],
  );
  const idOf = new Map(inserted.map((r) => [`${r.channel}\n${r.external_id}`, Number(r.id)]));
  const stored: StoredInbound[] = [];
  for (const [index, item] of items.entries()) {
    const key = `${item.channel}\n${rows[index]!.external_id}`;
    const id = idOf.get(key);
    // Taken once: the same key twice in one group makes the second a resend of the first.
    if (id !== undefined) {
      idOf.delete(key);
      stored.push({ kind: 'stored', id, duplicate: false });
    } else stored.push(await storeInbound(em, item, options));
  }
  return stored;
}

/**
 * Reads and locks an item for processing; concurrent deliveries of the same item wait here. The
 * receiver that has just stored the item passes the bytes it stored (`rawInHand`): then they are
 * not read back, which for an upload of 25 MB is a 50 MB hex text and its copies in this process.
 */
export async function lockInboundItem(
  tx: EntityManager,
  id: number,
  rawInHand?: Buffer,
): Promise<InboundItemRow | null> {
  const [row] = await lockInboundItems(tx, [id], rawInHand ? new Map([[id, rawInHand]]) : undefined);
  return row ?? null;
}

function toInboundItemRow(row: Record<string, unknown>): InboundItemRow {
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

/**
 * Reads and locks a group of items in id order (two groups never wait on each other in a cycle);
 * the raw bytes are read only when some item's are not in hand (see lockInboundItem).
 */
export async function lockInboundItems(
  tx: EntityManager,
  ids: readonly number[],
  rawInHand: ReadonlyMap<number, Buffer> = new Map(),
): Promise<InboundItemRow[]> {
  const readRaw = ids.some((id) => !rawInHand.has(id));
  const rows = await tx.execute<Array<Record<string, unknown>>>(
    `select id, channel, external_id, content_type, ${readRaw ? 'raw' : 'null::bytea as raw'}, meta, received_at,
            status, attempts, error, case_id
     from inbound_item where id in (select json_array_elements_text(?::json)::bigint) order by id for update`,
    [JSON.stringify(ids)],
  );
  return rows.map((row) => {
    const item = toInboundItemRow(row);
    return readRaw ? item : { ...item, raw: rawInHand.get(item.id)! };
  });
}

/** Counts an attempt on each item of a group, before any work (see countInboundAttempt). */
export async function countInboundAttempts(em: EntityManager, ids: readonly number[]): Promise<void> {
  await em.execute(
    `update inbound_item set attempts = attempts + 1
     where id in (select json_array_elements_text(?::json)::bigint) and status in ('pending', 'failed')`,
    [JSON.stringify(ids)],
  );
}

/** What processing decided for each item of a group, in the transaction that did it. */
export async function markInboundItemsDecided(
  tx: EntityManager,
  decided: ReadonlyArray<{
    id: number;
    status: 'processed' | 'ignored' | 'rejected';
    caseId: number | null;
    note: string | null;
  }>,
): Promise<void> {
  if (!decided.length) return;
  await tx.execute(
    `update inbound_item i set status = d.status, case_id = d.case_id, error = d.note, processed_at = now(),
       ${boundRefusedRaw("d.status = 'rejected'", 'i.')}
     from json_to_recordset(?::json) as d(id bigint, status text, case_id bigint, note text) where i.id = d.id`,
    [
      JSON.stringify(
        decided.map((d) => ({ id: d.id, status: d.status, case_id: d.caseId, note: d.note && storableText(d.note) })),
      ),
    ],
  );
}

/** Counts an attempt to process an item, in a statement of its own before any work: an attempt that ends the process still counts. */
export async function countInboundAttempt(em: EntityManager, id: number): Promise<void> {
  await em.execute(`update inbound_item set attempts = attempts + 1 where id = ? and status in ('pending', 'failed')`, [
    id,
  ]);
}

/** What processing decided for an item, in the transaction that did it. */
export async function markInboundDecided(
  tx: EntityManager,
  id: number,
  decided: { status: 'processed' | 'ignored'; caseId: number | null; note: string | null },
): Promise<void> {
  await tx.execute(`update inbound_item set status = ?, case_id = ?, error = ?, processed_at = now() where id = ?`, [
    decided.status,
    decided.caseId,
    decided.note && storableText(decided.note),
    id,
  ]);
}

/** The sender's input was refused: kept, with the error they were told. */
export async function markInboundRejected(
  tx: EntityManager,
  id: number,
  error: { code: string; message: string; details?: Record<string, unknown> },
): Promise<void> {
  await tx.execute(
    `update inbound_item set status = 'rejected', error = ?, processed_at = now(), ${boundRefusedRaw('true', '')} where id = ?`,
    [JSON.stringify(storableJson(error)), id],
  );
}

/** Processing failed on our side: kept for the retry job and the officers' queue. */
export async function markInboundFailed(em: EntityManager, id: number, message: string): Promise<void> {
  await em.execute(
    `update inbound_item set status = 'failed', error = ? where id = ? and status in ('pending', 'failed')`,
    [storableText(message.slice(0, 4000)), id],
  );
}

/** Items whose processing never finished `unfinishedLimit` times become failed and wait for a person; returns their ids. */
export async function quarantineUnfinishedItems(em: EntityManager, unfinishedLimit: number): Promise<number[]> {
  const rows = await em.execute<Array<{ id: string }>>(
    `update inbound_item set status = 'failed',
       error = 'Quarantined: ' || attempts || ' attempts to process this item never finished (the server stopped while handling it). It is kept; fix the cause, then retry it from the intake queue.'
     where status = 'pending' and attempts >= ? returning id`,
    [unfinishedLimit],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Items left to process (pending after a crash, failed on our side) that have no retry job
 * waiting, oldest first: quarantined items and those out of attempts wait for a person.
 */
export async function findInboundItemsToRequeue(
  em: EntityManager,
  limits: { unfinished: number; attempts: number; olderThan: Date; limit: number },
): Promise<number[]> {
  const rows = await em.execute<Array<{ id: string }>>(
    `select i.id from inbound_item i
     where ((i.status = 'pending' and i.attempts < ?) or (i.status = 'failed' and i.attempts < ? and i.error not like 'Quarantined:%'))
       and i.received_at < ?
       and not ${jobKeyExistsSql(`'inbound:' || i.id`, { waitingOnly: true })}
     order by i.received_at limit ?`,
    [limits.unfinished, limits.attempts, limits.olderThan, limits.limit],
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Refused and ignored items older than the retention, deleted in batches (a recurring job): they
 * became no case, and their senders were answered long ago. Returns how many went.
 */
export async function deleteExpiredRefusedItems(em: EntityManager, retentionDays: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const [row] = await em.execute<Array<{ n: number }>>(
      `with gone as (
         delete from inbound_item where id in (
           select id from inbound_item
            where status in ('rejected', 'ignored') and case_id is null and received_at < now() - ? * interval '1 day'
            limit 5000)
         returning 1)
       select count(*)::int as n from gone`,
      [retentionDays],
    );
    deleted += row?.n ?? 0;
    if ((row?.n ?? 0) < 5000) return deleted;
  }
}

/** Inbound items not yet decided (pending or failed) and the oldest one's age in seconds: the operator's "is intake keeping up". */
export async function inboundBacklog(em: EntityManager): Promise<{ waiting: number; oldestSeconds: number }> {
  const [row] = await em.execute<Array<{ waiting: number; oldest: number }>>(
    `select count(*)::int as waiting, coalesce(extract(epoch from now() - min(received_at)), 0)::float as oldest
     from inbound_item where status in ('pending', 'failed')`,
  );
  return { waiting: row?.waiting ?? 0, oldestSeconds: Number(row?.oldest ?? 0) };
}
