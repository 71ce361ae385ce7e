import type { EntityManager } from '@mikro-orm/postgresql';

export interface DeliveryReceiptInput {
  dedupeKey: string;
  recipient: string;
  channel: 'email' | 'zalo';
  template: string | null;
  caseId: number | null;
  note?: string | null;
  /** The conversation entry this delivery carried, marked sent with the channel's id for it in the same statement. */
  sent?: { messageId: number; externalId: string | null };
}

/** The recipients a message (its dedupe key) has already reached: a retry skips them. */
export async function deliveredRecipients(em: EntityManager, dedupeKey: string): Promise<Set<string>> {
  const rows = await em.execute<Array<{ recipient: string }>>(
    'select recipient from delivery_receipt where dedupe_key = ?',
    [dedupeKey.slice(0, 200)],
  );
  return new Set(rows.map((r) => r.recipient));
}

/**
 * Records that one recipient got the message (or, with a note, why nothing was sent to them), and
 * marks the conversation entry it carried as sent, in one statement.
 */
export async function recordDelivery(em: EntityManager, r: DeliveryReceiptInput): Promise<void> {
  const receipt = [
    r.dedupeKey.slice(0, 200),
    r.recipient.slice(0, 320),
    r.channel,
    r.template?.slice(0, 60) ?? null,
    r.caseId,
    r.note ?? null,
  ];
  const insert = `insert into delivery_receipt (dedupe_key, recipient, channel, template, case_id, note, sent_at) values (?, ?, ?, ?, ?, ?, now()) on conflict (dedupe_key, recipient) do nothing`;
  if (!r.sent) {
    await em.execute(insert, receipt);
    return;
  }
  // A data-modifying CTE runs whether or not the statement reads it.
  await em.execute(
    `with marked as (
       update case_message set external_id = coalesce(external_id, ?), delivery_status = 'sent', sent_at = now()
        where id = ? and direction = 'outbound')
     ${insert}`,
    [r.sent.externalId, r.sent.messageId, ...receipt],
  );
}
