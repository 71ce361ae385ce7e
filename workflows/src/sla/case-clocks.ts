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
  pausedAt: Date | null;
  pausedSeconds: number;
}

/** Periods a clock runs for, from the SLA rules in force for the case (null: no rule, no deadline). */
export type ClockPeriods = (clock: SlaClock | 'resolveTimeout' | 'resolveExtension') => Period | null;

const COLUMN: Record<SlaClock | 'resolveTimeout', keyof CaseClocks> = {
  acknowledge: 'acknowledgeDueAt',
  transfer: 'transferDueAt',
  accept: 'acceptDueAt',
  resolve: 'resolveDueAt',
  citizenReply: 'citizenReplyDueAt',
  resolveTimeout: 'autoCloseDueAt',
};

/**
 * Applies a transition's clock effects to the deadline columns: schedule from `now` on the working
 * calendar, cancel, pause the resolve clock while awaiting the citizen (the paused time is added to
 * the deadline on resume, so it is never lost or counted twice), extend by the rule's extension.
 */
export function applyClockEffects(clocks: CaseClocks, effects: readonly CaseEffect[], now: Date, calendar: WorkingCalendar, periods: ClockPeriods): CaseClocks {
  const next: CaseClocks = { ...clocks };
  for (const effect of effects) {
    switch (effect.type) {
      case 'scheduleDeadline': {
        const period = periods(effect.clock);
        (next[COLUMN[effect.clock]] as Date | null) = period ? calendar.addPeriod(now, period) : null;
        break;
      }
      case 'cancelDeadline':
        if (effect.clock === 'all') {
          for (const column of Object.values(COLUMN)) if (column !== 'acknowledgeDueAt') (next[column] as Date | null) = null;
          next.pausedAt = null;
        } else {
          (next[COLUMN[effect.clock]] as Date | null) = null;
        }
        break;
      case 'pauseClock':
        next.pausedAt ??= now;
        break;
      case 'resumeClock':
        if (next.pausedAt) {
          const pausedMs = Math.max(0, now.getTime() - next.pausedAt.getTime());
          next.pausedSeconds += Math.round(pausedMs / 1000);
          if (next.resolveDueAt) next.resolveDueAt = new Date(next.resolveDueAt.getTime() + pausedMs);
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
