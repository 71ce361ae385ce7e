import { describe, expect, it } from 'vitest';
import { formatLocalDateTime } from './local-date-format';

describe('dates as citizens read them', () => {
  it('reads the Vietnamese way, in Vietnam’s time whatever the server’s zone', () => {
    expect(formatLocalDateTime(new Date('2026-12-08T10:00:00Z'), 'vi')).toBe('17:00 ngày 08/12/2026');
    // 23:30 UTC on the 31st is already New Year's morning in Hà Nội.
    expect(formatLocalDateTime('2026-12-31T23:30:00Z', 'vi')).toBe('06:30 ngày 01/01/2027');
    expect(formatLocalDateTime(new Date('2026-12-08T10:00:00Z'), 'en')).toBe('17:00, 8 December 2026');
  });
});
