import type { CaseEvent } from '../case/case-types';
import type { CaseStatus, SlaClock } from '../domain';
import type { Period, WorkingCalendar } from '../working-calendar';
import type { CaseClocks } from './case-clocks';

/**
 * The escalation ladder (DESIGN.md §5): at a breach the case reaches level 1 (the unit head is
 * told); each further step without progress raises it, to the parent unit (2) and then the
 * Government Office (3). The step is configurable; five working days by default.
 */
export const DEFAULT_ESCALATION_STEP: Period = { amount: 5, unit: 'workingDays' };
export const MAX_ESCALATION_LEVEL = 3;

/** The statuses in which a clock runs whose breach makes a case overdue (`runningDeadline` is null in the others). */
export const RUNNING_CLOCK_STATUSES = [
  'triage',
  'routed',
  'inProgress',
  'awaitingApproval',
] as const satisfies readonly CaseStatus[];

/** The deadline of the clock that runs in `status` and whose breach escalates (not the timeouts). */
export function runningDeadline(
  status: CaseStatus,
  clocks: Pick<CaseClocks, 'transferDueAt' | 'acceptDueAt' | 'resolveDueAt'>,
): Date | null {
  switch (status) {
    case 'triage':
      return clocks.transferDueAt;
    case 'routed':
      return earliest(clocks.acceptDueAt, clocks.transferDueAt);
    case 'inProgress':
    case 'awaitingApproval':
      return clocks.resolveDueAt;
    default:
      return null;
  }
}

/** What the sweeper sends a case whose `next_due_at` has passed: a warning before the deadline, a breach after it. */
export function sweepEventFor(status: CaseStatus, clocks: CaseClocks, now: Date): CaseEvent | null {
  const due = runningDeadline(status, clocks);
  if (due && due > now && clocks.warnAt && clocks.warnAt <= now) {
    return {
      type: 'slaWarning',
      clock:
        status === 'triage'
          ? 'transfer'
          : status === 'inProgress' || status === 'awaitingApproval'
            ? 'resolve'
            : clockOfRouted(clocks),
    };
  }
  switch (status) {
    case 'triage':
      return { type: 'slaBreached', clock: 'transfer' };
    case 'routed':
      return { type: 'slaBreached', clock: clockOfRouted(clocks) };
    case 'inProgress':
    case 'awaitingApproval':
      return { type: 'slaBreached', clock: 'resolve' };
    case 'awaitingCitizen':
      return { type: 'infoTimeout' };
    case 'resolved':
      return { type: 'resolveTimeout' };
    default:
      return null;
  }
}

export interface EscalationState {
  level: number;
  escalatedAt: Date | null;
}

/**
 * When the sweeper must next look at the case: the running clock's deadline; once that has been
 * breached, the next step of the ladder; after the top step, never (until the state changes).
 * Awaiting the citizen and after an answer, the timeouts.
 */
export function nextSweepAt(
  status: CaseStatus,
  clocks: CaseClocks,
  escalation: EscalationState,
  calendar: WorkingCalendar,
  step: Period = DEFAULT_ESCALATION_STEP,
): Date | null {
  if (status === 'awaitingCitizen') return clocks.citizenReplyDueAt;
  if (status === 'resolved') return clocks.autoCloseDueAt;
  const due = runningDeadline(status, clocks);
  if (!due) return null;
  const breachedThisClock =
    escalation.level > 0 && escalation.escalatedAt !== null && escalation.escalatedAt.getTime() >= due.getTime();
  if (!breachedThisClock) return clocks.warnAt && clocks.warnAt < due ? clocks.warnAt : due;
  if (escalation.level >= MAX_ESCALATION_LEVEL) return null;
  return calendar.addPeriod(escalation.escalatedAt!, step);
}

function clockOfRouted(clocks: CaseClocks): 'transfer' | 'accept' {
  return clocks.acceptDueAt && clocks.transferDueAt && clocks.transferDueAt < clocks.acceptDueAt
    ? 'transfer'
    : 'accept';
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}

/**
 * Who hears of an escalation at `level`: the owning unit's head (1), the unit above it (2), the
 * Government Office (3) — read off the owning unit's path, `/VPCP/01/00004/`.
 */
export function escalationRecipient(owningUnitPath: string, level: number): string {
  const codes = owningUnitPath.split('/').filter(Boolean);
  return codes[Math.max(0, codes.length - Math.max(1, level))]!;
}

/** The deadlines that still count in a state (the others are history: kept for the reports, not counted down). */
export function liveClocks(status: CaseStatus): Array<SlaClock | 'autoClose'> {
  switch (status) {
    case 'received':
    case 'triage':
      return ['acknowledge', 'transfer'];
    case 'routed':
      return ['acknowledge', 'transfer', 'accept'];
    case 'inProgress':
    case 'awaitingApproval':
      return ['resolve'];
    case 'awaitingCitizen':
      return ['resolve', 'citizenReply'];
    case 'resolved':
      return ['autoClose'];
    default:
      return [];
  }
}
