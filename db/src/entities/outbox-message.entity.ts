import { defineEntity, p } from '@mikro-orm/core';
import { OUTBOX_KINDS, OUTBOX_STATUSES } from '@caunoi/workflows';
import { Case } from './case.entity';

/**
 * An effect to deliver after the transaction that decided it (invariant 4): email, Zalo message
 * or socket broadcast. Delivered at least once; `dedupeKey` is unique so that deciding the same
 * effect twice queues it once, and it travels with the send for the receiver's own dedupe.
 */
export const OutboxMessageSchema = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox_message',
  properties: {
    id: p.bigint('number').primary(),
    kind: p.enum(OUTBOX_KINDS),
    case: () => p.manyToOne(Case).nullable().index(),
    payload: p.json<Record<string, unknown>>(),
    dedupeKey: p.string().length(200).unique(),
    status: p.enum(OUTBOX_STATUSES).default('pending'),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime(),
    lastError: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    sentAt: p.datetime().nullable(),
  },
  indexes: [
    {
      name: 'outbox_message_due_idx',
      expression: 'create index "outbox_message_due_idx" on "outbox_message" ("next_attempt_at") where "status" = \'pending\'',
    },
  ],
});

export class OutboxMessage extends OutboxMessageSchema.class {}
OutboxMessageSchema.setClass(OutboxMessage);
