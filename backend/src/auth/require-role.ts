import type { RequestHandler } from 'express';
import type { Role } from '@caunoi/workflows';
import { AppError } from '../http/app-error';

/** After `requireOfficer`: lets only the given roles through, with a 403 that says who may. */
export function requireRole(roles: readonly Role[], message: string): RequestHandler {
  return (req, _res, next) =>
    next(roles.includes(req.principal!.role) ? undefined : new AppError('FORBIDDEN', message));
}
