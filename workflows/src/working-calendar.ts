import {
  type DayNumber,
  formatIsoDate,
  instantAt,
  isoWeekday,
  localDayOf,
  parseIsoDate,
  parseTimeOfDay,
} from './calendar-dates';
import type { SlaPeriodUnit } from './domain';

/** A public holiday or a day off declared by the Prime Minister (swap), from calendar data. */
export interface HolidayInput {
  date: string;
  name?: string;
  /**
   * Labor Code Art. 111.3: a holiday on a weekly rest day gives the next working day off.
   * Official notices usually list that day themselves; set `false` when the data already does.
   */
  compensate?: boolean;
}

export interface WorkingCalendarOptions {
  /** Days off: statutory holidays and declared swap days. */
  holidays: readonly HolidayInput[];
  /** Make-up working days (làm bù): weekend dates declared working days. ISO dates. */
  workingDays?: readonly string[];
  /** ISO weekdays of the weekly rest (Monday 1 … Sunday 7). State agencies: Saturday and Sunday. */
  weekend?: readonly number[];
  /** The calendar's zone; deadlines fall on its local dates whatever the server's zone. */
  timeZone?: string;
  /** Local time at which a day's deadline falls (end of office hours), "HH:MM". */
  endOfDay?: string;
}

export interface Period {
  amount: number;
  unit: SlaPeriodUnit;
}

export interface WorkingCalendar {
  readonly timeZone: string;
  readonly endOfDay: string;
  /** Whether the local date (ISO string, or the local date of an instant) is a working day. */
  isWorkingDay(date: Date | string): boolean;
  /**
   * The deadline `n` working days after `from`: the period starts the day after the triggering
   * event, and the deadline is the end of office hours on the n-th working day. `n = 0` gives the
   * end of the same day, or of the next working day when `from` is not one.
   */
  addWorkingDays(from: Date, n: number): Date;
  /** Calendar-day periods count every day; the deadline is the end of office hours of the last day. */
  addCalendarDays(from: Date, n: number): Date;
  /** Working days d with localDate(a) < d ≤ localDate(b); negative when b is before a. */
  workingDaysBetween(a: Date, b: Date): number;
  /** The deadline of a period in the unit an SLA rule states. */
  addPeriod(from: Date, period: Period): Date;
  /** The reason a date is not a working day ("Tết Nguyên đán", "weekend"), or null. */
  dayOffReason(date: Date | string): string | null;
  /** The local ISO date of an instant in the calendar's zone. */
  localDate(instant: Date): string;
}

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The local ISO date (YYYY-MM-DD) of an instant, without a calendar's holidays (e.g. for SQL). */
export function localIsoDate(instant: Date, timeZone: string = VIETNAM_TIME_ZONE): string {
  return formatIsoDate(localDayOf(instant, timeZone));
}

/** Whether an instant is the start of a local day: a range between two of them covers whole days. */
export function isLocalMidnight(instant: Date, timeZone: string = VIETNAM_TIME_ZONE): boolean {
  return instantAt(localDayOf(instant, timeZone), 0, timeZone).getTime() === instant.getTime();
}
const DEFAULT_WEEKEND = [6, 7];

/**
 * The official working calendar: Monday–Friday, public holidays with Art. 111.3 compensation,
 * and make-up Saturdays, all from data (vietnam-rules.md §2.6).
 */
export function createWorkingCalendar(options: WorkingCalendarOptions): WorkingCalendar {
  const timeZone = options.timeZone ?? VIETNAM_TIME_ZONE;
  const endOfDay = options.endOfDay ?? '17:00';
  const endOfDayMinutes = parseTimeOfDay(endOfDay);
  const weekend = new Set(options.weekend ?? DEFAULT_WEEKEND);
  const makeUpDays = new Set((options.workingDays ?? []).map(parseIsoDate));
  const daysOff = collectDaysOff(options.holidays, weekend, makeUpDays);

  const isWeekend = (day: DayNumber) => weekend.has(isoWeekday(day)) && !makeUpDays.has(day);
  const isWorking = (day: DayNumber) => !isWeekend(day) && !daysOff.has(day);
  const toDay = (date: Date | string) => (typeof date === 'string' ? parseIsoDate(date) : localDayOf(date, timeZone));
  const endOf = (day: DayNumber) => instantAt(day, endOfDayMinutes, timeZone);

  function assertCount(n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`a period must be a whole number ≥ 0, got ${n}`);
  }

  const calendar: WorkingCalendar = {
    timeZone,
    endOfDay,
    isWorkingDay: (date) => isWorking(toDay(date)),
    addWorkingDays(from, n) {
      assertCount(n);
      let day = localDayOf(from, timeZone);
      if (n === 0) {
        while (!isWorking(day)) day += 1;
        return endOf(day);
      }
      let counted = 0;
      while (counted < n) {
        day += 1;
        if (isWorking(day)) counted += 1;
      }
      return endOf(day);
    },
    addCalendarDays(from, n) {
      assertCount(n);
      return endOf(localDayOf(from, timeZone) + n);
    },
    workingDaysBetween(a, b) {
      const start = localDayOf(a, timeZone);
      const end = localDayOf(b, timeZone);
      const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
      let count = 0;
      for (let day = low + 1; day <= high; day += 1) if (isWorking(day)) count += 1;
      return sign * count;
    },
    addPeriod(from, period) {
      switch (period.unit) {
        case 'workingDays':
          return calendar.addWorkingDays(from, period.amount);
        case 'days':
          return calendar.addCalendarDays(from, period.amount);
        case 'hours':
          assertCount(period.amount);
          return new Date(from.getTime() + period.amount * 3_600_000);
      }
    },
    dayOffReason(date) {
      const day = toDay(date);
      if (daysOff.has(day)) return daysOff.get(day)!;
      if (isWeekend(day)) return 'weekend';
      return null;
    },
    localDate: (instant) => formatIsoDate(localDayOf(instant, timeZone)),
  };
  return calendar;
}

/** Holidays plus the compensatory days Art. 111.3 gives for holidays on weekly rest days. */
function collectDaysOff(
  holidays: readonly HolidayInput[],
  weekend: ReadonlySet<number>,
  makeUpDays: ReadonlySet<DayNumber>,
): Map<DayNumber, string> {
  const daysOff = new Map<DayNumber, string>();
  const sorted = holidays.map((h) => ({ ...h, day: parseIsoDate(h.date) })).sort((a, b) => a.day - b.day);
  for (const h of sorted) daysOff.set(h.day, h.name ?? 'holiday');

  const isRestDay = (day: DayNumber) => weekend.has(isoWeekday(day)) && !makeUpDays.has(day);
  for (const h of sorted) {
    if (h.compensate === false || !isRestDay(h.day)) continue;
    let day = h.day + 1;
    while (isRestDay(day) || daysOff.has(day)) day += 1;
    daysOff.set(day, `${h.name ?? 'holiday'} (nghỉ bù)`);
  }
  return daysOff;
}
