/**
 * Local-date arithmetic for the working calendar. A local date is a day number (days since
 * 1970-01-01) so that the hot loops of deadline math are integer operations; only the edges
 * (instant → local date, local date + time → instant) go through Intl and the time zone.
 */

const MS_PER_DAY = 86_400_000;

export type DayNumber = number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(isoDate: string): DayNumber {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${isoDate}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const day = ms / MS_PER_DAY;
  if (formatIsoDate(day) !== isoDate) throw new RangeError(`no such date: ${isoDate}`);
  return day;
}

export function formatIsoDate(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(day: DayNumber): number {
  const sundayZero = new Date(day * MS_PER_DAY).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading in `timeZone` at `instant`, as if it were UTC (ms). */
function wallClockAsUtc(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

const offsetCache = new Map<string, Map<number, number>>();
const HOUR_MS = 3_600_000;

/**
 * The zone's offset from UTC at `instant`, in ms (Asia/Ho_Chi_Minh: +7 h). Offsets change at most
 * on the hour, so they are cached per zone and hour: deadline math for 100,000 demo cases calls
 * this millions of times, and Intl formatting is the slow part.
 */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  let perZone = offsetCache.get(timeZone);
  if (!perZone) offsetCache.set(timeZone, (perZone = new Map()));
  let offset = perZone.get(hour);
  if (offset === undefined) {
    const onTheHour = new Date(hour * HOUR_MS);
    offset = wallClockAsUtc(onTheHour, timeZone) - onTheHour.getTime();
    if (perZone.size > 100_000) perZone.clear();
    perZone.set(hour, offset);
  }
  return offset;
}

/** The local date in `timeZone` on which `instant` falls. */
export function localDayOf(instant: Date, timeZone: string): DayNumber {
  return Math.floor((instant.getTime() + zoneOffsetMs(instant, timeZone)) / MS_PER_DAY);
}

/** The instant at which the local wall clock in `timeZone` shows `minutesOfDay` on `day`. */
export function instantAt(day: DayNumber, minutesOfDay: number, timeZone: string): Date {
  const asUtc = day * MS_PER_DAY + minutesOfDay * 60_000;
  // Two passes settle zones with daylight saving; fixed-offset zones settle on the first.
  let guess = asUtc - zoneOffsetMs(new Date(asUtc), timeZone);
  guess = asUtc - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** "17:00" → 1020 minutes after midnight. */
export function parseTimeOfDay(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new RangeError(`not a time of day (HH:MM): ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}
