import { createHash } from 'node:crypto';

/**
 * The audit trail is hash-chained (DESIGN.md §4.7): each case event's hash covers the previous
 * event's hash and the event's canonical form, so editing or deleting a past event breaks every
 * later link and the verifier can name the first broken one.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEvent {
  caseId: number;
  seq: number;
  type: string;
  actor: string;
  payload: unknown;
  createdAt: Date | string;
}

/** JSON with object keys sorted at every depth, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) sorted[key] = sortKeys(v);
    }
    return sorted;
  }
  return value;
}

export function hashCaseEvent(prevHash: string, event: ChainedEvent): string {
  const createdAt =
    event.createdAt instanceof Date ? event.createdAt.toISOString() : new Date(event.createdAt).toISOString();
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(
      canonicalJson({
        caseId: event.caseId,
        seq: event.seq,
        type: event.type,
        actor: event.actor,
        payload: event.payload,
        createdAt,
      }),
    )
    .digest('hex');
}

export interface ChainLink extends ChainedEvent {
  prevHash: string;
  hash: string;
}

export type ChainVerdict = { ok: true; length: number } | { ok: false; brokenAtSeq: number; reason: string };

/** Recomputes the chain in sequence order and reports the first link that does not hold. */
export function verifyChain(links: readonly ChainLink[]): ChainVerdict {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const link of links) {
    if (link.seq !== expectedSeq) return { ok: false, brokenAtSeq: link.seq, reason: `expected event #${expectedSeq}` };
    if (link.prevHash !== expectedPrev)
      return { ok: false, brokenAtSeq: link.seq, reason: 'previous hash does not match' };
    if (hashCaseEvent(link.prevHash, link) !== link.hash)
      return { ok: false, brokenAtSeq: link.seq, reason: 'content does not match its hash' };
    expectedPrev = link.hash;
    expectedSeq += 1;
  }
  return { ok: true, length: links.length };
}
