import type { EntityManager } from '@mikro-orm/postgresql';
import type { CaseStatus } from '@caunoi/workflows';
import { FINAL_STATUSES_SQL } from './case.repository';

/** The OA an event was sent to, with the unit that runs it (null: not one of ours). */
export async function findZaloOa(tx: EntityManager, oaId: string): Promise<{ oaId: string; unitCode: string } | null> {
  const [row] = await tx.execute<Array<{ oa_id: string; unit_code: string }>>(
    'select z.oa_id, u.code as unit_code from zalo_oa z join org_unit u on u.id = z.unit_id where z.oa_id = ?',
    [oaId],
  );
  return row ? { oaId: row.oa_id, unitCode: row.unit_code } : null;
}

/**
 * Applies a Zalo delivery or read receipt to our outbound messages with those ids; a receipt never
 * moves a message backwards (seen stays seen when a late "received" arrives). Returns how many changed.
 */
export async function applyZaloReceipt(
  tx: EntityManager,
  messageIds: readonly string[],
  status: 'delivered' | 'seen',
): Promise<number> {
  if (!messageIds.length) return 0;
  const result = (await tx.execute(
    `update case_message set delivery_status = ? where channel = 'zalo' and direction = 'outbound' and external_id in (select json_array_elements_text(?::json))
     and delivery_status in (${status === 'seen' ? `'queued', 'sent', 'delivered'` : `'queued', 'sent'`})`,
    [status, JSON.stringify(messageIds)],
    'run',
  )) as { affectedRows?: number };
  return result.affectedRows ?? 0;
}

/** The citizen rows of one Zalo user at one OA (their own first message, a portal case they linked), newest first. */
export async function findCitizensOfZaloUser(tx: EntityManager, oaId: string, userId: string): Promise<number[]> {
  const rows = await tx.execute<Array<{ id: number }>>(
    `select id from citizen where zalo_ids ->> ? = ? order by id desc`,
    [oaId, userId],
  );
  return rows.map((r) => r.id);
}

export interface CaseByCode {
  id: number;
  citizenId: number | null;
  accessKeyHash: string;
  status: CaseStatus;
}

export async function findCaseByTrackingCode(tx: EntityManager, trackingCode: string): Promise<CaseByCode | null> {
  const [row] = await tx.execute<
    Array<{ id: number; citizen_id: number | null; access_key_hash: string; status: CaseStatus }>
  >('select id, citizen_id, access_key_hash, status from case_file where tracking_code = ?', [trackingCode]);
  return row ? { id: row.id, citizenId: row.citizen_id, accessKeyHash: row.access_key_hash, status: row.status } : null;
}

/** Makes a Zalo user the case's citizen on Zalo: added to the citizen the case has, or a citizen made for it. */
export async function linkZaloUserToCase(
  tx: EntityManager,
  kase: { id: number; citizenId: number | null },
  oaId: string,
  userId: string,
): Promise<void> {
  const zaloId = JSON.stringify({ [oaId]: userId });
  if (kase.citizenId !== null) {
    await tx.execute(`update citizen set zalo_ids = coalesce(zalo_ids, '{}'::jsonb) || ?::jsonb where id = ?`, [
      zaloId,
      kase.citizenId,
    ]);
    return;
  }
  const [citizen] = await tx.execute<Array<{ id: number }>>(
    `insert into citizen (zalo_ids, is_organisation, created_at) values (?::jsonb, false, now()) returning id`,
    [zaloId],
  );
  await tx.execute(`update case_file set citizen_id = ? where id = ? and citizen_id is null`, [citizen!.id, kase.id]);
}

/**
 * Which open case a message from a user with several belongs to: the one whose message they
 * quoted, else the one waiting for their answer, else the latest (on any channel: a portal case
 * they linked counts).
 */
export async function findOpenCaseOfCitizens(
  tx: EntityManager,
  citizenIds: readonly number[],
  quotedMessageId: string | null,
): Promise<number | null> {
  if (!citizenIds.length) return null;
  const [row] = await tx.execute<Array<{ id: number }>>(
    `select c.id from case_file c
     where c.citizen_id in (select (json_array_elements_text(?::json))::int) and c.status not in (${FINAL_STATUSES_SQL})
     order by (?::text is not null and exists (select 1 from case_message m where m.case_id = c.id and m.external_id = ?)) desc,
              (c.status = 'awaitingCitizen') desc, c.received_at desc
     limit 1`,
    [JSON.stringify(citizenIds), quotedMessageId, quotedMessageId],
  );
  return row?.id ?? null;
}

/** Contact data a Zalo user shared with the OA: onto their citizen rows, or a citizen made for them. */
export async function storeZaloContact(
  tx: EntityManager,
  oaId: string,
  userId: string,
  contact: { name: string | null; phone: string | null; address: string },
): Promise<void> {
  const updated = (await tx.execute(
    `update citizen set name = coalesce(?, name), phone = coalesce(?, phone), address = coalesce(nullif(?, ''), address), consent_at = coalesce(consent_at, now()) where zalo_ids ->> ? = ?`,
    [contact.name, contact.phone, contact.address, oaId, userId],
    'run',
  )) as { affectedRows?: number };
  if (!updated.affectedRows) {
    await tx.execute(
      `insert into citizen (name, phone, address, zalo_ids, is_organisation, consent_at, created_at) values (?, ?, nullif(?, ''), ?, false, now(), now())`,
      [contact.name, contact.phone, contact.address, JSON.stringify({ [oaId]: userId })],
    );
  }
}

/**
 * The open case of these citizens that was offered the case with this tracking code to join
 * (its SIMILAR_OFFERED event names it), newest first: a button tap is accepted only for what was offered.
 */
export async function findCaseOfferedToJoin(
  tx: EntityManager,
  citizenIds: number[],
  offeredCode: string,
): Promise<number | null> {
  if (!citizenIds.length) return null;
  const [row] = await tx.execute<Array<{ id: number }>>(
    `select c.id from case_file c join case_event e on e.case_id = c.id and e.type = 'SIMILAR_OFFERED'
      where c.citizen_id in (?) and e.payload -> 'offered' @> ?::jsonb
      order by c.id desc limit 1`,
    [citizenIds, JSON.stringify([offeredCode])],
  );
  return row?.id ?? null;
}
