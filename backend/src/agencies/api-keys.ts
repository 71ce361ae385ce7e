import { createHash, randomBytes } from 'node:crypto';

/**
 * Agency API keys: `cn_` + 40 random base62-ish characters (240 bits). Only a SHA-256 of the key
 * is stored (a key is random, so a slow hash adds nothing); its first 12 characters tell keys
 * apart on the administrators' screen. The key itself is shown once, when it is made.
 */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `cn_${randomBytes(30).toString('base64url')}`;
  return { key, prefix: key.slice(0, 12), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
