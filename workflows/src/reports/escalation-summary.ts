import type { WorkingCalendar } from '../working-calendar';

/** How long overdue cases have been overdue, in working days (issue: 0–5, 6–10, 11–20, >20). */
export const AGING_BUCKETS = ['0-5', '6-10', '11-20', '>20'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export function agingBucket(workingDaysOverdue: number): AgingBucket {
  if (workingDaysOverdue <= 5) return '0-5';
  if (workingDaysOverdue <= 10) return '6-10';
  if (workingDaysOverdue <= 20) return '11-20';
  return '>20';
}

/** The instant that stands for every deadline of a local day (aging counts whole working days). */
export function deadlineOnDay(day: string): Date {
  return new Date(`${day}T12:00:00+07:00`);
}

/**
 * The latest local day (YYYY-MM-DD) whose deadlines are all in the oldest aging bucket at `now`:
 * the deadlines of that day and of every day before it count the same in a summary, so a reader
 * may add them up as one day however long the history behind it. Working days between a day and
 * `now` only grow as the day moves back, so the first such day found walking back is the answer.
 */
export function lastDayOfOldestAging(calendar: WorkingCalendar, now: Date): string {
  const oldest = AGING_BUCKETS[AGING_BUCKETS.length - 1];
  let day = calendar.localDate(now);
  // Twenty-one working days are at most a few weeks back, Tết included; the bound only stops a
  // calendar without working days from looping.
  for (let back = 0; back < 3_660; back += 1) {
    day = previousDay(day);
    if (agingBucket(calendar.workingDaysBetween(deadlineOnDay(day), now)) === oldest) return day;
  }
  return day;
}

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The counts a unit's row is made of (from one aggregate query). */
export interface UnitCountsInput {
  received: number;
  open: number;
  closed: number;
  answeredWithDeadline: number;
  answeredOnTime: number;
  overdueNow: number;
  level1: number;
  level2: number;
  level3: number;
  transfers: number;
  answered: number;
  reopened: number;
  rated: number;
  satisfactionSum: number;
}

export interface UnitSummary {
  received: number;
  open: number;
  closed: number;
  /** Share of answered cases answered by their resolve deadline (pauses included); null when none. */
  onTimeRate: number | null;
  overdueNow: number;
  aging: Record<AgingBucket, number>;
  escalations: { level1: number; level2: number; level3: number };
  transfers: number;
  /** Share of answered cases the citizen reopened; null when none were answered. */
  reopenRate: number | null;
  /** Mean rating 1–5; null when nobody rated. */
  averageSatisfaction: number | null;
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** `count` overdue cases whose running deadline fell on the (local) day of `due`. */
export interface OverdueOnDay {
  due: Date;
  count: number;
}

/**
 * A unit's summary row from its counts and the running deadlines of its overdue cases (one date
 * per case, or counts per day: aging is in whole working days, so the day is all it needs).
 */
export function summariseUnit(
  counts: UnitCountsInput,
  overdueDeadlines: ReadonlyArray<Date | OverdueOnDay>,
  calendar: WorkingCalendar,
  now: Date,
): UnitSummary {
  const aging = Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as Record<AgingBucket, number>;
  for (const overdue of overdueDeadlines) {
    const [due, count] = overdue instanceof Date ? [overdue, 1] : [overdue.due, overdue.count];
    aging[agingBucket(calendar.workingDaysBetween(due, now))] += count;
  }
  return {
    received: counts.received,
    open: counts.open,
    closed: counts.closed,
    onTimeRate: ratio(counts.answeredOnTime, counts.answeredWithDeadline),
    overdueNow: counts.overdueNow,
    aging,
    escalations: { level1: counts.level1, level2: counts.level2, level3: counts.level3 },
    transfers: counts.transfers,
    reopenRate: ratio(counts.reopened, counts.answered),
    averageSatisfaction: counts.rated > 0 ? Math.round((counts.satisfactionSum / counts.rated) * 100) / 100 : null,
  };
}

/** Adds counts: the national row is computed from the cases, never by averaging the units' rates. */
export function addCounts(rows: readonly UnitCountsInput[]): UnitCountsInput {
  const total: UnitCountsInput = {
    received: 0,
    open: 0,
    closed: 0,
    answeredWithDeadline: 0,
    answeredOnTime: 0,
    overdueNow: 0,
    level1: 0,
    level2: 0,
    level3: 0,
    transfers: 0,
    answered: 0,
    reopened: 0,
    rated: 0,
    satisfactionSum: 0,
  };
  for (const row of rows) for (const key of Object.keys(total) as Array<keyof UnitCountsInput>) total[key] += row[key];
  return total;
}
