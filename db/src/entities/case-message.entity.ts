import { defineEntity, p } from '@mikro-orm/core';
import { CHANNELS, DELIVERY_STATUSES, MESSAGE_DIRECTIONS } from '@caunoi/workflows';
import { Case } from './case.entity';
import { User } from './user.entity';

/** The conversation with the citizen across channels: what came in and what went out. */
export const CaseMessageSchema = defineEntity({
  name: 'CaseMessage',
  tableName: 'case_message',
  properties: {
    id: p.integer().primary(),
    case: () => p.manyToOne(Case).index(),
    direction: p.enum(MESSAGE_DIRECTIONS),
    channel: p.enum(CHANNELS),
    subject: p.string().length(300).nullable(),
    body: p.text(),
    /** Email Message-ID, Zalo msg_id: what threads a reply back to this message. */
    externalId: p.string().length(300).nullable().index(),
    deliveryStatus: p.enum(DELIVERY_STATUSES),
    /** Why a delivery failed or went by another channel (a Zalo window closed → email). */
    deliveryNote: p.text().nullable(),
    author: () => p.manyToOne(User).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    sentAt: p.datetime().nullable(),
  },
});

export class CaseMessage extends CaseMessageSchema.class {}
CaseMessageSchema.setClass(CaseMessage);
