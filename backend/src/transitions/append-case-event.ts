import { type Case, type EntityManager, findLastEventLinks, insertCaseEvents } from '@caunoi/db';
import { type ActorType, type CaseStatus, GENESIS_HASH, hashCaseEvent } from '@caunoi/workflows';

export interface NewCaseEvent {
  type: string;
  actorType: ActorType;
  actor: string;
  actorUserId: number | null;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  reason?: string | null;
  payload: Record<string, unknown>;
  at: Date;
}

/**
 * Appends the next link of each case's audit chain inside the caller's transaction, one event per
 * case, reading the last links of all of them in one query. The caller holds the case row locks,
 * so reading the last link and writing the next cannot interleave; the unique (case, seq) index is
 * the backstop. A case created in this transaction has no link yet (its chain starts at genesis).
 */
export async function appendCaseEvents(
  em: EntityManager,
  entries: ReadonlyArray<{ kase: Case; isNew: boolean; event: NewCaseEvent }>,
): Promise<Array<{ seq: number }>> {
  const stored = entries.filter((e) => !e.isNew).map((e) => e.kase.id);
  const links = stored.length > 0 ? await findLastEventLinks(em, stored) : new Map();
  const rows = entries.map(({ kase, event }) => {
    const last = links.get(kase.id);
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
    return {
      case_id: kase.id,
      seq,
      type: event.type,
      actor_type: event.actorType,
      actor_user_id: event.actorUserId,
      actor: event.actor,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      reason: event.reason ?? null,
      payload: event.payload,
      prev_hash: prevHash,
      hash,
      created_at: event.at,
    };
  });
  await insertCaseEvents(em, rows);
  return rows.map((r) => ({ seq: r.seq }));
}
