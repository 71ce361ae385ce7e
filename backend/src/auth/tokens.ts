import { SignJWT, jwtVerify } from 'jose';

export interface TokenService {
  issue(userId: number): Promise<{ token: string; expiresAt: Date }>;
  /** The user id in a valid, unexpired token; null otherwise. */
  verify(token: string): Promise<number | null>;
}

const ISSUER = 'caunoi';

/** Login tokens: HS256 JWTs (jose) carrying only the user id; role and unit are read fresh per request. */
export function createTokenService(secret: string, ttlHours: number): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    async issue(userId) {
      const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
      const token = await new SignJWT({})
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
        const id = Number(payload.sub);
        return Number.isInteger(id) && id > 0 ? id : null;
      } catch {
        return null;
      }
    },
  };
}
