import { describe, expect, it } from 'vitest';
import { LOCKED_UNTIL_LIFTED, loginLockAfter } from './login-lock';

describe('failed logins in a row', () => {
  const now = new Date('2026-12-01T08:00:00Z');
  it('cost nothing for the first four, then 1, 2, 4, 8 and 16 minutes, then a lock an administrator lifts', () => {
    const minutes = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => {
      const lock = loginLockAfter(n, now);
      return lock ? (lock.until.getTime() - now.getTime()) / 60_000 : 0;
    });
    expect(minutes).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16]);
    expect(loginLockAfter(10, now)).toEqual({ until: LOCKED_UNTIL_LIFTED, untilLifted: true });
    expect(loginLockAfter(50, now)?.untilLifted).toBe(true);
  });
});
