import type { EntityManager } from '@mikro-orm/postgresql';

export interface ZaloOaTokens {
  appId: string;
  appSecret: string;
  accessToken: string | null;
  refreshToken: string | null;
  tokenExpiresAt: Date | null;
}

/** An OA's tokens; with `lock`, its row stays locked until the transaction ends (one refresh at a time). */
export async function findZaloOaTokens(
  em: EntityManager,
  oaId: string,
  options: { lock?: boolean } = {},
): Promise<ZaloOaTokens | null> {
  const [row] = await em.execute<
    Array<{
      app_id: string;
      app_secret: string;
      access_token: string | null;
      refresh_token: string | null;
      token_expires_at: Date | null;
    }>
  >(
    `select app_id, app_secret, access_token, refresh_token, token_expires_at from zalo_oa where oa_id = ?${options.lock ? ' for update' : ''}`,
    [oaId],
  );
  return row
    ? {
        appId: row.app_id,
        appSecret: row.app_secret,
        accessToken: row.access_token,
        refreshToken: row.refresh_token,
        tokenExpiresAt: row.token_expires_at,
      }
    : null;
}

/** Stores a refreshed pair: the new refresh token is the live end of the chain (the old one is spent). */
export async function saveZaloOaTokens(
  tx: EntityManager,
  oaId: string,
  tokens: { accessToken: string; refreshToken: string; expiresAt: Date },
): Promise<void> {
  await tx.execute('update zalo_oa set access_token = ?, refresh_token = ?, token_expires_at = ? where oa_id = ?', [
    tokens.accessToken,
    tokens.refreshToken,
    tokens.expiresAt,
    oaId,
  ]);
}

/**
 * The configured default OA as a row: secrets follow the configuration, a stored refresh token is
 * kept (it is the live end of the chain; the configured one only starts it).
 */
export async function upsertConfiguredZaloOa(
  em: EntityManager,
  oa: {
    oaId: string;
    name: string;
    unitId: number;
    appId: string;
    oaSecretKey: string;
    appSecret: string;
    refreshToken: string | null;
  },
): Promise<void> {
  await em.execute(
    `insert into zalo_oa (oa_id, name, unit_id, app_id, oa_secret_key, app_secret, refresh_token, active, created_at)
     values (?, ?, ?, ?, ?, ?, ?, true, now())
     on conflict (oa_id) do update set unit_id = excluded.unit_id, app_id = excluded.app_id, oa_secret_key = excluded.oa_secret_key,
       app_secret = excluded.app_secret, refresh_token = coalesce(zalo_oa.refresh_token, excluded.refresh_token), active = true`,
    [oa.oaId, oa.name, oa.unitId, oa.appId, oa.oaSecretKey, oa.appSecret, oa.refreshToken],
  );
}
