import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../working-calendar';
import { type CaseClocks, type ClockPeriods, NO_CLOCKS, applyClockEffects, expectedAnswerBy } from './case-clocks';
import { nextSweepAt } from './escalation';

const nextDueAt = (status: Parameters<typeof nextSweepAt>[0], clocks: CaseClocks) =>
  nextSweepAt(status, clocks, { level: 0, escalatedAt: null }, calendar);

const calendar = createWorkingCalendar({ holidays: [{ date: '2026-12-31', name: 'test holiday' }] });
const vn = (local: string) => new Date(`${local}+07:00`);
const periods: ClockPeriods = (clock) =>
  (
    ({
      transfer: { amount: 5, unit: 'workingDays' },
      accept: { amount: 3, unit: 'workingDays' },
      resolve: { amount: 10, unit: 'workingDays' },
      citizenReply: { amount: 15, unit: 'workingDays' },
      resolveTimeout: { amount: 7, unit: 'days' },
      resolveExtension: { amount: 10, unit: 'workingDays' },
    }) as const
  )[clock as 'transfer'] ?? null;
const empty: CaseClocks = NO_CLOCKS;

describe('clock effects on the deadline columns', () => {
  it('schedules a deadline on the working calendar from the moment of the transition', () => {
    const clocks = applyClockEffects(
      empty,
      [{ type: 'scheduleDeadline', clock: 'accept' }],
      vn('2026-11-20T10:00:00'),
      calendar,
      periods,
    );
    expect(clocks.acceptDueAt).toEqual(vn('2026-11-25T17:00:00'));
    // The sweeper looks first at the warning, then at the deadline.
    expect(nextDueAt('routed', clocks)).toEqual(clocks.warnAt);
    expect(nextDueAt('routed', { ...clocks, warnAt: null })).toEqual(vn('2026-11-25T17:00:00'));
  });

  it('sets the warning at 80 % of the running clock, and drops it with the clock', () => {
    const now = vn('2026-11-02T09:00:00');
    const accepted = applyClockEffects(empty, [{ type: 'scheduleDeadline', clock: 'resolve' }], now, calendar, periods);
    const period = accepted.resolveDueAt!.getTime() - now.getTime();
    expect(accepted.warnAt!.getTime()).toBe(now.getTime() + 0.8 * period);
    expect(
      applyClockEffects(accepted, [{ type: 'cancelDeadline', clock: 'resolve' }], now, calendar, periods).warnAt,
    ).toBeNull();
    // Timeouts carry no warning.
    expect(
      applyClockEffects(empty, [{ type: 'scheduleDeadline', clock: 'citizenReply' }], now, calendar, periods).warnAt,
    ).toBeNull();
  });

  it('moves the resolve deadline by exactly the time spent awaiting the citizen', () => {
    const accepted = applyClockEffects(
      empty,
      [{ type: 'scheduleDeadline', clock: 'resolve' }],
      vn('2026-11-02T09:00:00'),
      calendar,
      periods,
    );
    const paused = applyClockEffects(
      accepted,
      [{ type: 'pauseClock', clock: 'resolve' }],
      vn('2026-11-05T09:00:00'),
      calendar,
      periods,
    );
    expect(nextDueAt('awaitingCitizen', paused)).toBeNull();
    const resumed = applyClockEffects(
      paused,
      [{ type: 'resumeClock', clock: 'resolve' }],
      vn('2026-11-07T09:00:00'),
      calendar,
      periods,
    );
    expect(resumed.pausedSeconds).toBe(2 * 86_400);
    expect(resumed.resolveDueAt!.getTime() - accepted.resolveDueAt!.getTime()).toBe(2 * 86_400_000);
    expect(resumed.pausedAt).toBeNull();
    // A second resume without a pause changes nothing: paused time is never counted twice.
    expect(
      applyClockEffects(
        resumed,
        [{ type: 'resumeClock', clock: 'resolve' }],
        vn('2026-11-09T09:00:00'),
        calendar,
        periods,
      ),
    ).toEqual(resumed);
  });

  it('caps the time awaiting the citizen that may move the deadline', () => {
    const accepted = applyClockEffects(
      empty,
      [{ type: 'scheduleDeadline', clock: 'resolve' }],
      vn('2026-11-02T09:00:00'),
      calendar,
      periods,
    );
    const policy = { maxPausedSeconds: 3 * 86_400 };
    const paused = applyClockEffects(
      accepted,
      [{ type: 'pauseClock', clock: 'resolve' }],
      vn('2026-11-03T09:00:00'),
      calendar,
      periods,
      policy,
    );
    const resumed = applyClockEffects(
      paused,
      [{ type: 'resumeClock', clock: 'resolve' }],
      vn('2026-11-08T09:00:00'),
      calendar,
      periods,
      policy,
    );
    expect(resumed.pausedSeconds).toBe(3 * 86_400);
    expect(resumed.resolveDueAt!.getTime() - accepted.resolveDueAt!.getTime()).toBe(3 * 86_400_000);
    const again = applyClockEffects(
      applyClockEffects(
        resumed,
        [{ type: 'pauseClock', clock: 'resolve' }],
        vn('2026-11-09T09:00:00'),
        calendar,
        periods,
        policy,
      ),
      [{ type: 'resumeClock', clock: 'resolve' }],
      vn('2026-11-10T09:00:00'),
      calendar,
      periods,
      policy,
    );
    expect(again.resolveDueAt).toEqual(resumed.resolveDueAt);
  });

  it('extends the resolve deadline by the rule extension, and cancels every running clock on close', () => {
    const running = applyClockEffects(
      empty,
      [
        { type: 'scheduleDeadline', clock: 'resolve' },
        { type: 'scheduleDeadline', clock: 'acknowledge' },
      ],
      vn('2026-12-01T09:00:00'),
      calendar,
      periods,
    );
    const extended = applyClockEffects(
      running,
      [{ type: 'extendDeadline', clock: 'resolve' }],
      vn('2026-12-02T09:00:00'),
      calendar,
      periods,
    );
    expect(calendar.workingDaysBetween(running.resolveDueAt!, extended.resolveDueAt!)).toBe(10);
    const closed = applyClockEffects(
      extended,
      [{ type: 'cancelDeadline', clock: 'all' }],
      vn('2026-12-03T09:00:00'),
      calendar,
      periods,
    );
    expect(closed).toMatchObject({ resolveDueAt: null, acknowledgeDueAt: running.acknowledgeDueAt });
    expect(nextDueAt('closed', closed)).toBeNull();
  });
});

