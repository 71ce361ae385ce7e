import type { Role, SlaClock } from '../domain';

/** How the acting person relates to the case: the backend computes this; the machine only reads it. */
export interface TransitionActor {
  kind: 'citizen' | 'officer' | 'system';
  role?: Role;
  userId?: number;
  /**
   * The actor's unit against the case's owning unit: the same unit, a unit above it (a province
   * over its communes, the Government Office over everything), or neither.
   */
  relation: 'owningUnit' | 'ancestorUnit' | 'none';
}

/** Facts about the case the backend knows and the machine cannot compute without I/O. */
export interface TransitionFacts {
  /** The citizen is still within the period in which an answer may be reopened. */
  reopenWindowOpen?: boolean;
  /** Extensions the applicable SLA rule allows for the resolve clock. */
  maxExtensions?: number;
  /** The case's answer must be approved by the unit head before it goes out (workflows: answer-approval). */
  answerNeedsApproval?: boolean;
  /** The unit may publish the answer on this basis now (workflows: publication-rules, mayPublishOn). */
  publishableOn?: Array<'consent' | 'publicInterest'>;
  /** The answer is in the public register now. */
  published?: boolean;
  /** The citizen may take the case to the level above (workflows: appeals) and there is one. */
  appealAllowed?: boolean;
}

export interface TransitionContext {
  actor: TransitionActor;
  facts?: TransitionFacts;
}

/** Events officers, citizens and the system send to a case (DESIGN.md §3). */
export type CaseEvent =
  | { type: 'submit'; unitCode?: string | null }
  | { type: 'route'; unitCode: string }
  | { type: 'accept' }
  | { type: 'transfer'; unitCode: string; reason: string }
  | { type: 'refuseTransfer'; reason: string }
  | { type: 'reject'; reason: string }
  | { type: 'merge'; intoCaseId: number; reason?: string }
  | { type: 'requestInfo'; question: string }
  | { type: 'citizenReplied'; message?: string }
  /** The citizen writes on an open case that is not waiting for them: the message joins the conversation. */
  | { type: 'citizenNote'; message: string }
  | { type: 'infoTimeout' }
  /** The answer; the files it carries (uploaded first) are recorded by id in the audit trail. */
  | { type: 'respond'; answer: string; attachmentIds?: number[] }
  /**
   * The unit tells the citizen how it is going and when to expect the answer (required when a
   * deadline will be missed); `expectedDate` is a local date, YYYY-MM-DD.
   */
  | { type: 'postProgress'; note: string; expectedDate: string }
  /** The unit head approves the drafted answer: it goes to the citizen. */
  | { type: 'approveAnswer'; note?: string }
  /** The unit head sends the draft back to the officer with what to change. */
  | { type: 'returnAnswer'; note: string }
  | { type: 'reopen'; reason: string }
  | { type: 'close'; satisfaction?: number }
  | { type: 'resolveTimeout' }
  | { type: 'slaWarning'; clock: SlaClock }
  | { type: 'slaBreached'; clock: SlaClock; level?: number }
  | { type: 'urge'; note: string }
  | { type: 'assign'; officerId: number }
  | { type: 'extendDeadline'; reason: string }
  /**
   * The category model's suggestion, after the case was committed (never in intake's way). With a
   * `unitCode` (the suggestion was confident and its category names a unit for the place) a case
   * still in triage is routed there; otherwise it is only recorded, for the officer.
   */
  | {
      type: 'suggestCategory';
      categoryCode: string | null;
      confidence: number;
      because: string[];
      alternatives: Array<{ categoryCode: string; confidence: number }>;
      signals: string[];
      modelId: number | null;
      unitCode?: string | null;
    }
  /** An officer sets or corrects the category (training data for the model); in triage with a unit, it routes too. */
  | { type: 'categorise'; categoryCode: string; unitCode?: string | null }
  /** A supervisor links another case as related without merging (each keeps its citizens and its own answer). */
  | { type: 'linkRelated'; relatedCaseId: number; reason?: string }
  /** Another citizen supports an open case instead of filing the same again (and may follow it). */
  | { type: 'support' }
  /**
   * A citizen who wrote in chat (Zalo has no form to compare before sending) was shown similar
   * open cases and may join one: the cases offered, recorded so that only those can be chosen.
   */
  | { type: 'offerSimilar'; similarCaseIds: number[] }
  /** The citizen agrees to the publication of their question and its answer (masked), or takes that back. */
  | { type: 'setPublicationConsent'; consent: boolean }
  /** The unit publishes the answer in the public register, masked and reviewed, on a basis (workflows: publication-rules). */
  | { type: 'publishAnswer'; basis: 'consent' | 'publicInterest'; reason?: string }
  /** The unit takes the answer out of the register again (the citizen's consent withdrawn, a mistake). */
  | { type: 'withdrawPublication'; reason: string }
  /** The citizen takes the answered case to the level above: it closes here and a linked case opens there. */
  | { type: 'appeal'; reason: string };

