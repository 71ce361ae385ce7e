import type { SlaClock } from '../domain';
import type { CaseEffect } from '../case/case-types';
import type { Period, WorkingCalendar } from '../working-calendar';

/**
 * How long a citizen may reopen an answer; the case closes by itself after it. A service policy,
 * not a legal period (no law sets one).
 */
export const REOPEN_WINDOW: Period = { amount: 7, unit: 'days' };

/** The deadline columns of a case (DESIGN.md §4.5: durable time). */
export interface CaseClocks {
  acknowledgeDueAt: Date | null;
  transferDueAt: Date | null;
  acceptDueAt: Date | null;
  resolveDueAt: Date | null;
  citizenReplyDueAt: Date | null;
  autoCloseDueAt: Date | null;
  /** When to warn that the running clock is close to its deadline (null: warned, or nothing runs). */
  warnAt: Date | null;
  pausedAt: Date | null;
  pausedSeconds: number;
}

/** A case before its first event: no clock running, nothing paused. */
export const NO_CLOCKS: Readonly<CaseClocks> = {
  acknowledgeDueAt: null,
  transferDueAt: null,
  acceptDueAt: null,
  resolveDueAt: null,
  citizenReplyDueAt: null,
  autoCloseDueAt: null,
  warnAt: null,
  pausedAt: null,
  pausedSeconds: 0,
};

/** Warn the unit when this share of a running clock's period has elapsed (DESIGN.md §5: warning before breach). */
export const WARNING_FRACTION = 0.8;

/** Service policy for the clocks, configurable per deployment. */
export interface ClockPolicy {
  /** The most time, over the case's life, that awaiting the citizen may add to its resolve deadline. */
  maxPausedSeconds: number;
}

export const DEFAULT_CLOCK_POLICY: ClockPolicy = { maxPausedSeconds: 30 * 86_400 };

/** Clocks whose breach escalates; their deadlines carry the warning. */
const ESCALATING = new Set(['transfer', 'accept', 'resolve']);

/** Periods a clock runs for, from the SLA rules in force for the case (null: no rule, no deadline). */
export type ClockPeriods = (clock: SlaClock | 'resolveTimeout' | 'resolveExtension') => Period | null;

const COLUMN: Record<SlaClock | 'resolveTimeout' | 'warning', keyof CaseClocks> = {
  acknowledge: 'acknowledgeDueAt',
  transfer: 'transferDueAt',
  accept: 'acceptDueAt',
  resolve: 'resolveDueAt',
  citizenReply: 'citizenReplyDueAt',
  resolveTimeout: 'autoCloseDueAt',
  warning: 'warnAt',
};

/**
 * Applies a transition's clock effects to the deadline columns: schedule from `now` on the working
 * calendar, cancel, pause the resolve clock while awaiting the citizen (the paused time is added to
 * the deadline on resume, so it is never lost or counted twice), extend by the rule's extension.
 */
export function applyClockEffects(
  clocks: CaseClocks,
  effects: readonly CaseEffect[],
  now: Date,
  calendar: WorkingCalendar,
  periods: ClockPeriods,
  policy: ClockPolicy = DEFAULT_CLOCK_POLICY,
): CaseClocks {
  const next: CaseClocks = { ...clocks };
  for (const effect of effects) {
    switch (effect.type) {
      case 'scheduleDeadline': {
        const period = periods(effect.clock);
        const due = period ? calendar.addPeriod(now, period) : null;
        (next[COLUMN[effect.clock]] as Date | null) = due;
        if (due && ESCALATING.has(effect.clock)) {
          const warnAt = new Date(now.getTime() + WARNING_FRACTION * (due.getTime() - now.getTime()));
          if (!next.warnAt || warnAt < next.warnAt) next.warnAt = warnAt;
        }
        break;
      }
      case 'cancelDeadline':
        if (effect.clock === 'all') {
          for (const column of Object.values(COLUMN))
            if (column !== 'acknowledgeDueAt') (next[column] as Date | null) = null;
          next.pausedAt = null;
        } else {
          (next[COLUMN[effect.clock]] as Date | null) = null;
          // The warning belongs to the running clock: a new one brings its own.
          if (ESCALATING.has(effect.clock)) next.warnAt = null;
        }
        break;
      case 'pauseClock':
        next.pausedAt ??= now;
        break;
      case 'resumeClock':
        if (next.pausedAt) {
          // Capped: a case cannot be parked with the citizen for ever at the unit's advantage.
          const allowanceMs = Math.max(0, policy.maxPausedSeconds - next.pausedSeconds) * 1000;
          const pausedMs = Math.min(allowanceMs, Math.max(0, now.getTime() - next.pausedAt.getTime()));
          next.pausedSeconds += Math.round(pausedMs / 1000);
          if (next.resolveDueAt) next.resolveDueAt = new Date(next.resolveDueAt.getTime() + pausedMs);
          if (next.warnAt) next.warnAt = new Date(next.warnAt.getTime() + pausedMs);
          next.pausedAt = null;
        }
        break;
      case 'extendDeadline': {
        const extension = periods('resolveExtension');
        if (next.resolveDueAt && extension) next.resolveDueAt = calendar.addPeriod(next.resolveDueAt, extension);
        break;
      }
      default:
        break;
    }
  }
  return next;
}

/**
 * The date a citizen may expect the answer by, told in the acknowledgement and on the status page:
 * the resolve deadline once its clock runs; before that, the latest the unit may accept (after
 * triage's latest transfer, for a case not yet routed) followed by the whole resolve period. A
 * promise the unit can keep if it uses every day it is allowed; null when no rule sets a period.
 */
export function expectedAnswerBy(
  clocks: Pick<CaseClocks, 'transferDueAt' | 'acceptDueAt' | 'resolveDueAt'>,
  calendar: WorkingCalendar,
  periods: ClockPeriods,
): Date | null {
  if (clocks.resolveDueAt) return clocks.resolveDueAt;
  const resolve = periods('resolve');
  if (!resolve) return null;
  const accept = periods('accept');
  const acceptBy =
    clocks.acceptDueAt ??
    (clocks.transferDueAt && accept ? calendar.addPeriod(clocks.transferDueAt, accept) : clocks.transferDueAt);
  return acceptBy ? calendar.addPeriod(acceptBy, resolve) : null;
}
