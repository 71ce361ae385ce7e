import type { Language } from './domain';

const ZONE = 'Asia/Ho_Chi_Minh';

/**
 * A moment as a citizen reads it, in Vietnam's time whatever the server's zone: the Vietnamese way
 * is "17:00 ngày 08/12/2026" (time first, then the day, as official notices write it); English
 * reads "17:00, 8 December 2026".
 */
export function formatLocalDateTime(moment: Date | string, language: Language): string {
  const d = typeof moment === 'string' ? new Date(moment) : moment;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;
  if (language === 'vi') return `${parts.hour}:${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
  const month = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, month: 'long' }).format(d);
  return `${parts.hour}:${parts.minute}, ${Number(parts.day)} ${month} ${parts.year}`;
}
