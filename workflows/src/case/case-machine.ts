import { and, assign, setup } from 'xstate';
import type { SlaClock } from '../domain';
import { caseGuards } from './case-guards';
import type { CaseMachineContext, CitizenTemplate, MachineEvent, UnitTemplate } from './case-types';

type Clock = SlaClock | 'resolveTimeout' | 'warning';

// Effects are declared, never executed here: `transition()` returns them as data (STYLE.md).
const effect = () => {};

const rejectActions = [
  { type: 'notifyCitizen', params: { template: 'rejected' } },
  { type: 'cancelDeadline', params: { clock: 'all' } },
  { type: 'broadcast', params: { event: 'case.updated' } },
] as const;

/** Out of triage to the unit named (by an officer's route, or a category that names a unit). */
const triageRouteActions = [
  'setOwningUnit',
  { type: 'notifyUnit', params: { template: 'newCase' } },
  { type: 'scheduleDeadline', params: { clock: 'accept' } },
  { type: 'broadcast', params: { event: 'case.updated' } },
] as const;

/** The answer goes to the citizen: on its own, or once the head approved the draft. */
const answerActions = [
  { type: 'notifyCitizen', params: { template: 'answered' } },
  { type: 'cancelDeadline', params: { clock: 'resolve' } },
  { type: 'scheduleDeadline', params: { clock: 'resolveTimeout' } },
  { type: 'broadcast', params: { event: 'case.updated' } },
] as const;

/** Progress the citizen can see while the unit works on it: a note and the new expected date, on their channel. */
const postProgress = {
  guard: and(['isStaffOfOwningUnit', 'hasNote', 'hasExpectedDate']),
  actions: [
    { type: 'notifyCitizen', params: { template: 'progress' } },
    { type: 'broadcast', params: { event: 'case.updated' } },
  ],
} as const;

/** The citizen's choice about publication, wherever the case is (the register reads it once answered). */
const setPublicationConsent = {
  guard: and(['isCitizen', 'hasConsentChoice']),
  actions: [{ type: 'broadcast', params: { event: 'case.updated' } }],
} as const;

/** Publication is the unit head's, after the answer went out (Decidim: an answer and its publication are two steps). */
const publication = {
  publishAnswer: {
    guard: and(['isSupervisorOfOwningUnit', 'mayBePublished', 'hasPublicationBasis']),
    actions: [{ type: 'broadcast', params: { event: 'case.updated' } }],
  },
  withdrawPublication: {
    guard: and(['isSupervisorOfOwningUnit', 'isPublished', 'hasReason']),
    actions: [{ type: 'broadcast', params: { event: 'case.updated' } }],
  },
  setPublicationConsent,
} as const;

const mergeActions = [
  { type: 'notifyCitizen', params: { template: 'merged' } },
  { type: 'cancelDeadline', params: { clock: 'all' } },
  { type: 'broadcast', params: { event: 'case.updated' } },
] as const;

const transferActions = [
  'setOwningUnit',
  'countTransfer',
  'clearAssignee',
  { type: 'cancelDeadline', params: { clock: 'resolve' } },
  { type: 'scheduleDeadline', params: { clock: 'accept' } },
  { type: 'notifyCitizen', params: { template: 'transferred' } },
  { type: 'notifyUnit', params: { template: 'newCase' } },
  { type: 'broadcast', params: { event: 'case.updated' } },
] as const;

// The receiving unit's answer to a transfer: back where it came from, with the reason.
const refuseTransferActions = [
  'returnToPreviousUnit',
  'countTransfer',
  'clearAssignee',
  { type: 'cancelDeadline', params: { clock: 'accept' } },
  { type: 'scheduleDeadline', params: { clock: 'accept' } },
  { type: 'notifyUnit', params: { template: 'newCase' } },
  { type: 'broadcast', params: { event: 'case.updated' } },
] as const;

const assignActions = [
  'setAssignee',
  { type: 'notifyUnit', params: { template: 'assigned' } },
  { type: 'broadcast', params: { event: 'case.updated' } },
] as const;

/**
 * The case lifecycle of DESIGN.md §3. Open states sit under `open`, which handles what applies to
 * any open case (SLA breaches, urging, merging); `closed`, `rejected` and `merged` are final.
 */
