import { type EntityManager, type NewInboundItem, storeInbound as storeInboundRow } from '@caunoi/db';
import { AppError } from '../http/app-error';

export type { InboundItemRow, NewInboundItem } from '@caunoi/db';

/**
 * Stores an inbound item exactly as it arrived, in its own committed statement, before anything
 * else can fail (invariant 1); a second delivery finds the first copy (invariant 2). The same
 * Idempotency-Key with another body is the sender's mistake, answered 422 naming the key.
 */
export async function storeInbound(
  em: EntityManager,
  item: NewInboundItem,
): Promise<{ id: number; duplicate: boolean }> {
  const stored = await storeInboundRow(em, item);
  if (stored.kind === 'keyReused') throw keyReusedError();
  return { id: stored.id, duplicate: stored.duplicate };
}

/** The same Idempotency-Key with another body: the sender's to fix. */
export function keyReusedError(): AppError {
  return new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different submission', {
    fields: [
      {
        field: 'Idempotency-Key',
        message: 'use a new key for a new submission; resend exactly the same body to get the first answer again',
      },
    ],
  });
}
