import type { InboundQueueRow } from '@caunoi/db';
import { redactText } from '../support/logger';

/**
 * Raw inbound items as someone who may not see their contact data reads them (an administrator,
 * a reception officer looking at another unit's case): the shape kept, so the fault can still be
 * found, and the person removed. Names, emails, phone numbers, addresses, Zalo user ids and the
 * sender's network address are masked; the words of the submission are kept except for emails
 * and phone numbers written into them.
 */
const MASK = '[redacted]';

/** Fields that name or reach a person, in the portal's form, Zalo's events and our own meta. */
const CONTACT_FIELDS = new Set([
  'name',
  'email',
  'phone',
  'address',
  'ip',
  'useragent',
  'envelopefrom',
  'remoteaddress',
  'clienthostname',
  'user_id',
  'user_id_by_app',
  'follower',
  'sender',
  'recipient',
  'info',
]);
/** Zalo's OA is ours, not a citizen's: its id stays readable under sender/recipient. */
const OA_KEYS = new Set(['oa_id', 'app_id']);

function redactValue(value: unknown, key = ''): unknown {
  if (CONTACT_FIELDS.has(key.toLowerCase())) {
    if (value && typeof value === 'object' && !Array.isArray(value)) return redactObject(value, true);
    return value === null || value === undefined || value === '' ? value : MASK;
  }
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v));
  if (value && typeof value === 'object') return redactObject(value, false);
  return value;
}

function redactObject(object: object, everything: boolean): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).map(([k, v]) => [
      k,
      everything && !OA_KEYS.has(k) && (typeof v !== 'object' || v === null)
        ? v === null
          ? v
          : MASK
        : redactValue(v, k),
    ]),
  );
}

/** A row of the intake queue, redacted. */
export function redactInboundRow<T extends Omit<InboundQueueRow, 'caseUnit'>>(row: T): T & { redacted: true } {
  return {
    ...row,
    // A portal key is scoped to the sender's address (public.routes): the address goes.
    externalId: row.externalId.replace(/:ip:[^:]*:/, `:ip:${MASK}:`),
    error: row.error === null ? null : redactText(row.error),
    meta: redactValue(row.meta) as Record<string, unknown>,
    redacted: true,
  };
}

const MAIL_ADDRESS_HEADERS = /^(from|reply-to|sender|to|cc|bcc|return-path|delivered-to|x-original-to)$/i;

/** An item's bytes, redacted by what they are: JSON, a form, a mail; anything else as text. */
export function redactInboundRaw(raw: Buffer, contentType: string): Buffer {
  const type = contentType.toLowerCase().split(';')[0]!.trim();
  const text = raw.toString('utf8');
  if (type === 'application/json') {
    try {
      return Buffer.from(JSON.stringify(redactValue(JSON.parse(text)), null, 2));
    } catch {
      return Buffer.from(redactText(text));
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(text);
    const out = new URLSearchParams();
    for (const [k, v] of form) out.append(k, String(redactValue(v, k)));
    return Buffer.from(out.toString());
  }
  if (type === 'multipart/form-data') {
    // Each part named like a contact field loses its value; files and other fields keep theirs.
    return Buffer.from(
      redactText(
        text.replace(
          /(Content-Disposition:[^\r\n]*\bname="(name|email|phone|address)"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)[^\r\n]*/gi,
          `$1${MASK}`,
        ),
      ),
    );
  }
  if (type === 'message/rfc822') {
    const end = text.search(/\r?\n\r?\n/);
    const head = end === -1 ? text : text.slice(0, end);
    const body = end === -1 ? '' : text.slice(end);
    const headers = head
      .replace(/\r?\n[ \t]+/g, ' ')
      .split(/\r?\n/)
      .map((line) => {
        const colon = line.indexOf(':');
        return colon > 0 && MAIL_ADDRESS_HEADERS.test(line.slice(0, colon).trim())
          ? `${line.slice(0, colon)}: ${MASK}`
          : redactText(line);
      });
    return Buffer.from(`${headers.join('\r\n')}${redactText(body)}`);
  }
  return Buffer.from(redactText(text));
}
