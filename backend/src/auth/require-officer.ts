import type { RequestHandler } from 'express';
import type { MikroORM } from '@caunoi/db';
import { AppError } from '../http/app-error';
import { loadPrincipal } from './load-principal';
import type { Principal } from './principal';
import type { TokenService } from './tokens';

/**
 * How long a request may use an officer's account as read for an earlier request. An officer's
 * screen sends a burst of requests (a list, its counts, a case, a transition): reading the account
 * for each cost a round trip per request. A deactivation or a change of unit reaches every
 * request within this time (logging in always reads the account afresh).
 */
export const PRINCIPAL_FRESH_MS = 5_000;

/** `Authorization: Bearer <token>` → `req.principal`, or 401. */
export function requireOfficer(orm: MikroORM, tokens: TokenService): RequestHandler {
  const recent = new Map<number, { at: number; principal: Principal | null }>();
  const principalOf = async (userId: number): Promise<Principal | null> => {
    const now = Date.now();
    const known = recent.get(userId);
    if (known && now - known.at < PRINCIPAL_FRESH_MS) return known.principal;
    const principal = await loadPrincipal(orm.em.fork(), userId);
    if (recent.size > 10_000) for (const [id, r] of recent) if (now - r.at >= PRINCIPAL_FRESH_MS) recent.delete(id);
    recent.set(userId, { at: now, principal });
    return principal;
  };
  return async (req, _res, next) => {
    try {
      const header = req.headers.authorization ?? '';
      const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      const userId = token ? await tokens.verify(token) : null;
      const principal = userId ? await principalOf(userId) : null;
      if (!principal)
        throw new AppError(
          'UNAUTHENTICATED',
          token
            ? 'The login has expired or is no longer valid; log in again'
            : 'Log in first: send Authorization: Bearer <token>',
        );
      req.principal = principal;
      next();
    } catch (error) {
      next(error);
    }
  };
}
