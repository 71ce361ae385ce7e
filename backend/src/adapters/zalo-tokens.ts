import type { AxiosInstance } from 'axios';
import { type MikroORM, findZaloOaTokens, saveZaloOaTokens } from '@caunoi/db';
import type { Logger } from '../support/logger';

export interface ZaloTokenStore {
  /** A valid access token for the OA, refreshed first when it is missing or about to expire. */
  accessToken(oaId: string): Promise<string>;
  /** Replaces a token Zalo refused; a token another caller already replaced is reused, not refreshed again. */
  refresh(oaId: string, refusedToken: string | null): Promise<string>;
}

/** Refresh when less than this remains (zalo-oa.md §1.8: proactively, 1–6 h before expiry). */
const REFRESH_AHEAD_MS = 60 * 60 * 1000;

/**
 * OA tokens rotate: a refresh token works once and the answer carries the next one. Refreshes are
 * single-flight in this process (one promise per OA) and serialised across instances by a row
 * lock on `zalo_oa`; the new pair is committed before the access token is used, so a crash after
 * the refresh cannot lose the chain. (A crash between Zalo's answer and our commit still can:
 * then an admin re-authorises the OA.)
 */
export function createZaloTokenStore(
  orm: MikroORM,
  http: AxiosInstance,
  oauthBase: string,
  logger: Logger,
): ZaloTokenStore {
  const inFlight = new Map<string, Promise<string>>();

  const refreshLocked = (oaId: string, refusedToken: string | null): Promise<string> =>
    orm.em.fork().transactional(async (tx) => {
      const oa = await findZaloOaTokens(tx, oaId, { lock: true });
      if (!oa) throw new Error(`no Zalo OA ${oaId}`);
      // Someone refreshed while we waited for the lock: use theirs.
      if (oa.accessToken && oa.accessToken !== refusedToken && !expiresSoon(oa.tokenExpiresAt)) return oa.accessToken;
      if (!oa.refreshToken)
        throw Object.assign(new Error(`Zalo OA ${oaId} has no refresh token: authorise it in the admin`), {
          permanent: true,
        });
      const response = await http.post(
        `${oauthBase.replace(/\/$/, '')}/v4/oa/access_token`,
        new URLSearchParams({
          refresh_token: oa.refreshToken,
          app_id: oa.appId,
          grant_type: 'refresh_token',
        }).toString(),
        {
          headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: oa.appSecret },
        },
      );
      const body = response.data as {
        access_token?: string;
        refresh_token?: string;
        expires_in?: string | number;
        error?: number;
        error_description?: string;
      };
      if (!body.access_token || !body.refresh_token) {
        logger.error(
          { oaId, error: body.error, description: body.error_description },
          'Zalo token refresh refused; the OA must be authorised again',
        );
        throw Object.assign(
          new Error(`Zalo refused the token refresh for OA ${oaId}: ${body.error_description ?? JSON.stringify(body)}`),
          { permanent: true },
        );
      }
      const expiresAt = new Date(Date.now() + Number(body.expires_in ?? 90_000) * 1000);
      await saveZaloOaTokens(tx, oaId, { accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt });
      return body.access_token;
    });

  const refresh = (oaId: string, refusedToken: string | null): Promise<string> => {
    const running = inFlight.get(oaId);
    if (running) return running;
    const started = refreshLocked(oaId, refusedToken).finally(() => inFlight.delete(oaId));
    inFlight.set(oaId, started);
    return started;
  };

  return {
    refresh,
    async accessToken(oaId) {
      const oa = await findZaloOaTokens(orm.em.fork(), oaId);
      if (!oa) throw new Error(`no Zalo OA ${oaId}`);
      if (oa.accessToken && !expiresSoon(oa.tokenExpiresAt)) return oa.accessToken;
      return refresh(oaId, oa.accessToken);
    },
  };
}

function expiresSoon(expiresAt: Date | null): boolean {
  return !expiresAt || new Date(expiresAt).getTime() - Date.now() < REFRESH_AHEAD_MS;
}
