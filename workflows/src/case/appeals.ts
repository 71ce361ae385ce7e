import type { LegalTrack } from '../domain';

/**
 * Appeal to the next level (issue: the citizen decides when it is resolved). After an answer the
 * citizen confirms or is dissatisfied; dissatisfied a second time (the first time reopened the
 * case), or on a complaint, they may take it to the level above instead: a new case linked to the
 * first, routed one level up the ladder, with its own clocks. The first case closes.
 */
export function appealAllowed(kase: { legalTrack: LegalTrack; reopenCount: number }): boolean {
  return kase.legalTrack === 'complaint' || kase.reopenCount >= 1;
}

/**
 * The unit an appeal goes to: the parent of the unit that answered (commune → province, province
 * or ministry → the Government Office), as the escalation ladder climbs. The Government Office
 * itself has no level above: null.
 */
export function appealUnitCode(owningUnitPath: string): string | null {
  const segments = owningUnitPath.split('/').filter(Boolean);
  return segments.length >= 2 ? segments.at(-2)! : null;
}

/** The rule and a level above to go to: what the status page, the chat's buttons and the machine's fact read. */
export function mayAppeal(kase: { legalTrack: LegalTrack; reopenCount: number; owningUnitPath: string }): boolean {
  return appealAllowed(kase) && appealUnitCode(kase.owningUnitPath) !== null;
}
