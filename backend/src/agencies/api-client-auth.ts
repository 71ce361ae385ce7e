import type { Request, RequestHandler } from 'express';
import {
  type ApiClientIdentity,
  type MikroORM,
  findApiClientByKeyHash,
  hitRateLimit,
  touchApiClient,
} from '@caunoi/db';
import { type ApiScope, hasApiScope } from '@caunoi/workflows';
import { AppError } from '../http/app-error';
import { hashApiKey } from './api-keys';

declare global {
  namespace Express {
    interface Request {
      apiClient?: ApiClientIdentity;
    }
  }
}

/** How long a key's lookup is reused across requests; a revocation reaches every instance within it. */
const KEY_FRESH_MS = 5_000;

export interface ApiClientAuth {
  /**
   * `X-Api-Key` (or Open311's `api_key`, from `keyOf`) → `req.apiClient`, or 401/403/429. With
   * `optional`, a request without a key passes as anonymous.
   */
  require(
    scope: ApiScope | null,
    options?: { optional?: boolean; keyOf?: (req: Request) => string | undefined },
  ): RequestHandler;
}

/**
 * Authenticates agencies' systems. Each key has its own rate limit (counted in PostgreSQL, so
 * shared by every replica), its last use is recorded (at most once a minute), and every use is
 * logged with the key's id, never the key.
 */
export function createApiClientAuth(orm: MikroORM): ApiClientAuth {
  const recent = new Map<string, { at: number; client: ApiClientIdentity | null }>();
  const clientOf = async (key: string): Promise<ApiClientIdentity | null> => {
    const hash = hashApiKey(key);
    const known = recent.get(hash);
    if (known && Date.now() - known.at < KEY_FRESH_MS) return known.client;
    const client = await findApiClientByKeyHash(orm.em.fork(), hash);
    if (recent.size > 10_000) recent.clear();
    recent.set(hash, { at: Date.now(), client });
    return client;
  };
  return {
    require(scope, { optional = false, keyOf } = {}) {
      return async (req, _res, next) => {
        try {
          const key = req.header('x-api-key') ?? keyOf?.(req);
          if (!key) {
            if (optional) return next();
            throw new AppError(
              'UNAUTHENTICATED',
              'An API key is required: send it as X-Api-Key (or api_key for Open311)',
            );
          }
          const client = await clientOf(key);
          if (!client)
            throw new AppError('UNAUTHENTICATED', 'This API key is not valid (revoked, rotated out, or never issued)');
          if (scope && !hasApiScope(client, scope))
            throw new AppError(
              'FORBIDDEN',
              `This API key may not ${scope}; ask an administrator to add the "${scope}" scope`,
            );
          const { hits, resetAt } = await hitRateLimit(orm.em.fork(), `api-key:${client.id}`, 60_000);
          if (hits > client.rateLimitPerMinute)
            throw new AppError(
              'RATE_LIMITED',
              `This API key is limited to ${client.rateLimitPerMinute} requests a minute`,
              {
                limit: 'api-key',
                retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)),
              },
            );
          await touchApiClient(orm.em.fork(), client.id);
          req.apiClient = client;
          req.log = req.log.child({ apiClientId: client.id });
          req.log.info({ apiClientId: client.id, scope }, 'API key used');
          next();
        } catch (error) {
          next(error);
        }
      };
    },
  };
}
