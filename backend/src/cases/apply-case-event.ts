import { LockMode } from '@mikro-orm/core';
import { Case, type EntityManager } from '@caunoi/db';
import { type CaseEvent as MachineCaseEvent, type TransitionFacts, transitionCase } from '@caunoi/workflows';
import { AppError } from '../errors/app-error';
import type { SlaContext } from '../sla/sla-context';
import { type CommittedTransition, commitTransition } from './commit-transition';

export interface EventSource {
  kind: 'citizen' | 'system';
  /** Recorded in the audit trail: `citizen`, `system:sweeper`, `system:intake`. */
  label: string;
}

/**
 * A citizen's or the system's event on a case (a reply, a reopen, a timeout, an SLA breach): the
 * same transaction as an officer's transition, without a version check, because it does not
 * answer something its sender read. The intake channels and the sweeper call this.
 */
export async function applyCaseEvent(
  em: EntityManager,
  loadSla: (em: EntityManager) => Promise<SlaContext>,
  caseId: number,
  event: MachineCaseEvent,
  source: EventSource,
  facts: TransitionFacts = {},
  now: Date = new Date(),
): Promise<CommittedTransition> {
  return em.transactional(async (tx) => {
    const kase = await tx.findOne(Case, caseId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!kase) throw new AppError('NOT_FOUND', `No case ${caseId}`);
    await tx.populate(kase, ['owningUnit', 'citizen']);
    const sla = await loadSla(tx);
    const result = transitionCase(kase.machineSnapshot as never, event, { actor: { kind: source.kind, relation: 'none' }, facts });
    if (!result.ok) throw new AppError('CONFLICT', result.message, { reason: result.reason, ...(result.guard ? { guard: result.guard } : {}), status: result.status });
    return commitTransition(tx, sla, kase, event, result, { actorType: source.kind, actor: source.label, userId: null }, null, now);
  });
}
