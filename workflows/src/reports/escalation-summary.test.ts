import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../working-calendar';
import { addCounts, agingBucket, summariseUnit } from './escalation-summary';

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
