import { executeBound } from './bound-query';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PLACE_NAME_SQL } from '@caunoi/workflows';

/** What the intake channels and the citizen's pages look up, as named queries. */

/** The signing facts of an active OA, to check a webhook's signature (null: not ours, or off). */
export async function findZaloOaSecrets(
  em: EntityManager,
  oaId: string,
): Promise<{ appId: string; oaSecretKey: string } | null> {
  const [row] = await em.execute<Array<{ app_id: string; oa_secret_key: string }>>(
    'select app_id, oa_secret_key from zalo_oa where oa_id = ? and active',
    [oaId],
  );
  return row ? { appId: row.app_id, oaSecretKey: row.oa_secret_key } : null;
}

/** The unit whose own mailbox a local part names (its code or one of its intake aliases). */
export async function findUnitByMailbox(em: EntityManager, localPart: string): Promise<string | null> {
  const [unit] = await em.execute<Array<{ code: string }>>(
    `select code from org_unit where valid_to is null and (lower(code) = ? or ? = any(intake_aliases)) limit 1`,
    [localPart, localPart],
  );
  return unit?.code ?? null;
}

/** The case whose citizen (by email) wrote one of these mails: a second thought answers their own mail. */
export async function findCaseOfCitizenMail(
  em: EntityManager,
  messageIds: readonly string[],
  senderAddress: string,
): Promise<number | null> {
  if (!messageIds.length) return null;
  const [row] = await em.execute<Array<{ case_id: number }>>(
    `select m.case_id from case_message m join case_file c on c.id = m.case_id join citizen z on z.id = c.citizen_id
     where m.external_id in (select json_array_elements_text(?::json)) and m.direction = 'inbound' and lower(z.email) = lower(?) order by m.id desc limit 1`,
    [JSON.stringify(messageIds), senderAddress],
  );
  return row?.case_id ?? null;
}

/** What a channel tells the sender after intake: the code, the state, the answer date promised (or the deadline once accepted). */
export async function findCaseReceipt(
  em: EntityManager,
  caseId: number,
): Promise<{ trackingCode: string; status: string; expectedAnswerAt: Date | null } | null> {
  const [row] = await em.execute<Array<{ tracking_code: string; status: string; expected_answer_at: string | null }>>(
    'select tracking_code, status, coalesce(resolve_due_at, expected_answer_at) as expected_answer_at from case_file where id = ?',
    [caseId],
  );
  return row
    ? {
        trackingCode: row.tracking_code,
        status: row.status,
        expectedAnswerAt: row.expected_answer_at ? new Date(row.expected_answer_at) : null,
      }
    : null;
}

export interface PublicMessageRow {
  id: number;
  direction: 'inbound' | 'outbound';
  subject: string | null;
  body: string;
  created_at: Date;
  files: Array<{ id: number; fileName: string }> | null;
}

/** The conversation of a case as its citizen may read it, with the names of the files on each message. */
export function findConversation(em: EntityManager, caseId: number): Promise<PublicMessageRow[]> {
  return em.execute<PublicMessageRow[]>(
    `select m.id, m.direction, m.subject, m.body, m.created_at,
            (select json_agg(json_build_object('id', a.id, 'fileName', a.file_name) order by a.id)
               from attachment a where a.message_id = m.id) as files
     from case_message m where m.case_id = ? and m.delivery_status not in ('draft', 'returned')
     order by m.created_at, m.id`,
    [caseId],
  );
}

/** The audit events of these types, in order (the milestones a status page shows). */
export function findMilestones(
  em: EntityManager,
  caseId: number,
  types: readonly string[],
): Promise<Array<{ type: string; to_status: string | null; created_at: Date }>> {
  return em.execute(
    `select type, to_status, created_at from case_event where case_id = ? and type in (select json_array_elements_text(?::json)) order by seq`,
    [caseId, JSON.stringify(types)],
  );
}

/** An attachment's bytes, only through the case it belongs to. */
export async function findAttachmentContent(
  em: EntityManager,
  caseId: number,
  attachmentId: number,
): Promise<{ fileName: string; mime: string; content: Buffer } | null> {
  const [row] = await em.execute<Array<{ file_name: string; mime: string; content: Buffer }>>(
    'select a.file_name, a.mime, b.content from attachment a join attachment_blob b on b.sha256 = a.blob_sha256 where a.id = ? and a.case_id = ?',
    [attachmentId, caseId],
  );
  return row ? { fileName: row.file_name, mime: row.mime, content: row.content } : null;
}

