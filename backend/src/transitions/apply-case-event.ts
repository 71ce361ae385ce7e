import type { EntityManager } from '@caunoi/db';
import type { CaseEvent as MachineCaseEvent, TransitionFacts } from '@caunoi/workflows';
import type { SlaContext } from './sla-context';
import { type CommittedTransition, changeCase } from './change-case';

export interface EventSource {
  kind: 'citizen' | 'system';
  /** Recorded in the audit trail: `citizen`, `system:sweeper`, `system:intake`. */
  label: string;
}

/**
 * A citizen's or the system's event on a case in a transaction of its own, through the one path
 * (`changeCase`), without a version check: it does not answer something its sender read.
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
  return em.transactional(async (tx) =>
    changeCase(tx, await loadSla(tx), caseId, {
      event,
      context: { actor: { kind: source.kind, relation: 'none' }, facts },
      actor: { actorType: source.kind, actor: source.label, userId: null },
      now,
    }),
  );
}
