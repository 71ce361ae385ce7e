import { createHash } from 'node:crypto';
import { type EntityManager, recordDelivery } from '@caunoi/db';

/** A failure that retrying cannot fix (an invalid recipient, a disabled OA): the job is failed for good, with this reason. */
export function permanentFailure(message: string): Error {
  return Object.assign(new Error(message), { permanent: true });
}

export function isPermanentFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { permanent?: boolean }).permanent === true;
}

/** A short reference to a message that stays the same across retries (in Message-IDs, for the receiver's dedupe). */
export function messageRef(dedupeKey: string): string {
  return `o${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 10)}`;
}

/**
 * A delivery job's receipts: one per recipient reached (or, with a note, why nothing was sent to
 * them), marking the conversation entry it carried as sent when there is one.
 */
export function receiptsOf(em: EntityManager, job: { dedupeKey: string; template: string }, channel: 'email' | 'zalo') {
  return (
    recipient: string,
    caseId: number | null,
    note: string | null = null,
    sent?: { messageId: number; externalId: string | null },
  ) =>
    recordDelivery(em, {
      dedupeKey: job.dedupeKey,
      recipient,
      channel,
      template: job.template,
      caseId,
      note,
      ...(sent ? { sent } : {}),
    });
}
