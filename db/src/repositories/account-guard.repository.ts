import type { EntityManager } from '@mikro-orm/postgresql';

/** An officer's account as the login and the token check read it. */
export interface AccountGuardRow {
  id: number;
  passwordHash: string;
  tokenVersion: number;
  failedLogins: number;
  lockedUntil: Date | null;
}

/** The active account behind an email, with what guards it (named query of the login). */
export async function findAccountForLogin(em: EntityManager, email: string): Promise<AccountGuardRow | null> {
  const [row] = await em.execute<
    Array<{
      id: number;
      password_hash: string;
      token_version: number;
      failed_logins: number;
      locked_until: Date | null;
    }>
  >(`select id, password_hash, token_version, failed_logins, locked_until from app_user where email = ? and active`, [
    email,
  ]);
  return row
    ? {
        id: row.id,
        passwordHash: row.password_hash,
        tokenVersion: row.token_version,
        failedLogins: row.failed_logins,
        lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
      }
    : null;
}

/** Counts a failed login (atomically: two at once count twice) and sets the lock it earns. */
export async function recordFailedLogin(
  em: EntityManager,
  userId: number,
  lockFor: (failures: number) => { until: Date } | null,
): Promise<{ failures: number; lockedUntil: Date | null }> {
  const [row] = await em.execute<Array<{ failed_logins: number }>>(
    `update app_user set failed_logins = failed_logins + 1 where id = ? returning failed_logins`,
    [userId],
  );
  const failures = row?.failed_logins ?? 0;
  const lock = lockFor(failures);
  if (lock) await em.execute(`update app_user set locked_until = ? where id = ?`, [lock.until, userId]);
  return { failures, lockedUntil: lock?.until ?? null };
}

export async function recordSuccessfulLogin(em: EntityManager, userId: number): Promise<void> {
  await em.execute(`update app_user set failed_logins = 0, locked_until = null, last_login_at = now() where id = ?`, [
    userId,
  ]);
}

/** An administrator lifts a lock: the count starts again. */
export async function unlockAccount(em: EntityManager, userId: number): Promise<boolean> {
  const rows = await em.execute<Array<{ id: number }>>(
    `update app_user set failed_logins = 0, locked_until = null where id = ? returning id`,
    [userId],
  );
  return rows.length > 0;
}
