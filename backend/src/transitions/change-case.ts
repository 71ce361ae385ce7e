import { LockMode } from '@mikro-orm/core';
import {
  Case,
  type Category,
  type ChangeableCase,
  type EntityManager,
  type OrgUnit,
  caseScopeFilter,
} from '@caunoi/db';
import {
  type CaseEvent,
  type CaseScope,
  type TransitionContext,
  type TransitionRefused,
  transitionCase,
} from '@caunoi/workflows';
import { AppError } from '../http/app-error';
import type { SlaContext } from './sla-context';
import {
  type CommittedTransition,
  type ConversationOrigin,
  type TransitionActorRecord,
  type TransitionToCommit,
  commitTransitions,
} from './commit-transition';

export type { CommittedTransition, ConversationOrigin, TransitionActorRecord } from './commit-transition';

/** One change to a case, as every caller describes it (`K`: the case as the caller holds it). */
export interface CaseChange<K extends ChangeableCase = Case> {
  event: CaseEvent;
  /**
   * Who acts, as the machine's guards see them (role, relation to the owning unit) and the facts
   * they read; a function when the facts depend on the locked case (e.g. the reopening window).
   */
  context: TransitionContext | ((kase: K) => TransitionContext);
  /** Who acts, as the audit trail records them. */
  actor: TransitionActorRecord;
  now: Date;
  /** An officer answers what they read: a different version is a 409 and nothing is written. */
  expectedVersion?: number;
  /** The unit a route, transfer or refusal sends the case to. */
  targetUnit?: OrgUnit | null;
  /** The category an officer sets (categorise) or a confident suggestion applies; its legal track comes with it. */
  targetCategory?: Category | null;
  /** Facts for the audit payload (e.g. a transfer sent above both sides). */
  auditExtra?: Record<string, unknown>;
  /** The channel and message id a citizen's words arrived with. */
  origin?: ConversationOrigin | null;
  /** Turns a refusal into the error this caller's audience understands (default: a 409 naming the state or guard). */
  refused?: (refusal: TransitionRefused, kase: K) => AppError;
}

/**
 * The one path that changes a case (DESIGN.md §2, invariant 3). It locks the row (unless the
 * caller already holds the lock and passes the case), checks the version, asks the machine's pure
 * `transitionCase`, and writes the result — case columns, one hash-chained event, the
 * conversation entry, the jobs for its effects — in the caller's transaction. Officers, citizens on every
 * channel, the portal's replies and the sweeper all come through here.
 */
export async function changeCase(
  tx: EntityManager,
  sla: SlaContext,
  target: number | Case,
  change: CaseChange,
): Promise<CommittedTransition & { kase: Case }> {
  const kase = typeof target === 'number' ? await lockCase(tx, target) : target;
  const [outcome] = await changeCases(tx, sla, [{ kase, change }]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!;
}

export type CaseChangeOutcome<K extends ChangeableCase = Case> =
  | (CommittedTransition & { ok: true; kase: K })
  | { ok: false; kase: K; error: AppError };

/**
 * The same path for many cases whose row locks the caller already holds (the sweeper's batch):
 * each case's change is decided by the machine on its own, and the accepted ones are written
 * together. A refusal or a stale version refuses that case only, in the outcome at its index. The
 * cases are entities, or plain records where a batch's entities would cost more than its writing.
 */
export async function changeCases<K extends ChangeableCase>(
  tx: EntityManager,
  sla: SlaContext,
  changes: ReadonlyArray<{ kase: K; change: CaseChange<K> }>,
): Promise<CaseChangeOutcome<K>[]> {
  const outcomes: Array<CaseChangeOutcome<K> | TransitionToCommit> = changes.map(({ kase, change }) => {
    if (change.expectedVersion !== undefined && kase.version !== change.expectedVersion)
      return { ok: false, kase, error: staleVersion(kase) };
    const context = typeof change.context === 'function' ? change.context(kase) : change.context;
    const result = transitionCase(kase.machineSnapshot ?? null, change.event, context);
    if (!result.ok) {
      const error =
        change.refused?.(result, kase) ??
        new AppError('CONFLICT', result.message, {
          reason: result.reason,
          ...(result.guard ? { guard: result.guard } : {}),
          status: result.status,
        });
      return { ok: false, kase, error };
    }
    return {
      kase,
      event: change.event,
      result,
      actor: change.actor,
      targetUnit: change.targetUnit ?? null,
      targetCategory: change.targetCategory ?? null,
      now: change.now,
      auditExtra: change.auditExtra ?? {},
      origin: change.origin ?? null,
    };
  });
  const accepted = outcomes.filter((o): o is TransitionToCommit => !('ok' in o));
  const committed = await commitTransitions(tx, sla, accepted);
  // The written ones come back in the order they were accepted.
  let next = 0;
  return outcomes.map((o) => ('ok' in o ? o : { ...committed[next++]!, ok: true, kase: o.kase as K }));
}

/** An officer acts on the version they read: another one is a 409 that says so, and nothing is written. */
export function assertVersion(kase: Case, expectedVersion: number): void {
  if (kase.version !== expectedVersion) throw staleVersion(kase);
}

function staleVersion(kase: ChangeableCase): AppError {
  return new AppError('CONFLICT', 'Someone else changed this case since you opened it; reload it and try again', {
    reason: 'staleVersion',
    currentVersion: kase.version,
  });
}

/**
 * Reads a case for a change, holding its row lock until the transaction ends (concurrent changes
 * queue here). With a scope, a case outside it is not found (an officer's jurisdiction, checked
 * in the same statement).
 */
export async function lockCase(tx: EntityManager, caseId: number, scope?: CaseScope): Promise<Case> {
  // One statement: the case and what the writer reads of it, joined; only the case's row is locked
  // (`for update of` the case's alias: a lock cannot reach the nullable side of an outer join).
  const kase = await tx.findOne(Case, scope ? { $and: [{ id: caseId }, caseScopeFilter(scope)] } : caseId, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
    lockTableAliases: ['c0'],
    // The audit chain's last link comes with the lock: the writer appends the next without asking.
    populate: ['owningUnit', 'citizen', 'category', 'auditTail'],
    strategy: 'joined',
  });
  if (!kase) throw new AppError('NOT_FOUND', scope ? `No case ${caseId} in your jurisdiction` : `No case ${caseId}`);
  return kase;
}
