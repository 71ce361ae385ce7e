import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, isLocalMidnight, localIsoDate } from './working-calendar';

// A slice of the official calendar, as the seeds load it (seeds/src/reference/calendar-days.ts).
const calendar = createWorkingCalendar({
  holidays: [
    { date: '2025-04-30', name: 'Ngày Chiến thắng' },
    { date: '2025-05-01', name: 'Quốc tế Lao động' },
    { date: '2025-05-02', name: 'Nghỉ hoán đổi' },
    { date: '2026-02-16', name: 'Tết Nguyên đán' },
    { date: '2026-02-17', name: 'Tết Nguyên đán' },
    { date: '2026-02-18', name: 'Tết Nguyên đán' },
    { date: '2026-02-19', name: 'Tết Nguyên đán' },
    { date: '2026-02-20', name: 'Tết Nguyên đán' },
    { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương' },
    { date: '2026-04-30', name: 'Ngày Chiến thắng' },
    { date: '2026-05-01', name: 'Quốc tế Lao động' },
    { date: '2026-09-01', name: 'Quốc khánh' },
    { date: '2026-09-02', name: 'Quốc khánh' },
    { date: '2027-02-05', name: 'Tết Nguyên đán' },
    { date: '2027-02-06', name: 'Tết Nguyên đán' },
    { date: '2027-02-07', name: 'Tết Nguyên đán' },
    { date: '2027-02-08', name: 'Tết Nguyên đán' },
    { date: '2027-02-09', name: 'Tết Nguyên đán' },
  ],
  workingDays: ['2025-04-26'],
});

/** An instant given in Vietnam local time (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`);

describe('the working calendar', () => {
  it('works Monday to Friday and rests at the weekend', () => {
    expect(calendar.isWorkingDay('2026-11-20')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-11-22')).toBe(false); // Sunday
    expect(calendar.dayOffReason('2026-11-22')).toBe('weekend');
  });

  it('rests on every day of Tết 2026 and counts a 5-working-day transfer across it', () => {
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      expect(calendar.isWorkingDay(d)).toBe(false);
    }
    // Received Friday 13 Feb: working days resume on Monday 23 Feb.
    const deadline = calendar.addWorkingDays(vn('2026-02-13T10:00:00'), 5);
    expect(deadline.toISOString()).toBe(vn('2026-02-27T17:00:00').toISOString());
  });

  it('gives the next working day off when a holiday falls on a weekend (Art. 111.3)', () => {
    // Hùng Kings 2026 is a Sunday: Monday 27 April is the compensatory day off.
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false);
    expect(calendar.dayOffReason('2026-04-27')).toContain('nghỉ bù');
    // Tết 2027 has two days on the weekend: they push the rest to Wed 10 and Thu 11 Feb.
    expect(calendar.isWorkingDay('2027-02-10')).toBe(false);
    expect(calendar.isWorkingDay('2027-02-11')).toBe(false);
    expect(calendar.isWorkingDay('2027-02-12')).toBe(true);
  });

  it('does not double a compensatory day the data already lists', () => {
    const explicit = createWorkingCalendar({
      holidays: [
        { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương', compensate: false },
        { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ' },
      ],
    });
    expect(explicit.isWorkingDay('2026-04-27')).toBe(false);
    expect(explicit.isWorkingDay('2026-04-28')).toBe(true);
  });

  it('counts a make-up Saturday as a working day and a swapped Friday as a day off', () => {
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
    // Thursday 24 April 2025 + 2 working days: Fri 25, Sat 26 (make-up).
    expect(calendar.addWorkingDays(vn('2025-04-24T09:00:00'), 2).toISOString()).toBe(
      vn('2025-04-26T17:00:00').toISOString(),
    );
    // From Tuesday 29 April, the 30/4–1/5 holidays and the swapped 2/5 push day 1 to Monday 5 May.
    expect(calendar.addWorkingDays(vn('2025-04-29T09:00:00'), 1).toISOString()).toBe(
      vn('2025-05-05T17:00:00').toISOString(),
    );
  });

  it('skips 30/4–1/5 and the National Day pair', () => {
    expect(calendar.addWorkingDays(vn('2026-04-29T08:00:00'), 1).toISOString()).toBe(
      vn('2026-05-04T17:00:00').toISOString(),
    );
    expect(calendar.addWorkingDays(vn('2026-08-31T08:00:00'), 1).toISOString()).toBe(
      vn('2026-09-03T17:00:00').toISOString(),
    );
  });

  it('uses the local date, not the UTC date, at the day boundary', () => {
    // 23:30 UTC on Friday is already 06:30 on Saturday in Hà Nội.
    const lateFridayUtc = new Date('2026-11-20T23:30:00Z');
    expect(calendar.localDate(lateFridayUtc)).toBe('2026-11-21');
    expect(calendar.isWorkingDay(lateFridayUtc)).toBe(false);
    // The period starts the day after the local date: Monday 23 is day 1.
    expect(calendar.addWorkingDays(lateFridayUtc, 1).toISOString()).toBe(vn('2026-11-23T17:00:00').toISOString());
    // 16:59 UTC is 23:59 local, still Friday.
    expect(calendar.localDate(new Date('2026-11-20T16:59:00Z'))).toBe('2026-11-20');
  });

  it('counts calendar-day periods over every day, ending at close of office', () => {
    expect(calendar.addCalendarDays(vn('2026-02-13T10:00:00'), 30).toISOString()).toBe(
      vn('2026-03-15T17:00:00').toISOString(),
    );
    expect(calendar.addPeriod(vn('2026-02-13T10:00:00'), { amount: 48, unit: 'hours' }).toISOString()).toBe(
      vn('2026-02-15T10:00:00').toISOString(),
    );
  });

  it('treats zero working days as the end of the same or next working day', () => {
    expect(calendar.addWorkingDays(vn('2026-11-20T09:00:00'), 0).toISOString()).toBe(
      vn('2026-11-20T17:00:00').toISOString(),
    );
    expect(calendar.addWorkingDays(vn('2026-11-21T09:00:00'), 0).toISOString()).toBe(
      vn('2026-11-23T17:00:00').toISOString(),
    );
  });

  it('measures working days between two instants, in either order', () => {
    const friBeforeTet = vn('2026-02-13T10:00:00');
    const fri27 = vn('2026-02-27T12:00:00');
    expect(calendar.workingDaysBetween(friBeforeTet, fri27)).toBe(5);
    expect(calendar.workingDaysBetween(fri27, friBeforeTet)).toBe(-5);
    expect(calendar.workingDaysBetween(fri27, fri27)).toBe(0);
  });

  it('takes the end of office hours from configuration', () => {
    const early = createWorkingCalendar({ holidays: [], endOfDay: '16:30' });
    expect(early.addWorkingDays(vn('2026-11-20T09:00:00'), 1).toISOString()).toBe(
      vn('2026-11-23T16:30:00').toISOString(),
    );
  });

  it('refuses nonsense input with a clear error', () => {
    expect(() => calendar.addWorkingDays(new Date(), -1)).toThrow(/whole number/);
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(/no such date/);
    expect(() => createWorkingCalendar({ holidays: [], endOfDay: '5pm' })).toThrow(/HH:MM/);
  });

  it('agrees with itself: a deadline n working days out is n working days away', () => {
    const start = vn('2026-01-02T08:00:00');
    for (let n = 1; n <= 60; n += 7) {
      const due = calendar.addWorkingDays(start, n);
      expect(calendar.workingDaysBetween(start, due)).toBe(n);
      expect(calendar.isWorkingDay(due)).toBe(true);
    }
  });
});

describe('local days without a calendar', () => {
  it('names the local date of an instant and knows the start of a local day', () => {
    expect(localIsoDate(new Date('2026-11-30T17:30:00Z'))).toBe('2026-12-01');
    expect(isLocalMidnight(new Date('2026-12-01T00:00:00+07:00'))).toBe(true);
    expect(isLocalMidnight(new Date('2026-12-01T00:00:00Z'))).toBe(false);
  });
});
