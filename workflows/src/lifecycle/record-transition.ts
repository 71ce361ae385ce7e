import type { CaseStatus } from '../domain';
import type { WorkingCalendar } from '../working-calendar';
import type { CaseEvent, CaseMachineContext } from '../case/case-types';
import type { PersistedCaseSnapshot, TransitionAccepted } from '../case/transition-case';
import {
  type CaseColumnChanges,
  type ConversationEntry,
  caseColumnsFor,
  conversationEntryFor,
} from '../case/conversation';
import {
  type CaseClocks,
  type ClockPeriods,
  type ClockPolicy,
  applyClockEffects,
  expectedAnswerBy,
} from '../sla/case-clocks';
import { nextSweepAt } from '../sla/escalation';

/** What a transition needs to know of the case it changes (the row before it). */
export interface CaseRecordBefore {
  /** Null for a case being submitted: it has no state to come from. */
  status: CaseStatus | null;
  escalationLevel: number;
  escalatedAt: Date | null;
  clocks: CaseClocks;
}

/** Where the clocks are counted: the working calendar, the periods of the case's SLA rule, the pause policy. */
export interface ClockSetting {
  calendar: WorkingCalendar;
  periods: ClockPeriods;
  policy: ClockPolicy;
}

/** Everything an accepted transition writes on the case row, plus what the audit and the conversation get. */
export interface RecordedTransition {
  status: CaseStatus;
  snapshot: PersistedCaseSnapshot;
  context: CaseMachineContext;
  columns: CaseColumnChanges;
  escalationLevel: number;
  clocks: CaseClocks;
  nextDueAt: Date | null;
  /** Set at submission: the answer date the citizen is told. */
  expectedAnswerAt?: Date | null;
  /** When the citizen's answer ended a pause: how long they took and how much of it moved the deadline. */
  pause: { seconds: number; countedSeconds: number } | null;
  entry: ConversationEntry | null;
}

/**
 * The one description of what an accepted transition does to a case (DESIGN.md §4 invariant 3):
 * the machine's state and context, the timestamps the event sets, the deadline columns from its
 * clock effects, when the sweeper must look again, and the conversation entry. The backend's
 * writer persists it for every change; the demo generator replays its histories through it, so
 * both write what production would.
 */
export function recordTransition(
  before: CaseRecordBefore,
  event: CaseEvent,
  result: TransitionAccepted,
  now: Date,
  setting: ClockSetting,
): RecordedTransition {
  const escalationLevel = result.context.escalationLevel;
  const columns = caseColumnsFor(
    event,
    { fromEscalationLevel: before.escalationLevel, toEscalationLevel: escalationLevel, toStatus: result.status },
    now,
  );
  const clocks = applyClockEffects(
    before.clocks,
    result.effects,
    now,
    setting.calendar,
    setting.periods,
    setting.policy,
  );
  const pause =
    before.clocks.pausedAt && !clocks.pausedAt
      ? {
          seconds: Math.round((now.getTime() - before.clocks.pausedAt.getTime()) / 1000),
          countedSeconds: clocks.pausedSeconds - before.clocks.pausedSeconds,
        }
      : null;
  const escalatedAt = columns.escalatedAt ?? before.escalatedAt;
  return {
    status: result.status,
    snapshot: result.snapshot,
    context: result.context,
    columns,
    escalationLevel,
    clocks,
    nextDueAt: nextSweepAt(result.status, clocks, { level: escalationLevel, escalatedAt }, setting.calendar),
    ...(event.type === 'submit'
      ? { expectedAnswerAt: expectedAnswerBy(clocks, setting.calendar, setting.periods) }
      : {}),
    pause,
    entry: conversationEntryFor(event),
  };
}

/** The event's payload for the audit trail: what was decided, never the version or contact data. */
export function auditPayloadFor(event: CaseEvent, extra: Record<string, unknown>): Record<string, unknown> {
  const {
    type: _type,
    version: _version,
    reason: _reason,
    ...rest
  } = event as CaseEvent & { reason?: string; version?: number };
  return { ...rest, ...extra };
}
