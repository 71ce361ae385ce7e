import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../working-calendar';
import { addCounts, agingBucket, deadlineOnDay, lastDayOfOldestAging, summariseUnit } from './escalation-summary';

const calendar = createWorkingCalendar({ holidays: [] });
const vn = (local: string) => new Date(`${local}+07:00`);
const counts = {
  received: 10,
  open: 4,
  closed: 6,
  answeredWithDeadline: 8,
  answeredOnTime: 6,
  overdueNow: 3,
  level1: 2,
  level2: 1,
  level3: 0,
  transfers: 2,
  answered: 8,
  reopened: 1,
  rated: 4,
  satisfactionSum: 15,
};

describe('the Government Office summary', () => {
  it('puts overdue cases in working-day aging buckets', () => {
    expect([0, 5, 6, 10, 11, 20, 21].map(agingBucket)).toEqual(['0-5', '0-5', '6-10', '6-10', '11-20', '11-20', '>20']);
    const now = vn('2026-11-20T10:00:00');
    const summary = summariseUnit(
      counts,
      [vn('2026-11-19T17:00:00'), vn('2026-11-06T17:00:00'), vn('2026-10-01T17:00:00')],
      calendar,
      now,
    );
    expect(summary.aging).toEqual({ '0-5': 1, '6-10': 1, '11-20': 0, '>20': 1 });
  });

  it('finds the last day whose deadlines are all more than twenty working days overdue, across Tết', () => {
    // Tết 2027 (days off 5–12 February) sits inside the twenty working days before 10 March.
    const tet = createWorkingCalendar({
      holidays: ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'].map((date) => ({
        date,
        name: 'Tết Nguyên đán',
      })),
    });
    for (const [cal, now] of [
      [calendar, vn('2026-11-20T10:00:00')],
      [tet, vn('2027-03-10T09:00:00')],
    ] as const) {
      const last = lastDayOfOldestAging(cal, now);
      const bucketOf = (day: string) => agingBucket(cal.workingDaysBetween(deadlineOnDay(day), now));
      const dayAfter = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(bucketOf(last)).toBe('>20');
      expect(bucketOf(dayAfter)).not.toBe('>20');
      // Every earlier day is in the oldest bucket too: a reader may add them up as one.
      for (let back = 1; back <= 400; back += 1) {
        const day = new Date(Date.parse(`${last}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
        expect(bucketOf(day), day).toBe('>20');
      }
    }
    // Friday 20 November 2026, no holidays: 23 October to 20 November are twenty working days, so 22 October is the last day of '>20'.
    expect(lastDayOfOldestAging(calendar, vn('2026-11-20T10:00:00'))).toBe('2026-10-22');
  });

  it('computes rates from counts, and says null rather than zero when there is nothing to rate', () => {
    const summary = summariseUnit(counts, [], calendar, new Date());
    expect(summary).toMatchObject({ onTimeRate: 0.75, reopenRate: 0.125, averageSatisfaction: 3.75 });
    const empty = summariseUnit(
      { ...counts, answeredWithDeadline: 0, answeredOnTime: 0, answered: 0, reopened: 0, rated: 0, satisfactionSum: 0 },
      [],
      calendar,
      new Date(),
    );
    expect(empty).toMatchObject({ onTimeRate: null, reopenRate: null, averageSatisfaction: null });
  });

  it('adds units into a national row by their counts', () => {
    expect(addCounts([counts, counts])).toMatchObject({ received: 20, answeredOnTime: 12, satisfactionSum: 30 });
  });
});
