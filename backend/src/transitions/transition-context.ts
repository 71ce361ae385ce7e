import type { ChangeableCase } from '@caunoi/db';
import { type TransitionContext, answerNeedsApproval, relationToOwningUnit } from '@caunoi/workflows';
import type { Principal } from '../auth/principal';
import type { SlaContext } from './sla-context';

/** The facts the machine's guards need about an officer and a case (owning unit loaded). */
export function transitionContextFor(principal: Principal, kase: ChangeableCase, sla: SlaContext): TransitionContext {
  const receivedOn = sla.calendar.localDate(kase.receivedAt);
  return {
    actor: {
      kind: 'officer',
      role: principal.role,
      userId: principal.userId,
      relation: relationToOwningUnit(principal.unitPath, kase.owningUnit.path),
    },
    facts: {
      maxExtensions: sla.maxExtensions(kase.legalTrack, receivedOn, kase.category?.id ?? null),
      answerNeedsApproval: answerNeedsApproval({
        legalTrack: kase.legalTrack,
        categoryRequiresApproval: kase.category?.answerApproval ?? false,
      }),
    },
  };
}
