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
export function createTokenService(secret: string, ttlHours: number): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    async issue(userId, tokenVersion) {
      const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
      const token = await new SignJWT({ ver: tokenVersion })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(userId))
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(expiresAt)
        .sign(key);
      return { token, expiresAt };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
        const userId = Number(payload.sub);
        const tokenVersion = payload.ver;
        return Number.isInteger(userId) &&
          userId > 0 &&
          typeof tokenVersion === 'number' &&
          Number.isInteger(tokenVersion)
          ? { userId, tokenVersion }
          : null;
      } catch {
        return null;
      }
    },
  };
}
