import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { accessKeyFromBytes } from '@caunoi/workflows';

/**
 * The citizen's access key is derived from the tracking code with a server secret, so that a
 * retried submission (same Idempotency-Key) gets the same key back and an acknowledgement written
 * later can carry it, while the database keeps only its hash: a leaked dump opens no status page.
 */
export function deriveAccessKey(secret: string, trackingCode: string): string {
  return accessKeyFromBytes(createHmac('sha256', secret).update(`caunoi:access-key:${trackingCode}`).digest());
}

export function hashAccessKey(key: string): string {
  return createHash('sha256').update(key.trim().toUpperCase()).digest('hex');
}

/** Constant-time comparison of a typed key against the stored hash. */
export function accessKeyMatches(storedHash: string, typedKey: string): boolean {
  const typed = Buffer.from(hashAccessKey(typedKey), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return typed.length === stored.length && timingSafeEqual(typed, stored);
}
