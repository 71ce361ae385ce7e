import { SignJWT, jwtVerify } from 'jose';

export interface TokenService {
  issue(userId: number, tokenVersion: number): Promise<{ token: string; expiresAt: Date }>;
  /** The user and token version in a valid, unexpired token; null otherwise. */
  verify(token: string): Promise<{ userId: number; tokenVersion: number } | null>;
}

const ISSUER = 'caunoi';

/**
 * Login tokens: HS256 JWTs (jose) carrying the user id and the account's token version; role and
 * unit are read fresh. Raising the version (password reset, role or unit change, deactivation)
 * revokes every token issued before.
 */
export function createTokenService(
  secret: string,
  ttlHours: number,
  { rememberVerified = 10_000, now = () => Date.now() }: { rememberVerified?: number; now?: () => number } = {},
): TokenService {
  const key = new TextEncoder().encode(secret);
  /**
   * Tokens whose signature was checked, with their expiry: an officer's every request carries
   * the same token, and checking its HMAC through WebCrypto took 6 % of the server's CPU under
   * bench:transitions. A signature stays valid; only the expiry is checked again (and the token
   * version, fresh, by the principal's loader). The oldest is forgotten first.
   */
  const verified = new Map<string, { claims: { userId: number; tokenVersion: number }; expiresAtMs: number }>();
  return {
    async issue(userId, tokenVersion) {
      const issuedAt = now();
      const expiresAt = new Date(issuedAt + ttlHours * 3_600_000);
      const token = await new SignJWT({ ver: tokenVersion })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(userId))
        .setIssuer(ISSUER)
        .setIssuedAt(Math.floor(issuedAt / 1000))
        .setExpirationTime(expiresAt)
        .sign(key);
      return { token, expiresAt };
    },
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        if (known.expiresAtMs > now()) return known.claims;
        verified.delete(token);
        return null;
      }
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          algorithms: ['HS256'],
          currentDate: new Date(now()),
        });
        const userId = Number(payload.sub);
        const tokenVersion = payload.ver;
        if (
          !Number.isInteger(userId) ||
          userId <= 0 ||
          typeof tokenVersion !== 'number' ||
          !Number.isInteger(tokenVersion) ||
          typeof payload.exp !== 'number'
        )
          return null;
        const claims = { userId, tokenVersion };
        if (verified.size >= rememberVerified) verified.delete(verified.keys().next().value!);
        verified.set(token, { claims, expiresAtMs: payload.exp * 1000 });
        return claims;
      } catch {
        return null;
      }
    },
  };
}