export const caseMachine = setup({
  types: {
    context: {} as CaseMachineContext,
    events: {} as MachineEvent,
  },
  guards: caseGuards,
  actions: {
    notifyCitizen: (_: unknown, _params: { template: CitizenTemplate }) => effect(),
    notifyUnit: (_: unknown, _params: { template: UnitTemplate }) => effect(),
    broadcast: (_: unknown, _params: { event: 'case.created' | 'case.updated' | 'escalation.raised' }) => effect(),
    scheduleDeadline: (_: unknown, _params: { clock: Clock }) => effect(),
    cancelDeadline: (_: unknown, _params: { clock: Clock | 'all' }) => effect(),
    pauseClock: (_: unknown, _params: { clock: 'resolve' }) => effect(),
    resumeClock: (_: unknown, _params: { clock: 'resolve' }) => effect(),
    extendDeadline: (_: unknown, _params: { clock: 'resolve' }) => effect(),
    setOwningUnit: assign({
      previousUnitCode: ({ event, context }) =>
        event.type === 'transfer' ? context.owningUnitCode : (context.previousUnitCode ?? null),
      owningUnitCode: ({ event, context }) =>
        'unitCode' in event && event.unitCode ? event.unitCode : context.owningUnitCode,
    }),
    returnToPreviousUnit: assign({
      owningUnitCode: ({ context }) => context.previousUnitCode ?? context.owningUnitCode,
      previousUnitCode: ({ context }) => context.owningUnitCode,
    }),
    setAssignee: assign({
      assigneeId: ({ event, context }) => (event.type === 'assign' ? event.officerId : context.assigneeId),
    }),
    clearAssignee: assign({ assigneeId: null }),
    countTransfer: assign({ transferCount: ({ context }) => context.transferCount + 1 }),
    countReopen: assign({ reopenCount: ({ context }) => context.reopenCount + 1 }),
    countExtension: assign({ extensionCount: ({ context }) => context.extensionCount + 1 }),
    raiseEscalation: assign({
      escalationLevel: ({ context, event }) =>
        Math.min(
          3,
          Math.max(context.escalationLevel + 1, event.type === 'slaBreached' && event.level ? event.level : 0),
        ),
    }),
  },
}).createMachine({
  id: 'case',
  initial: 'received',
  context: {
    owningUnitCode: null,
    previousUnitCode: null,
    assigneeId: null,
    escalationLevel: 0,
    transferCount: 0,
    reopenCount: 0,
    extensionCount: 0,
  },
  states: {
    received: {
      on: {
        submit: [
          {
            guard: and(['isCitizenOrSystem', 'hasAutoRoute']),
            target: 'open.routed',
            actions: [
              'setOwningUnit',
              { type: 'notifyCitizen', params: { template: 'acknowledged' } },
              { type: 'notifyUnit', params: { template: 'newCase' } },
              { type: 'scheduleDeadline', params: { clock: 'acknowledge' } },
              { type: 'scheduleDeadline', params: { clock: 'transfer' } },
              { type: 'scheduleDeadline', params: { clock: 'accept' } },
              { type: 'broadcast', params: { event: 'case.created' } },
            ],
          },
          {
            guard: 'isCitizenOrSystem',
            target: 'open.triage',
            actions: [
              { type: 'notifyCitizen', params: { template: 'acknowledged' } },
              { type: 'scheduleDeadline', params: { clock: 'acknowledge' } },
              { type: 'scheduleDeadline', params: { clock: 'transfer' } },
              { type: 'broadcast', params: { event: 'case.created' } },
            ],
          },
        ],
      },
    },
    open: {
      // Never entered without a target; XState wants an initial child all the same.
      initial: 'triage',
      on: {
        slaWarning: {
          guard: 'isSystem',
          actions: [
            { type: 'notifyUnit', params: { template: 'slaWarning' } },
            { type: 'cancelDeadline', params: { clock: 'warning' } },
          ],
        },
        slaBreached: {
          guard: 'isSystem',
          actions: [
            'raiseEscalation',
            { type: 'notifyUnit', params: { template: 'escalated' } },
            { type: 'broadcast', params: { event: 'escalation.raised' } },
          ],
        },
        // A citizen writing on an open case (awaiting them, the message is their reply instead):
        // the unit is told and the conversation grows; no state or deadline changes.
        citizenNote: {
          guard: and(['isCitizen', 'hasMessage']),
          actions: [
            { type: 'notifyUnit', params: { template: 'citizenReplied' } },
            { type: 'broadcast', params: { event: 'case.updated' } },
          ],
        },
        // Recorded wherever the case is open (the officer sees it); routing by it is triage's, below.
        suggestCategory: {
          guard: 'isSystem',
          actions: [{ type: 'broadcast', params: { event: 'case.updated' } }],
        },
        categorise: {
          guard: and(['isStaffOfOwningUnit', 'hasCategory']),
          actions: [{ type: 'broadcast', params: { event: 'case.updated' } }],
        },
        // Related, not merged (Madrid's CONSUL dropped merging: moving citizens' support is not nice
        // for a government): both cases stay, each with its citizens and its own answer.
        support: {
          guard: 'isCitizen',
          actions: [{ type: 'broadcast', params: { event: 'case.updated' } }],
        },
        linkRelated: {
          guard: and(['isSupervisorOfOwningUnit', 'hasRelatedCase']),
          actions: [{ type: 'broadcast', params: { event: 'case.updated' } }],
        },
        urge: {
          guard: and(['canUrge', 'hasNote']),
          actions: [
            { type: 'notifyUnit', params: { template: 'urged' } },
            { type: 'broadcast', params: { event: 'case.updated' } },
          ],
        },
        setPublicationConsent,
        offerSimilar: {
          guard: and(['isSystem', 'hasSimilarCases']),
          actions: [{ type: 'broadcast', params: { event: 'case.updated' } }],
        },
        // An officer merges a duplicate; a citizen may join a similar case they were offered
        // (the backend checks the offer); a campaign's copy joins its lead: the citizen follows the master.
        merge: [
          { guard: and(['isCitizen', 'hasMergeTarget']), target: '#case.merged', actions: mergeActions },
          // A campaign's copy is counted as support of its lead (workflows: campaigns).
          { guard: and(['isSystem', 'hasMergeTarget']), target: '#case.merged', actions: mergeActions },
          // Last: a refusal names the officer's guard.
          { guard: and(['isStaffOfOwningUnit', 'hasMergeTarget']), target: '#case.merged', actions: mergeActions },
        ],
      },
      states: {
        triage: {
          on: {
            // A confident suggestion, or an officer's category, that names a unit routes the case there.
            suggestCategory: [
              {
                guard: and(['isSystem', 'hasTargetUnit']),
                target: 'routed',
                actions: triageRouteActions,
              },
              { guard: 'isSystem', actions: [{ type: 'broadcast', params: { event: 'case.updated' } }] },
            ],
            categorise: [
              {
                guard: and(['isStaffOfOwningUnit', 'hasCategory', 'hasTargetUnit']),
                target: 'routed',
                actions: triageRouteActions,
              },
              {
                guard: and(['isStaffOfOwningUnit', 'hasCategory']),
                actions: [{ type: 'broadcast', params: { event: 'case.updated' } }],
              },
            ],
            route: {
              guard: and(['isStaffOfOwningUnit', 'hasTargetUnit']),
              target: 'routed',
              actions: triageRouteActions,
            },
            reject: {
              guard: and(['isStaffOfOwningUnit', 'hasReason']),
              target: '#case.rejected',
              actions: rejectActions,
            },
          },
        },
        routed: {
          on: {
            accept: {
              guard: 'isStaffOfOwningUnit',
              target: 'inProgress',
              actions: [
                { type: 'cancelDeadline', params: { clock: 'transfer' } },
                { type: 'cancelDeadline', params: { clock: 'accept' } },
                { type: 'scheduleDeadline', params: { clock: 'resolve' } },
                { type: 'notifyCitizen', params: { template: 'accepted' } },
                { type: 'broadcast', params: { event: 'case.updated' } },
              ],
            },
            transfer: {
              guard: and(['isStaffOfOwningUnit', 'hasTargetUnit', 'hasDifferentUnit', 'hasReason']),
              target: 'routed',
              reenter: true,
              actions: transferActions,
            },
            refuseTransfer: {
              guard: and(['isStaffOfOwningUnit', 'wasTransferredHere', 'hasReason']),
              target: 'routed',
              reenter: true,
              actions: refuseTransferActions,
            },
            reject: {
              guard: and(['isStaffOfOwningUnit', 'hasReason']),
              target: '#case.rejected',
              actions: rejectActions,
            },
            assign: { guard: and(['canAssign', 'hasAssignee']), actions: assignActions },
          },
        },
        inProgress: {
          on: {
            postProgress,
            transfer: {
              guard: and(['isStaffOfOwningUnit', 'hasTargetUnit', 'hasDifferentUnit', 'hasReason']),
              target: 'routed',
              actions: transferActions,
            },
            reject: {
              guard: and(['isStaffOfOwningUnit', 'hasReason']),
              target: '#case.rejected',
              actions: rejectActions,
            },
            assign: { guard: and(['canAssign', 'hasAssignee']), actions: assignActions },
            requestInfo: {
              guard: and(['isStaffOfOwningUnit', 'hasQuestion']),
              target: 'awaitingCitizen',
              actions: [
                { type: 'notifyCitizen', params: { template: 'infoRequested' } },
                { type: 'pauseClock', params: { clock: 'resolve' } },
                { type: 'scheduleDeadline', params: { clock: 'citizenReply' } },
                { type: 'broadcast', params: { event: 'case.updated' } },
              ],
            },
            respond: [
              // A draft for the head (ký duyệt): nothing leaves, and the resolve clock keeps running.
              {
                guard: and(['isStaffOfOwningUnit', 'hasAnswer', 'answerNeedsApproval']),
                target: 'awaitingApproval',
                actions: [
                  { type: 'notifyUnit', params: { template: 'answerToApprove' } },
                  { type: 'broadcast', params: { event: 'case.updated' } },
                ],
              },
              { guard: and(['isStaffOfOwningUnit', 'hasAnswer']), target: 'resolved', actions: answerActions },
            ],
            extendDeadline: {
              guard: and(['isSupervisorOfOwningUnit', 'canExtendDeadline', 'hasReason']),
              actions: [
                'countExtension',
                { type: 'extendDeadline', params: { clock: 'resolve' } },
                // An extension is a progress note: the citizen hears the reason and the new date.
                { type: 'notifyCitizen', params: { template: 'extended' } },
                { type: 'broadcast', params: { event: 'case.updated' } },
              ],
            },
          },
        },
        awaitingApproval: {
          on: {
            postProgress,
            approveAnswer: { guard: 'isSupervisorOfOwningUnit', target: 'resolved', actions: answerActions },
            returnAnswer: {
              guard: and(['isSupervisorOfOwningUnit', 'hasNote']),
              target: 'inProgress',
              actions: [
                { type: 'notifyUnit', params: { template: 'answerReturned' } },
                { type: 'broadcast', params: { event: 'case.updated' } },
              ],
            },
            transfer: {
              guard: and(['isStaffOfOwningUnit', 'hasTargetUnit', 'hasDifferentUnit', 'hasReason']),
              target: 'routed',
              actions: transferActions,
            },
            assign: { guard: and(['canAssign', 'hasAssignee']), actions: assignActions },
          },
        },
        awaitingCitizen: {
          on: {
            postProgress,
            citizenReplied: {
              guard: 'isCitizenOrSystem',
              target: 'inProgress',
              actions: [
                { type: 'resumeClock', params: { clock: 'resolve' } },
                { type: 'cancelDeadline', params: { clock: 'citizenReply' } },
                { type: 'notifyUnit', params: { template: 'citizenReplied' } },
                { type: 'broadcast', params: { event: 'case.updated' } },
              ],
            },
            infoTimeout: {
              guard: 'isSystem',
              target: '#case.closed',
              actions: [
                { type: 'notifyCitizen', params: { template: 'closedNoReply' } },
                { type: 'cancelDeadline', params: { clock: 'all' } },
                { type: 'broadcast', params: { event: 'case.updated' } },
              ],
            },
          },
        },
        resolved: {
          on: {
            ...publication,
            // To the level above, instead of reopening here: this case ends, a linked one opens there.
            appeal: {
              guard: and(['isCitizen', 'isReopenWindowOpen', 'canAppeal', 'hasReason']),
              target: '#case.closed',
              actions: [
                { type: 'cancelDeadline', params: { clock: 'all' } },
                { type: 'broadcast', params: { event: 'case.updated' } },
              ],
            },
            reopen: {
              guard: and(['isCitizen', 'isReopenWindowOpen', 'hasReason']),
              target: 'inProgress',
              actions: [
                'countReopen',
                { type: 'cancelDeadline', params: { clock: 'resolveTimeout' } },
                { type: 'scheduleDeadline', params: { clock: 'resolve' } },
                { type: 'notifyUnit', params: { template: 'reopened' } },
                { type: 'broadcast', params: { event: 'case.updated' } },
              ],
            },
            close: {
              guard: 'canClose',
              target: '#case.closed',
              actions: [
                { type: 'cancelDeadline', params: { clock: 'all' } },
                { type: 'broadcast', params: { event: 'case.updated' } },
              ],
            },
            resolveTimeout: {
              guard: 'isSystem',
              target: '#case.closed',
              actions: [
                { type: 'cancelDeadline', params: { clock: 'all' } },
                { type: 'broadcast', params: { event: 'case.updated' } },
              ],
            },
          },
        },
      },
    },
    // Closed takes no change to the case any more, only its publication (not a final state for that reason).
    closed: { on: publication },
    rejected: { type: 'final' },
    merged: { type: 'final' },
  },
});
