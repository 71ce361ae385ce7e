import type { RequestHandler } from 'express';
import type { MikroORM } from '@caunoi/db';
import { AppError } from '../http/app-error';
import { loadPrincipal } from './load-principal';
import type { Principal } from './principal';
import type { TokenService } from './tokens';
import type { ApiClientAuth } from '../agencies/api-client-auth';

/**
 * How long a request may use an officer's account as read for an earlier request. An officer's
 * screen sends a burst of requests (a list, its counts, a case, a transition): reading the account
 * for each cost a round trip per request. A deactivation or a change of unit reaches every
 * request within this time (logging in always reads the account afresh).
 */
export const PRINCIPAL_FRESH_MS = 5_000;

export interface OfficerAuth {
  /** `Authorization: Bearer <token>` → `req.principal`, or 401. */
  requireOfficer: RequestHandler;
  /**
   * As requireOfficer, or an agency's `X-Api-Key`: reading needs its `read` scope, anything else
   * its `transition` scope; the key acts as a supervisor of its unit (its subtree, and acting on
   * its cases), its events naming the key. Only for the case, report and unit routes.
   */
  requireOfficerOrAgency: RequestHandler;
  /** Drops what this instance remembers of an account (its tokens were just revoked here). */
  forget(userId: number): void;
}

/**
 * Officers' authentication. A token is valid while it is signed, unexpired and carries the
 * account's current token version; the account is re-read at most every PRINCIPAL_FRESH_MS, so
 * a revocation on another instance takes effect there within that time (here at once).
 */
export function createOfficerAuth(orm: MikroORM, tokens: TokenService, apiClients?: ApiClientAuth): OfficerAuth {
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
  const requireOfficer: RequestHandler = async (req, _res, next) => {
    try {
      const header = req.headers.authorization ?? '';
      const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      const claims = token ? await tokens.verify(token) : null;
      const found = claims ? await principalOf(claims.userId) : null;
      const principal = found && found.tokenVersion === claims?.tokenVersion ? found : null;
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
  const readKey = apiClients?.require('read');
  const transitionKey = apiClients?.require('transition');
  const requireOfficerOrAgency: RequestHandler = (req, res, next) => {
    if (req.headers.authorization || !req.header('x-api-key') || !readKey || !transitionKey)
      return requireOfficer(req, res, next);
    const keyCheck = req.method === 'GET' || req.method === 'HEAD' ? readKey : transitionKey;
    keyCheck(req, res, (error?: unknown) => {
      if (error) return next(error);
      const client = req.apiClient!;
      req.principal = {
        userId: 0,
        email: `api-client-${client.id}`,
        name: client.name,
        role: 'supervisor',
        unitId: client.unitId,
        unitCode: client.unitCode,
        unitName: client.name,
        unitPath: client.unitPath,
        tokenVersion: 0,
        apiClient: { id: client.id, name: client.name, scopes: client.scopes },
      };
      next();
    });
  };
  return { requireOfficer, requireOfficerOrAgency, forget: (userId) => void recent.delete(userId) };
}
