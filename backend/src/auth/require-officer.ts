import type { RequestHandler } from 'express';
import type { MikroORM } from '@caunoi/db';
import { AppError } from '../http/app-error';
import { loadPrincipal } from './load-principal';
import type { TokenService } from './tokens';

/** `Authorization: Bearer <token>` → `req.principal`, or 401. */
export function requireOfficer(orm: MikroORM, tokens: TokenService): RequestHandler {
  return async (req, _res, next) => {
    try {
      const header = req.headers.authorization ?? '';
      const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      const userId = token ? await tokens.verify(token) : null;
      const principal = userId ? await loadPrincipal(orm.em.fork(), userId) : null;
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
