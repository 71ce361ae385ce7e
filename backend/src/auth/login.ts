import { type EntityManager, User, verifyPassword } from '@caunoi/db';
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

/** Checks an officer's credentials. Unknown email and wrong password fail alike. */
export async function login(
  em: EntityManager,
  tokens: TokenService,
  email: string,
  password: string,
): Promise<LoginResult> {
  const user = await em.findOne(
    User,
    { email: email.trim().toLowerCase(), active: true },
    { fields: ['id', 'passwordHash'] },
  );
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !valid) throw new AppError('UNAUTHENTICATED', 'Wrong email or password');
  await em.nativeUpdate(User, { id: user.id }, { lastLoginAt: new Date() });
  const principal = (await loadPrincipal(em, user.id))!;
  const { token, expiresAt } = await tokens.issue(user.id);
  return { token, expiresAt, principal };
}
