import type { EntityManager } from '@mikro-orm/postgresql';
import type { Channel, Language } from '@caunoi/workflows';
import { executePrepared } from './bound-query';

/** What a notification about a case may say: read when it is delivered, so it tells the case as it is then. */
export interface NoticeFacts {
  caseId: number;
  trackingCode: string;
  title: string;
  status: string;
  channel: Channel;
  language: Language;
  unit: { code: string; nameVi: string; nameEn: string };
  citizen: { name: string | null; email: string | null; zaloIds: Record<string, string> } | null;
  citizenReplyDueAt: Date | null;
  autoCloseDueAt: Date | null;
  resolveDueAt: Date | null;
  /** The answer date promised at receipt, or the resolve deadline once the unit has accepted. */
  expectedAnswerAt: Date | null;
  escalationLevel: number;
  mergedInto: string | null;
  /** The question, answer or refusal the notification carries (a case_message), with the names of its files. */
  message: { id: number; body: string; files: string[] } | null;
  /** The citizen's choice about publication in the public register. */
  publicationConsent: boolean;
  /** What the appeal rule reads (workflows: appeals): the track, the reopenings, where the unit sits. */
  legalTrack: string;
  reopenCount: number;
  unitPath: string;
  /** Message-IDs of the citizen's own mails on this case, so our replies thread in their mail client. */
  citizenMailIds: string[];
  /** The recipients this notice (its dedupe key) has already reached: a retry sends to the others only. */
  alreadyReached: Set<string>;
}

/**
 * The facts of a case and of the message a notice carries, read when the notice is delivered, and
 * who the notice (`dedupeKey`) has already reached, in one statement (named query): a delivery
 * job is a few statements, and there is one or more for nearly every case change.
 */
export async function loadNoticeFacts(
  em: EntityManager,
  caseId: number,
  messageId: number | null,
  dedupeKey: string,
): Promise<NoticeFacts | null> {
  // Prepared: planning this statement took six times as long as running it.
  const [row] = await executePrepared<Record<string, any>>(
    em,
    `select c.id, c.tracking_code, c.title, c.status, c.channel, c.language, c.citizen_reply_due_at, c.auto_close_due_at, c.resolve_due_at, c.expected_answer_at, c.escalation_level, c.publication_consent, c.legal_track, c.reopen_count, u.path as unit_path,
            u.code as unit_code, u.name_vi as unit_name_vi, u.name_en as unit_name_en,
            z.name as citizen_name, z.email as citizen_email, z.zalo_ids, d.tracking_code as merged_into,
            -- A merged case's notice may carry the answer of the case it was merged into.
            (select json_build_object('id', m.id, 'body', m.body,
                      'files', (select array_agg(a.file_name order by a.id) from attachment a where a.message_id = m.id))
               from case_message m where m.id = ?::int and m.case_id in (c.id, c.duplicate_of_id)) as message,
            array(select external_id from case_message
                   where case_id = c.id and direction = 'inbound' and channel = 'email' and external_id is not null
                   order by created_at, id limit 10) as citizen_mail_ids,
            array(select recipient from delivery_receipt where dedupe_key = ?) as already_reached
     from case_file c join org_unit u on u.id = c.owning_unit_id
     left join citizen z on z.id = c.citizen_id left join case_file d on d.id = c.duplicate_of_id
     where c.id = ?`,
    [messageId, dedupeKey.slice(0, 200), caseId],
  );
  if (!row) return null;
  const message = row.message as { id: number; body: string; files: string[] | null } | null;
  return {
    caseId: row.id,
    trackingCode: row.tracking_code,
    title: row.title,
    status: row.status,
    channel: row.channel,
    language: row.language,
    unit: { code: row.unit_code, nameVi: row.unit_name_vi, nameEn: row.unit_name_en },
    citizen:
      row.citizen_name !== undefined &&
      (row.citizen_email || row.citizen_name || Object.keys(row.zalo_ids ?? {}).length)
        ? { name: row.citizen_name, email: row.citizen_email, zaloIds: row.zalo_ids ?? {} }
        : null,
    citizenReplyDueAt: row.citizen_reply_due_at ? new Date(row.citizen_reply_due_at) : null,
    autoCloseDueAt: row.auto_close_due_at ? new Date(row.auto_close_due_at) : null,
    resolveDueAt: row.resolve_due_at ? new Date(row.resolve_due_at) : null,
    expectedAnswerAt: row.resolve_due_at
      ? new Date(row.resolve_due_at)
      : row.expected_answer_at
        ? new Date(row.expected_answer_at)
        : null,
    escalationLevel: row.escalation_level,
    mergedInto: row.merged_into ?? null,
    message: message ? { id: message.id, body: message.body, files: message.files ?? [] } : null,
    publicationConsent: row.publication_consent === true,
    legalTrack: row.legal_track,
    reopenCount: Number(row.reopen_count ?? 0),
    unitPath: row.unit_path,
    citizenMailIds: row.citizen_mail_ids ?? [],
    alreadyReached: new Set(row.already_reached ?? []),
  };
}

/** The officers a unit notice goes to: one officer by id, or a unit's active officers and heads (or heads only). */
export async function findNoticeRecipients(
  em: EntityManager,
  who: { userId: number } | { unitCode: string; supervisorsOnly: boolean },
): Promise<Array<{ id: number; email: string; language: Language }>> {
  if ('userId' in who)
    return em.execute(`select id, email, language from app_user where id = ? and active`, [who.userId]);
  return executePrepared(
    em,
    `select u.id, u.email, u.language from app_user u join org_unit o on o.id = u.unit_id
     where o.code = ? and u.active and u.role in ('officer', 'supervisor') ${who.supervisorsOnly ? `and u.role = 'supervisor'` : ''}
     order by u.id`,
    [who.unitCode],
  );
}

/** The first active OA among those a citizen wrote to, and their Zalo id there. */
export async function findCitizenZaloAddress(
  em: EntityManager,
  zaloIds: Record<string, string>,
): Promise<{ oaId: string; userId: string } | null> {
  const [oa] = await em.execute<Array<{ oa_id: string }>>(
    `select oa_id from zalo_oa where active and oa_id in (select jsonb_object_keys(?::jsonb)) order by id limit 1`,
    [JSON.stringify(zaloIds)],
  );
  const userId = oa ? zaloIds[oa.oa_id] : undefined;
  return oa && userId ? { oaId: oa.oa_id, userId } : null;
}

/** What officers see of an outbound conversation message: sent (with the channel's id for it), or why not. */
export async function markMessageDelivery(
  em: EntityManager,
  messageId: number,
  outcome: { sent: true; externalId: string | null } | { sent: false; failed: boolean; note: string },
): Promise<void> {
  if (outcome.sent) {
    await em.execute(
      `update case_message set external_id = coalesce(external_id, ?), delivery_status = 'sent', sent_at = now() where id = ? and direction = 'outbound'`,
      [outcome.externalId, messageId],
    );
  } else {
    await em.execute(
      `update case_message set delivery_note = ?${outcome.failed ? `, delivery_status = 'failed'` : ''} where id = ? and direction = 'outbound'`,
      [outcome.note, messageId],
    );
  }
}
