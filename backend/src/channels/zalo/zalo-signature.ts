import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Zalo signs each webhook as `mac=<hex>` with hex = SHA-256(app_id + raw body + timestamp +
 * OA secret key): a plain hash of the concatenation, not an HMAC (zalo-oa.md §1.3, as Chatwoot and
 * the official Java SDK compute it). The raw bytes are hashed, never re-serialised JSON.
 */
export function zaloSignature(appId: string, rawBody: Buffer | string, timestamp: string, oaSecretKey: string): string {
  return `mac=${createHash('sha256').update(appId).update(rawBody).update(timestamp).update(oaSecretKey).digest('hex')}`;
}

export function verifyZaloSignature(
  header: string | undefined,
  appId: string,
  rawBody: Buffer,
  timestamp: string,
  oaSecretKey: string,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(zaloSignature(appId, rawBody, timestamp, oaSecretKey));
  const given = Buffer.from(header.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
