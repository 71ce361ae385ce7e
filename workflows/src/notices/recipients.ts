import type { Channel, OutboxKind } from '../domain';
import type { UnitTemplate } from '../case/case-types';

/** What is known about how a case's citizen can be reached. */
export interface CitizenReach {
  /** The channel the case arrived on. */
  caseChannel: Channel;
  hasEmail: boolean;
  /** The citizen's Zalo user at one of our OAs (they wrote there, or linked the case by code and key). */
  hasZalo: boolean;
}

/**
 * The channel a citizen is answered on: the one they wrote on; a portal submitter by email when
 * they gave one, else on Zalo when they linked their Zalo to the case; otherwise only the status
 * page (null).
 */
export function citizenReplyChannel(reach: CitizenReach): Extract<OutboxKind, 'email' | 'zalo'> | null {
  if (reach.caseChannel === 'zalo') return 'zalo';
  if (reach.caseChannel === 'email') return 'email';
  if (reach.hasEmail) return 'email';
  return reach.hasZalo ? 'zalo' : null;
}

/**
 * Who in a unit reads a notice about a case: an escalation goes to the heads (supervisors) of the
 * unit it climbed to; a deadline warning to the officer holding the case when someone does; every
 * other notice to the unit's officers and heads.
 */
export function unitNoticeAudience(template: UnitTemplate, hasAssignee: boolean): 'supervisors' | 'assignee' | 'staff' {
  if (template === 'escalated' || template === 'answerToApprove') return 'supervisors';
  if (template === 'answerReturned' && hasAssignee) return 'assignee';
  if (template === 'slaWarning' && hasAssignee) return 'assignee';
  return 'staff';
}
