/**
 * How an account answers failed logins in a row (guessing a password): the first few cost
 * nothing, then each earns a growing wait, and past that the account stays locked until an
 * administrator lifts the lock. A successful login starts the count again.
 */
export const LOGIN_LOCK_POLICY = {
  /** Failures in a row that cost nothing (typos). */
  freeFailures: 4,
  /** Minutes of wait for each failure after those, in turn. */
  delayMinutes: [1, 2, 4, 8, 16] as const,
} as const;

/** Until an administrator lifts it: far enough to mean "no end", and still a date. */
export const LOCKED_UNTIL_LIFTED = new Date('9999-12-31T00:00:00Z');

/** The lock earned by the `failures`-th failure in a row, or null. */
export function loginLockAfter(failures: number, now: Date): { until: Date; untilLifted: boolean } | null {
  const { freeFailures, delayMinutes } = LOGIN_LOCK_POLICY;
  if (failures <= freeFailures) return null;
  const minutes = delayMinutes[failures - freeFailures - 1];
  if (minutes === undefined) return { until: LOCKED_UNTIL_LIFTED, untilLifted: true };
  return { until: new Date(now.getTime() + minutes * 60_000), untilLifted: false };
}

export function isLockLiftedOnlyByAdministrator(until: Date): boolean {
  return until.getTime() >= LOCKED_UNTIL_LIFTED.getTime();
}
