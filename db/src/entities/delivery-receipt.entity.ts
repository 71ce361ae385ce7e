import { defineEntity, p } from '@mikro-orm/core';
import { Case } from './case.entity';

/**
 * One message handed to one recipient (an email to one address, a Zalo message to one user). The
 * queue's job rows are gone once done; receipts stay: they are the delivery history officers and
 * tests read, and, unique per (dedupe key, recipient), they make a retried job send only to the
 * recipients it has not reached yet.
 */
export const DeliveryReceiptSchema = defineEntity({
  name: 'DeliveryReceipt',
  tableName: 'delivery_receipt',
  properties: {
    id: p.bigint('number').primary(),
    dedupeKey: p.string().length(200),
    recipient: p.string().length(320),
    channel: p.string().length(20),
    template: p.string().length(60).nullable(),
    case: () => p.manyToOne(Case).nullable().index(),
    /** What happened instead of a plain send: no address, a fallback to email, the case gone. */
    note: p.text().nullable(),
    sentAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['dedupeKey', 'recipient'] }],
});

export class DeliveryReceipt extends DeliveryReceiptSchema.class {}
DeliveryReceiptSchema.setClass(DeliveryReceipt);