describe('the answer date a citizen is told', () => {
  it('is the latest acceptance plus the whole resolve period for a routed case, and the resolve deadline once it runs', () => {
    const routed = applyClockEffects(
      empty,
      [{ type: 'scheduleDeadline', clock: 'accept' }],
      vn('2026-11-20T10:00:00'),
      calendar,
      periods,
    );
    // Accept by Wed 25/11 17:00, then 10 working days: Wed 9/12 17:00.
    expect(expectedAnswerBy(routed, calendar, periods)).toEqual(vn('2026-12-09T17:00:00'));
    const accepted = applyClockEffects(
      routed,
      [
        { type: 'cancelDeadline', clock: 'accept' },
        { type: 'scheduleDeadline', clock: 'resolve' },
      ],
      vn('2026-11-23T09:00:00'),
      calendar,
      periods,
    );
    expect(expectedAnswerBy(accepted, calendar, periods)).toEqual(accepted.resolveDueAt);
  });

  it('counts triage’s transfer period before acceptance, skipping the New Year holiday', () => {
    const triage = applyClockEffects(
      empty,
      [{ type: 'scheduleDeadline', clock: 'transfer' }],
      vn('2026-12-21T10:00:00'),
      calendar,
      periods,
    );
    // Transfer by Mon 28/12, accept by Fri 1/1 → Mon 4/1 (31/12 is a holiday here), then 10 working days.
    expect(triage.transferDueAt).toEqual(vn('2026-12-28T17:00:00'));
    expect(expectedAnswerBy(triage, calendar, periods)).toEqual(
      calendar.addPeriod(calendar.addPeriod(vn('2026-12-28T17:00:00'), { amount: 3, unit: 'workingDays' }), {
        amount: 10,
        unit: 'workingDays',
      }),
    );
  });

  it('promises nothing when no rule sets a resolve period', () => {
    expect(
      expectedAnswerBy(
        { transferDueAt: null, acceptDueAt: vn('2026-11-25T17:00:00'), resolveDueAt: null },
        calendar,
        () => null,
      ),
    ).toBeNull();
  });
});
