import { defineEntity, p } from '@mikro-orm/core';
import { CHANNELS, INBOUND_STATUSES } from '@caunoi/workflows';
import { Case } from './case.entity';

/**
 * Everything that arrives, stored raw before anything can fail (invariant 1). (channel,
 * externalId) is unique so that a retried delivery finds its first copy (invariant 2): the Zalo
 * msg_id, the email Message-ID, the portal Idempotency-Key.
 */
export const InboundItemSchema = defineEntity({
  name: 'InboundItem',
  tableName: 'inbound_item',
  properties: {
    id: p.bigint('number').primary(),
    channel: p.enum(CHANNELS),
    externalId: p.string().length(300),
    contentType: p.string().length(120),
    raw: p.blob().lazy(),
    /** Transport facts worth keeping: source IP, SMTP envelope, webhook headers. */
    meta: p.json<Record<string, unknown>>().default('{}'),
    receivedAt: p.datetime(),
    status: p.enum(INBOUND_STATUSES).default('pending'),
    attempts: p.integer().default(0),
    error: p.text().nullable(),
    processedAt: p.datetime().nullable(),
    case: () => p.manyToOne(Case).nullable(),
  },
  uniques: [{ name: 'inbound_item_channel_external_id_unique', properties: ['channel', 'externalId'] }],
  indexes: [
    {
      name: 'inbound_item_unprocessed_idx',
      expression:
        'create index "inbound_item_unprocessed_idx" on "inbound_item" ("received_at") where "status" in (\'pending\', \'failed\')',
    },
    {
      name: 'inbound_item_refused_idx',
      expression:
        'create index "inbound_item_refused_idx" on "inbound_item" ("received_at") where "status" in (\'rejected\', \'ignored\') and "case_id" is null',
    },
  ],
});

export class InboundItem extends InboundItemSchema.class {}
InboundItemSchema.setClass(InboundItem);