export type CaseEventType = CaseEvent['type'];

/** The machine sees each event with the actor facts attached. */
export type MachineEvent = CaseEvent & { $ctx: TransitionContext };

export interface CaseMachineContext {
  owningUnitCode: string | null;
  /** The unit that sent the case here: a refused transfer goes back to it. */
  previousUnitCode?: string | null;
  assigneeId: number | null;
  escalationLevel: number;
  transferCount: number;
  reopenCount: number;
  extensionCount: number;
}

export type CitizenTemplate =
  | 'acknowledged'
  | 'accepted'
  | 'transferred'
  | 'infoRequested'
  | 'answered'
  | 'rejected'
  | 'merged'
  | 'progress'
  /** The case it was merged into was answered: a merged case's citizen follows the master. */
  | 'mergedAnswered'
  /** The unit extended the deadline within the rule: the reason and the new date. */
  | 'extended'
  | 'closedNoReply';
export type UnitTemplate =
  | 'newCase'
  | 'citizenReplied'
  | 'reopened'
  | 'slaWarning'
  | 'escalated'
  | 'urged'
  | 'assigned'
  | 'answerToApprove'
  | 'answerReturned';

/**
 * What a transition asks the outside world to do, as data. The backend writes these to the outbox
 * (messages, broadcasts) or to the deadline columns (clocks) in the same transaction.
 */
export type CaseEffect =
  | { type: 'notifyCitizen'; template: CitizenTemplate }
  | { type: 'notifyUnit'; template: UnitTemplate }
  | { type: 'broadcast'; event: 'case.created' | 'case.updated' | 'escalation.raised' }
  | { type: 'scheduleDeadline'; clock: SlaClock | 'resolveTimeout' }
  | { type: 'cancelDeadline'; clock: SlaClock | 'resolveTimeout' | 'warning' | 'all' }
  | { type: 'pauseClock'; clock: 'resolve' }
  | { type: 'resumeClock'; clock: 'resolve' }
  | { type: 'extendDeadline'; clock: 'resolve' };

/** The UPPER_SNAKE audit type each event is recorded as (STYLE.md). */
export const AUDIT_TYPES: Record<CaseEventType, string> = {
  submit: 'SUBMITTED',
  route: 'ROUTED',
  accept: 'ACCEPTED',
  transfer: 'TRANSFERRED',
  refuseTransfer: 'TRANSFER_REFUSED',
  reject: 'REJECTED',
  merge: 'MERGED',
  requestInfo: 'INFO_REQUESTED',
  citizenReplied: 'CITIZEN_REPLIED',
  citizenNote: 'CITIZEN_MESSAGE',
  infoTimeout: 'INFO_TIMED_OUT',
  respond: 'RESPONDED',
  approveAnswer: 'ANSWER_APPROVED',
  postProgress: 'PROGRESS_POSTED',
  returnAnswer: 'ANSWER_RETURNED',
  reopen: 'REOPENED',
  close: 'CLOSED',
  resolveTimeout: 'RESOLVE_TIMED_OUT',
  slaWarning: 'SLA_WARNING',
  slaBreached: 'SLA_BREACHED',
  urge: 'URGED',
  assign: 'ASSIGNED',
  extendDeadline: 'DEADLINE_EXTENDED',
  suggestCategory: 'CATEGORY_SUGGESTED',
  categorise: 'CATEGORISED',
  linkRelated: 'RELATED_LINKED',
  support: 'SUPPORTED',
  offerSimilar: 'SIMILAR_OFFERED',
  setPublicationConsent: 'PUBLICATION_CONSENT_SET',
  publishAnswer: 'ANSWER_PUBLISHED',
  withdrawPublication: 'PUBLICATION_WITHDRAWN',
  appeal: 'APPEALED',
};

export const CASE_EVENT_TYPES = Object.keys(AUDIT_TYPES) as CaseEventType[];
