import { type EntityManager, type MikroORM, type NewInboundItem, storeInbound as storeInboundRow } from '@caunoi/db';
import type { IntakeOutcome, IntakeProcessor } from './intake-processor';
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
  if (stored.kind === 'keyReused') {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different submission', {
      fields: [
        {
          field: 'Idempotency-Key',
          message: 'use a new key for a new submission; resend exactly the same body to get the first answer again',
        },
      ],
    });
  }
  return { id: stored.id, duplicate: stored.duplicate };
}

/**
 * How every channel hands an item over: stored raw first (committed before anything can fail),
 * then processed. Resolves once the item is stored, with its processing under way, so a channel
 * that must answer within a deadline (Zalo's 2 s) can answer before processing ends.
 */
export async function receiveInbound(
  orm: MikroORM,
  processor: IntakeProcessor,
  item: NewInboundItem,
): Promise<{ itemId: number; outcome: Promise<IntakeOutcome> }> {
  const stored = await storeInbound(orm.em.fork(), item);
  return { itemId: stored.id, outcome: processor.process(stored.id) };
}
