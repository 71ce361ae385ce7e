import { defineEntity, p } from '@mikro-orm/core';
import { ACTOR_TYPES, CASE_STATUSES } from '@caunoi/workflows';
import { Case } from './case.entity';
import { User } from './user.entity';

/**
 * The audit trail: append-only, numbered per case, hash-chained (`prevHash` → `hash`, see
 * `@caunoi/workflows` audit-chain). Every change to a case is one of these rows, written in the
 * same transaction as the change.
 */
export const CaseEventSchema = defineEntity({
  name: 'CaseEvent',
  tableName: 'case_event',
  properties: {
    id: p.bigint('number').primary(),
    case: () => p.manyToOne(Case),
    seq: p.integer(),
    /** UPPER_SNAKE audit type: SUBMITTED, ROUTED, ACCEPTED, SLA_BREACHED… */
    type: p.string().length(40),
    actorType: p.enum(ACTOR_TYPES),
    actorUser: () => p.manyToOne(User).nullable(),
    /** Who, as recorded for ever: `officer:12`, `citizen`, `system:sweeper`. */
    actor: p.string().length(120),
    fromStatus: p.enum(CASE_STATUSES).nullable(),
    toStatus: p.enum(CASE_STATUSES).nullable(),
    reason: p.text().nullable(),
    payload: p.json<Record<string, unknown>>().default('{}'),
    prevHash: p.string().length(64),
    hash: p.string().length(64),
    createdAt: p.datetime(),
  },
  uniques: [{ name: 'case_event_case_seq_unique', properties: ['case', 'seq'] }],
  indexes: [{ properties: ['type', 'createdAt'] }],
});

export class CaseEvent extends CaseEventSchema.class {}
CaseEventSchema.setClass(CaseEvent);
