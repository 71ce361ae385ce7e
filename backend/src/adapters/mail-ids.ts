import { createHmac } from 'node:crypto';
import { normaliseTrackingCode } from '@caunoi/workflows';

/**
 * Our outgoing Message-IDs carry the tracking code and a signature: `<CN.20261122.00042.o17.3f9a…@caunoi.local>`.
 * A citizen's reply names it in In-Reply-To/References, so it threads to its case without a
 * lookup, and nobody can attach mail to someone else's case by making one up.
 */
export function outboundMessageId(secret: string, trackingCode: string, ref: string, domain: string): string {
  return `<${trackingCode}.${ref}.${signature(secret, trackingCode, ref)}@${domain}>`;
}

const OURS = /<?(CN\.\d{8}\.\d{5,})\.([a-z0-9-]+)\.([0-9a-f]{16})@([^>\s]+)>?/i;

/** The case a reply belongs to, from the ids it answers; only ids we signed count. */
export function trackingCodeFromMessageIds(secret: string, ids: readonly string[], domain: string): string | null {
  for (const id of ids) {
    const match = OURS.exec(id);
    if (!match) continue;
    const [, code, ref, sig, host] = match;
    if (host!.toLowerCase() !== domain.toLowerCase()) continue;
    const trackingCode = normaliseTrackingCode(code!);
    if (trackingCode && signature(secret, trackingCode, ref!) === sig!.toLowerCase()) return trackingCode;
  }
  return null;
}

/** A tracking code written in a subject: `Re: [CN.20261122.00042] …` (any case, dots or dashes). */
export function trackingCodeInSubject(subject: string): string | null {
  const match = /\bCN[.\-\s]?\d{8}[.\-\s]?\d{5,}\b/i.exec(subject);
  return match ? normaliseTrackingCode(match[0]) : null;
}

function signature(secret: string, trackingCode: string, ref: string): string {
  return createHmac('sha256', secret).update(`caunoi:message-id:${trackingCode}.${ref}`).digest('hex').slice(0, 16);
}
