import { type MikroORM, findCurrentUnitId, findZaloOaTokens, upsertConfiguredZaloOa } from '@caunoi/db';
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
  const unitId = await findCurrentUnitId(em, oa.unitCode);
  if (unitId === null) {
    logger.warn(
      `ZALO_OA_UNIT: no current unit has the code ${oa.unitCode}; the Zalo OA ${oa.oaId} is disabled and everything else starts. Set ZALO_OA_UNIT to a unit code (e.g. 00004) and restart.`,
    );
    return false;
  }
  await upsertConfiguredZaloOa(em, {
    oaId: oa.oaId,
    name: `Zalo OA ${oa.unitCode}`,
    unitId,
    appId: oa.appId,
    oaSecretKey: oa.oaSecretKey,
    appSecret: oa.appSecret,
    refreshToken: oa.refreshToken ?? null,
  });
  return true;
}

/** The refresh token currently stored for an OA (the dev fake Zalo starts from it after a restart). */
export async function storedRefreshToken(orm: MikroORM, oaId: string): Promise<string | null> {
  return (await findZaloOaTokens(orm.em.fork(), oaId))?.refreshToken ?? null;
}
