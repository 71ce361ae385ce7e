import type { MikroORM } from '@caunoi/db';
import type { Config } from '../support/config';
import { storedRefreshToken } from '../channels/zalo/zalo-oa-config';
import { type FakeZalo, startFakeZalo } from './fake-zalo';

/** The demo OA `npm start` runs when no Zalo is configured: Phường Ba Đình's, with made-up secrets (its id is the demo data's). */
const demoZaloOa = (oaId: string) => ({
  appId: '4370139285610184512',
  oaId,
  oaSecretKey: 'demo-oa-secret-key',
  appSecret: 'demo-app-secret',
  unitCode: '00004',
  refreshToken: 'demo-refresh-token',
});

/**
 * Outside production, without ZALO_API_BASE, `npm start` runs the fake Zalo server and points our
 * client at it, so the Zalo channel works end to end on one machine. The fake starts from the
 * refresh token stored by the last run: refresh tokens are single-use.
 */
export async function startDevelopmentZalo(
  orm: MikroORM,
  config: Config,
  demoOaId: string,
): Promise<{ config: Config; fake: FakeZalo } | null> {
  if (config.isProduction || config.zalo.apiBase) return null;
  const demo = demoZaloOa(demoOaId);
  const oa = config.zalo.defaultOa ?? demo;
  const refreshToken = (await storedRefreshToken(orm, oa.oaId)) ?? oa.refreshToken ?? demo.refreshToken;
  const fake = await startFakeZalo({
    apps: [{ appId: oa.appId, appSecret: oa.appSecret, oaId: oa.oaId, oaSecretKey: oa.oaSecretKey, refreshToken }],
    deliveryReceipts: true,
  });
  return {
    fake,
    config: { ...config, zalo: { apiBase: fake.url, oauthBase: fake.url, defaultOa: { ...oa, refreshToken } } },
  };
}