/** Stores a file's bytes once, by their sha256 (a second case attaching the same photo shares them). */
export async function storeAttachmentBlob(tx: EntityManager, file: { sha256: string; content: Buffer }): Promise<void> {
  // The bytes travel as a bound binary parameter, never as SQL text (see executeBound).
  await executeBound(
    tx,
    'insert into attachment_blob (sha256, content, size, created_at) values (?, ?, ?, now()) on conflict (sha256) do nothing',
    [file.sha256, file.content, file.content.length],
  );
}

/** Outgoing mail kept when no SMTP server is configured, newest first (development aids). */
export function findCapturedMail(em: EntityManager, to: string | null): Promise<Array<Record<string, unknown>>> {
  return em.execute(
    `select id, message_id, in_reply_to, sender, recipients, subject, text, created_at from captured_mail
     ${to ? 'where exists (select 1 from unnest(recipients) r where lower(r) = ?)' : ''} order by id desc limit 200`,
    to ? [to] : [],
  );
}

export interface NamedUnitRow {
  code: string;
  level: string;
  parent: string | null;
}

export interface NamedLegacyRow {
  oldCode: string;
  oldName: string;
  oldLevel: string;
  oldParentCode: string | null;
  newCode: string;
  newParent: string | null;
}

/** Current provinces and communes, and pre-2025 places, whose names match these parts of a written address. */
export async function findPlacesByNames(
  em: EntityManager,
  parts: readonly string[],
): Promise<{ current: NamedUnitRow[]; legacy: NamedLegacyRow[] }> {
  const names = JSON.stringify(parts);
  const [current, legacy] = await Promise.all([
    em.execute<NamedUnitRow[]>(
      `select u.code, u.level, p.code as parent from org_unit u left join org_unit p on p.id = u.parent_id
       where u.valid_to is null and u.level in ('province', 'commune') and ${PLACE_NAME_SQL('u.name_vi')} in (select json_array_elements_text(?::json))`,
      [names],
    ),
    em.execute<NamedLegacyRow[]>(
      `select l.old_code as "oldCode", l.old_name as "oldName", l.old_level as "oldLevel", l.old_parent_code as "oldParentCode", l.new_code as "newCode", n.parent as "newParent"
       from legacy_place l left join lateral (select p.code as parent from org_unit u left join org_unit p on p.id = u.parent_id where u.code = l.new_code) n on true
       where ${PLACE_NAME_SQL('l.old_name')} in (select json_array_elements_text(?::json))`,
      [names],
    ),
  ]);
  return { current, legacy };
}

/** Keeps an outgoing mail, exactly as it would have been sent, when no SMTP server is configured. */
export async function storeCapturedMail(
  em: EntityManager,
  mail: {
    messageId: string;
    inReplyTo: string | null;
    from: string;
    to: readonly string[];
    subject: string;
    text: string;
    raw: Buffer;
  },
): Promise<void> {
  await em.execute(
    `insert into captured_mail (message_id, in_reply_to, sender, recipients, subject, text, raw, created_at)
     values (?, ?, ?, array(select json_array_elements_text(?::json)), ?, ?, ?, now())`,
    [mail.messageId, mail.inReplyTo, mail.from, JSON.stringify(mail.to), mail.subject, mail.text, mail.raw],
  );
}

/** The cheapest question the database can answer: readiness. */
export async function pingDatabase(em: EntityManager): Promise<void> {
  await em.execute('select 1');
}

/**
 * A file the citizen may download from their status page: on a message of the conversation they
 * see (theirs, or one that went out), never a draft's, nor one uploaded for an answer not sent yet.
 */
export async function findVisibleAttachmentContent(
  em: EntityManager,
  caseId: number,
  attachmentId: number,
): Promise<{ fileName: string; mime: string; content: Buffer } | null> {
  const [row] = await em.execute<Array<{ file_name: string; mime: string; content: Buffer }>>(
    `select a.file_name, a.mime, b.content from attachment a
       join case_message m on m.id = a.message_id and m.delivery_status not in ('draft', 'returned')
       join attachment_blob b on b.sha256 = a.blob_sha256
      where a.id = ? and a.case_id = ?`,
    [attachmentId, caseId],
  );
  return row ? { fileName: row.file_name, mime: row.mime, content: row.content } : null;
}
