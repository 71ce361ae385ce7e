import type { EntityManager } from '@mikro-orm/postgresql';

/** An agency's system as its key authenticates it. */
export interface ApiClientIdentity {
  id: number;
  name: string;
  unitId: number;
  unitCode: string;
  unitPath: string;
  scopes: string[];
  rateLimitPerMinute: number;
}

export interface ApiClientRow {
  id: number;
  name: string;
  unitCode: string;
  unitName: string;
  keyPrefix: string;
  scopes: string[];
  rateLimitPerMinute: number;
  active: boolean;
  revokedAt: Date | null;
  previousKeyExpiresAt: Date | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function createApiClient(
  em: EntityManager,
  client: {
    name: string;
    unitId: number;
    scopes: readonly string[];
    keyHash: string;
    keyPrefix: string;
    rateLimitPerMinute: number;
  },
): Promise<number> {
  const [row] = await em.execute<Array<{ id: number }>>(
    `insert into api_client (name, key_prefix, key_hash, unit_id, scopes, rate_limit_per_minute, active, created_at)
     values (?, ?, ?, ?, array(select json_array_elements_text(?::json)), ?, true, now()) returning id`,
    [
      client.name,
      client.keyPrefix,
      client.keyHash,
      client.unitId,
      JSON.stringify(client.scopes),
      client.rateLimitPerMinute,
    ],
  );
  return row!.id;
}

/** The agencies' systems, for the administrators' screen (never a key or its hash). */
export async function listApiClients(em: EntityManager): Promise<ApiClientRow[]> {
  return em.execute<ApiClientRow[]>(
    `select a.id, a.name, u.code as "unitCode", u.name_vi as "unitName", a.key_prefix as "keyPrefix", a.scopes,
            a.rate_limit_per_minute as "rateLimitPerMinute", a.active, a.revoked_at as "revokedAt",
            a.previous_key_expires_at as "previousKeyExpiresAt", a.created_at as "createdAt", a.last_used_at as "lastUsedAt"
     from api_client a join org_unit u on u.id = a.unit_id order by a.id`,
  );
}

/** A new key replaces the old one; the old one keeps working until `previousValidUntil` (null: at once no more). */
export async function rotateApiClientKey(
  em: EntityManager,
  id: number,
  key: { hash: string; prefix: string; previousValidUntil: Date | null },
): Promise<boolean> {
  const rows = await em.execute<Array<{ id: number }>>(
    `update api_client set previous_key_hash = case when ?::timestamptz is null then null else key_hash end,
       previous_key_expires_at = ?::timestamptz, key_hash = ?, key_prefix = ?
     where id = ? and revoked_at is null returning id`,
    [key.previousValidUntil, key.previousValidUntil, key.hash, key.prefix, id],
  );
  return rows.length > 0;
}

export async function revokeApiClient(em: EntityManager, id: number): Promise<boolean> {
  const rows = await em.execute<Array<{ id: number }>>(
    `update api_client set revoked_at = coalesce(revoked_at, now()), active = false, previous_key_hash = null where id = ? returning id`,
    [id],
  );
  return rows.length > 0;
}

/** The client behind a key's hash: its current key, or the previous one within its grace time. */
export async function findApiClientByKeyHash(em: EntityManager, hash: string): Promise<ApiClientIdentity | null> {
  const [row] = await em.execute<ApiClientIdentity[]>(
    `select a.id, a.name, a.unit_id as "unitId", u.code as "unitCode", u.path as "unitPath", a.scopes,
            a.rate_limit_per_minute as "rateLimitPerMinute"
     from api_client a join org_unit u on u.id = a.unit_id
     where a.active and a.revoked_at is null
       and (a.key_hash = ? or (a.previous_key_hash = ? and a.previous_key_expires_at > now()))`,
    [hash, hash],
  );
  return row ?? null;
}

/** Records a use; at most once a minute per key, so that a busy system does not write a row per request. */
export async function touchApiClient(em: EntityManager, id: number): Promise<void> {
  await em.execute(
    `update api_client set last_used_at = now() where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
    [id],
  );
}
