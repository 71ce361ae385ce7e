import { createHash } from 'node:crypto';

/** A failure that retrying cannot fix (an invalid recipient, a disabled OA): the job is failed for good, with this reason. */
export function permanentFailure(message: string): Error {
  return Object.assign(new Error(message), { permanent: true });
}

export function isPermanentFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { permanent?: boolean }).permanent === true;
}

/** A short reference to a message that stays the same across retries (in Message-IDs, for the receiver's dedupe). */
export function messageRef(dedupeKey: string): string {
  return `o${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 10)}`;
}
