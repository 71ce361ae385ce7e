import type { MikroORM } from '@caunoi/db';
import type { ZaloConfig } from '../../support/config';
import type { Logger } from '../../support/logger';

/**
 * Makes the default OA of the configuration (ZALO_* variables) a row of `zalo_oa` bound to its
 * unit. Secrets follow the configuration; tokens are kept, because a refresh token is single-use
 * and the stored one is the live end of the chain (ZALO_REFRESH_TOKEN only starts a chain).
 *
 * The OA is an optional part: when its unit does not exist (a typo, a list not loaded yet) the
 * start goes on without it, with a warning naming the setting. Answers whether the OA is in use.
 */
export async function ensureDefaultZaloOa(orm: MikroORM, zalo: ZaloConfig, logger: Logger): Promise<boolean> {
  const oa = zalo.defaultOa;
  if (!oa) return false;
  const em = orm.em.fork();
  const [unit] = await em.execute<Array<{ id: number }>>(
    'select id from org_unit where code = ? and valid_to is null',
    [oa.unitCode],
  );
  if (!unit) {
    logger.warn(
      `ZALO_OA_UNIT: no current unit has the code ${oa.unitCode}; the Zalo OA ${oa.oaId} is disabled and everything else starts. Set ZALO_OA_UNIT to a unit code (e.g. 00004) and restart.`,
    );
    return false;
  }
  await em.execute(
    `insert into zalo_oa (oa_id, name, unit_id, app_id, oa_secret_key, app_secret, refresh_token, active, created_at)
     values (?, ?, ?, ?, ?, ?, ?, true, now())
     on conflict (oa_id) do update set unit_id = excluded.unit_id, app_id = excluded.app_id, oa_secret_key = excluded.oa_secret_key,
       app_secret = excluded.app_secret, refresh_token = coalesce(zalo_oa.refresh_token, excluded.refresh_token), active = true`,
    [oa.oaId, `Zalo OA ${oa.unitCode}`, unit.id, oa.appId, oa.oaSecretKey, oa.appSecret, oa.refreshToken ?? null],
  );
  return true;
}

/** The refresh token currently stored for an OA (the dev fake Zalo starts from it after a restart). */
export async function storedRefreshToken(orm: MikroORM, oaId: string): Promise<string | null> {
  const [row] = await orm.em
    .fork()
    .execute<Array<{ refresh_token: string | null }>>('select refresh_token from zalo_oa where oa_id = ?', [oaId]);
  return row?.refresh_token ?? null;
}
