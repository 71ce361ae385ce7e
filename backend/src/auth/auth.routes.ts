import { type RequestHandler, Router } from 'express';
import type { MikroORM } from '@caunoi/db';
import type { Principal } from './principal';
import { ZLoginRequest } from '@caunoi/contract';
import { login } from './login';
import type { TokenService } from './tokens';

export const toOfficerDto = (p: Principal) => ({
  id: p.userId,
  email: p.email,
  name: p.name,
  role: p.role,
  unit: { code: p.unitCode, name: p.unitName },
});

/** `POST /api/auth/login` → token; `GET /api/auth/me` → the officer behind the token. */
export function createAuthRoutes(
  orm: MikroORM,
  tokens: TokenService,
  requireOfficer: RequestHandler,
  loginLimit: RequestHandler,
): Router {
  const router = Router();
  router.post('/login', loginLimit, async (req, res) => {
    const body = ZLoginRequest.parse(req.body ?? {});
    const result = await login(orm.em.fork(), tokens, body.email, body.password);
    res.json({
      token: result.token,
      expiresAt: result.expiresAt.toISOString(),
      officer: toOfficerDto(result.principal),
    });
  });
  router.get('/me', requireOfficer, (req, res) => {
    res.json(toOfficerDto(req.principal!));
  });
  return router;
}
