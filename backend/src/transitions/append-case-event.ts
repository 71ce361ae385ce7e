import { type Case, CaseEvent, type EntityManager, type User } from '@caunoi/db';
import { type ActorType, type CaseStatus, GENESIS_HASH, hashCaseEvent } from '@caunoi/workflows';

export interface NewCaseEvent {
  type: string;
  actorType: ActorType;
  actor: string;
  actorUser?: User | null;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  reason?: string | null;
  payload: Record<string, unknown>;
  at: Date;
}

/**
 * Appends the next link of a case's audit chain inside the caller's transaction. The caller holds
 * the case row lock, so reading the last link and writing the next cannot interleave; the unique
 * (case, seq) index is the backstop.
 */
export async function appendCaseEvent(em: EntityManager, kase: Case, event: NewCaseEvent): Promise<CaseEvent> {
  const last = await em.findOne(CaseEvent, { case: kase.id }, { orderBy: { seq: 'desc' }, fields: ['seq', 'hash'] });
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = hashCaseEvent(prevHash, {
    caseId: kase.id,
    seq,
    type: event.type,
    actor: event.actor,
    payload: event.payload,
    createdAt: event.at,
  });
  const row = em.create(CaseEvent, {
    case: kase,
    seq,
    type: event.type,
    actorType: event.actorType,
    actorUser: event.actorUser ?? null,
    actor: event.actor,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    reason: event.reason ?? null,
    payload: event.payload,
    prevHash,
    hash,
    createdAt: event.at,
  });
  em.persist(row);
  return row;
}
