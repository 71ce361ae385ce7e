import { type CaseEventRow, type ChangeableCase, type EntityManager, findLastEventLinks } from '@caunoi/db';
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
 * The next link of each case's audit chain, one event per case, to be written in the caller's
 * transaction (the writer inserts them with the case rows). A case locked with its `auditTail`
 * brings its last link along; the others' are read in one query. The caller holds the case row
 * locks, so reading the last link and writing the next cannot interleave; the unique (case, seq)
 * index is the backstop. A case created in this transaction has no link yet (genesis).
 */
export async function chainCaseEvents(
  em: EntityManager,
  entries: ReadonlyArray<{ kase: ChangeableCase; isNew: boolean; event: NewCaseEvent }>,
): Promise<CaseEventRow[]> {
  const unknown = entries.filter((e) => !e.isNew && e.kase.auditTail === undefined).map((e) => e.kase.id);
  const links =
    unknown.length > 0 ? await findLastEventLinks(em, unknown) : new Map<number, { seq: number; hash: string }>();
  return entries.map(({ kase, isNew, event }) => {
    const last = isNew ? undefined : (links.get(kase.id) ?? parseTail(kase.auditTail));
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
}

/** `seq:hash` as the case's auditTail formula reads it. */
function parseTail(tail: string | null | undefined): { seq: number; hash: string } | undefined {
  if (!tail) return undefined;
  const at = tail.indexOf(':');
  return { seq: Number(tail.slice(0, at)), hash: tail.slice(at + 1) };
}
