import {
  type EntityManager,
  findAccountForLogin,
  recordFailedLogin,
  recordSuccessfulLogin,
  verifyPassword,
} from '@caunoi/db';
import { isLockLiftedOnlyByAdministrator, loginLockAfter } from '@caunoi/workflows';
import { AppError } from '../http/app-error';
import { loadPrincipal } from './load-principal';
import type { Principal } from './principal';
import type { TokenService } from './tokens';

export interface LoginResult {
  token: string;
  expiresAt: Date;
  principal: Principal;
}

// Verified against when the email is unknown, so that both failures take the same time.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$5u0cM0GcxZpX0m2V1oQ0y4zP8Q6v8QJx7cQ0k3m1y2E';

/**
 * Checks an officer's credentials. Unknown email and wrong password fail alike. Failures in a row
 * earn a growing wait and then a lock an administrator lifts (workflows' loginLockAfter); while
 * locked, even the right password is refused, or the lock would only slow a guesser down.
 */
export async function login(
  em: EntityManager,
  tokens: TokenService,
  email: string,
  password: string,
  now = new Date(),
): Promise<LoginResult> {
  const account = await findAccountForLogin(em, email.trim().toLowerCase());
  if (account?.lockedUntil && account.lockedUntil > now) throw lockedError(account.lockedUntil, now);
  const valid = await verifyPassword(account?.passwordHash ?? DUMMY_HASH, password);
  if (!account || !valid) {
    if (account) {
      const { lockedUntil } = await recordFailedLogin(em, account.id, (failures) => loginLockAfter(failures, now));
      if (lockedUntil) throw lockedError(lockedUntil, now);
    }
    throw new AppError('UNAUTHENTICATED', 'Wrong email or password');
  }
  await recordSuccessfulLogin(em, account.id);
  const principal = (await loadPrincipal(em, account.id))!;
  const { token, expiresAt } = await tokens.issue(account.id, account.tokenVersion);
  return { token, expiresAt, principal };
}

function lockedError(until: Date, now: Date): AppError {
  if (isLockLiftedOnlyByAdministrator(until))
    return new AppError(
      'RATE_LIMITED',
      'This account is locked after too many failed logins; ask an administrator of your unit to unlock it',
      { locked: true, retryAfterSeconds: 3600 },
    );
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError(
    'RATE_LIMITED',
    `Too many failed logins for this account; try again in ${Math.ceil(seconds / 60)} minute(s)`,
    { locked: true, retryAfterSeconds: seconds, lockedUntil: until.toISOString() },
  );
}
