import type { CaseMachineContext, MachineEvent } from './case-types';

type GuardArgs = { context: CaseMachineContext; event: MachineEvent };

const filled = (value: unknown) => typeof value === 'string' && value.trim().length > 0;
const actorOf = (event: MachineEvent) => event.$ctx.actor;

/**
 * Who may do what, and what an event must carry. Guards named `has…` check the event's payload;
 * the others check the actor and the case. `availableTransitions` evaluates only the latter, so
 * the UI shows a button when the person may act and the form asks for the payload.
 */
export const caseGuards = {
  isSystem: ({ event }: GuardArgs) => actorOf(event).kind === 'system',
  isCitizenOrSystem: ({ event }: GuardArgs) => actorOf(event).kind !== 'officer',
  isCitizen: ({ event }: GuardArgs) => actorOf(event).kind === 'citizen',
  /** An officer of the owning unit, or a supervisor of it or of a unit above it. */
  isStaffOfOwningUnit: ({ event }: GuardArgs) => {
    const actor = actorOf(event);
    if (actor.kind !== 'officer') return false;
    if (actor.role === 'officer' || actor.role === 'supervisor') {
      return actor.relation === 'owningUnit' || (actor.role === 'supervisor' && actor.relation === 'ancestorUnit');
    }
    return false;
  },
  isSupervisorOfOwningUnit: ({ event }: GuardArgs) => {
    const actor = actorOf(event);
    return actor.kind === 'officer' && actor.role === 'supervisor' && actor.relation !== 'none';
  },
  /** The Government Office, or a supervisor of a unit above the owning unit, presses the unit. */
  canUrge: ({ event }: GuardArgs) => {
    const actor = actorOf(event);
    return (
      actor.kind === 'officer' &&
      (actor.role === 'govOffice' || (actor.role === 'supervisor' && actor.relation === 'ancestorUnit'))
    );
  },
  /** A supervisor assigns anyone; an officer of the owning unit takes the case for itself. */
  canAssign: ({ event }: GuardArgs) => {
    const actor = actorOf(event);
    if (actor.kind !== 'officer') return false;
    if (actor.role === 'supervisor' && actor.relation !== 'none') return true;
    // Without an officer id yet (listing the buttons), taking the case oneself is possible.
    const officerId = event.type === 'assign' ? event.officerId : undefined;
    return (
      actor.role === 'officer' &&
      actor.relation === 'owningUnit' &&
      (officerId === undefined || officerId === actor.userId)
    );
  },
  /** The citizen closes (and rates), or staff close an answered case. */
  canClose: ({ event }: GuardArgs) =>
    actorOf(event).kind === 'citizen' || caseGuards.isStaffOfOwningUnit({ event } as GuardArgs),
  isReopenWindowOpen: ({ event }: GuardArgs) => event.$ctx.facts?.reopenWindowOpen === true,
  canExtendDeadline: ({ context, event }: GuardArgs) => context.extensionCount < (event.$ctx.facts?.maxExtensions ?? 0),
  hasAutoRoute: ({ event }: GuardArgs) => event.type === 'submit' && filled(event.unitCode),
  hasReason: ({ event }: GuardArgs) => 'reason' in event && filled(event.reason),
  hasQuestion: ({ event }: GuardArgs) => event.type === 'requestInfo' && filled(event.question),
  hasAnswer: ({ event }: GuardArgs) => event.type === 'respond' && filled(event.answer),
  hasNote: ({ event }: GuardArgs) =>
    (event.type === 'urge' || event.type === 'returnAnswer' || event.type === 'postProgress') && filled(event.note),
  hasExpectedDate: ({ event }: GuardArgs) =>
    event.type === 'postProgress' &&
    /^\d{4}-\d{2}-\d{2}$/.test(event.expectedDate) &&
    !Number.isNaN(Date.parse(event.expectedDate)),
  /** The answer needs the head's approval, and whoever answers is not a head (a head's own answer is approved). */
  answerNeedsApproval: ({ event }: GuardArgs) =>
    event.$ctx.facts?.answerNeedsApproval === true && actorOf(event).role !== 'supervisor',
  /** The unit may publish this answer on some basis, and it is not in the register yet. */
  mayBePublished: ({ event }: GuardArgs) =>
    (event.$ctx.facts?.publishableOn?.length ?? 0) > 0 && event.$ctx.facts?.published !== true,
  isPublished: ({ event }: GuardArgs) => event.$ctx.facts?.published === true,
  /** The basis named is one the unit may publish on now; the public interest needs its reason. */
  hasPublicationBasis: ({ event }: GuardArgs) =>
    event.type === 'publishAnswer' &&
    (event.$ctx.facts?.publishableOn ?? []).includes(event.basis) &&
    (event.basis === 'consent' || filled(event.reason)),
  hasConsentChoice: ({ event }: GuardArgs) =>
    event.type === 'setPublicationConsent' && typeof event.consent === 'boolean',
  canAppeal: ({ event }: GuardArgs) => event.$ctx.facts?.appealAllowed === true,
  hasMessage: ({ event }: GuardArgs) => event.type === 'citizenNote' && filled(event.message),
  hasTargetUnit: ({ event }: GuardArgs) =>
    (event.type === 'route' ||
      event.type === 'transfer' ||
      event.type === 'suggestCategory' ||
      event.type === 'categorise') &&
    filled(event.unitCode ?? undefined),
  hasCategory: ({ event }: GuardArgs) => event.type === 'categorise' && filled(event.categoryCode),
  hasRelatedCase: ({ event }: GuardArgs) =>
    event.type === 'linkRelated' && Number.isInteger(event.relatedCaseId) && event.relatedCaseId > 0,
  hasDifferentUnit: ({ context, event }: GuardArgs) =>
    event.type === 'transfer' && event.unitCode !== context.owningUnitCode,
  /** A refusal needs somewhere to go back to: the case must have been transferred here. */
  wasTransferredHere: ({ context }: GuardArgs) =>
    Boolean(context.previousUnitCode) && context.previousUnitCode !== context.owningUnitCode,
  hasSimilarCases: ({ event }: GuardArgs) =>
    event.type === 'offerSimilar' &&
    event.similarCaseIds.length > 0 &&
    event.similarCaseIds.every((id) => Number.isInteger(id) && id > 0),
  hasMergeTarget: ({ event }: GuardArgs) =>
    event.type === 'merge' && Number.isInteger(event.intoCaseId) && event.intoCaseId > 0,
  hasAssignee: ({ event }: GuardArgs) =>
    event.type === 'assign' && Number.isInteger(event.officerId) && event.officerId > 0,
};

export type CaseGuardName = keyof typeof caseGuards;

/** Guards about the payload: skipped when listing the transitions a person may start. */
export function isPayloadGuard(name: string): boolean {
  return name.startsWith('has') && name !== 'hasAutoRoute';
}
