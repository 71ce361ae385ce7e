import { withoutNul } from '../../intake/plain-text';
import { z } from 'zod';

/** Zalo writes ids as strings, but some fields have been seen as numbers: both are read as strings. */
const id = z.union([z.string(), z.number()]).transform(String);

/**
 * The parts of a Zalo webhook event CauNoi reads (zalo-oa.md §1.4), as a schema: every id a
 * string, unknown fields kept (Zalo adds them), wrong types refused with the path that is wrong.
 */
export const ZZaloEvent = z.looseObject({
  app_id: id.optional(),
  oa_id: id.optional(),
  event_name: z.string().optional(),
  timestamp: id.optional(),
  sender: z.looseObject({ id: id.optional() }).optional(),
  recipient: z.looseObject({ id: id.optional() }).optional(),
  follower: z.looseObject({ id: id.optional() }).optional(),
  message: z
    .looseObject({
      msg_id: id.optional(),
      msg_ids: z.array(id).optional(),
      text: z.string().optional(),
      quote_msg_id: id.optional(),
      attachments: z
        .array(z.looseObject({ type: z.string().optional(), payload: z.record(z.string(), z.any()).optional() }))
        .optional(),
    })
    .optional(),
  info: z.record(z.string(), z.any()).optional(),
});

export type ZaloEvent = z.infer<typeof ZZaloEvent>;

/** Reads a stored webhook body; a body that is not such an event says what is wrong with it. */
export function parseZaloEvent(raw: string): { ok: true; event: ZaloEvent } | { ok: false; problem: string } {
  let json: unknown;
  try {
    // NUL in a user's text is dropped: PostgreSQL cannot store it (the raw event keeps it).
    json = JSON.parse(raw, (_key, value) => (typeof value === 'string' ? withoutNul(value) : value));
  } catch (error) {
    return { ok: false, problem: `not JSON: ${(error as Error).message}` };
  }
  const parsed = ZZaloEvent.safeParse(json);
  if (parsed.success) return { ok: true, event: parsed.data };
  return {
    ok: false,
    problem: parsed.error.issues.map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`).join('; '),
  };
}

/** Events where the OA is the sender: our own echoes and the receipts for what we sent. */
const OA_SENDS = /^(oa_send_|user_received_message$|user_seen_message$)/;

/** Which OA an event concerns: the recipient of a user's message, the sender of a receipt, `oa_id` for follows. */
export function oaIdOf(event: ZaloEvent): string | null {
  if (event.oa_id) return String(event.oa_id);
  const name = event.event_name ?? '';
  const id = OA_SENDS.test(name) ? event.sender?.id : event.recipient?.id;
  return id ? String(id) : null;
}

/** The Zalo user an event is about. */
export function userIdOf(event: ZaloEvent): string | null {
  const name = event.event_name ?? '';
  const id = event.follower?.id ?? (OA_SENDS.test(name) ? event.recipient?.id : event.sender?.id);
  return id ? String(id) : null;
}

/** Deduplication key (invariant 2): the message id, or what identifies an event without one. */
export function externalIdOf(event: ZaloEvent): string {
  const name = event.event_name ?? 'unknown';
  if (event.message?.msg_id && !/^user_(received|seen)_message$/.test(name)) return String(event.message.msg_id);
  return `${name}:${userIdOf(event) ?? ''}:${event.message?.msg_id ?? event.message?.msg_ids?.join(',') ?? ''}:${event.timestamp ?? ''}`;
}

/**
 * A user's message as text for the case: the words, then each attachment described (photos and
 * files by their Zalo URL, a shared location by coordinates).
 */
export function describeUserMessage(event: ZaloEvent): string {
  const parts: string[] = [];
  if (event.message?.text) parts.push(event.message.text.trim());
  for (const attachment of event.message?.attachments ?? []) {
    const p = attachment.payload ?? {};
    switch (attachment.type) {
      case 'image':
      case 'gif':
      case 'video':
      case 'audio':
        if (p.url) parts.push(`[${attachment.type}: ${p.url}]`);
        break;
      case 'file':
        parts.push(`[tệp ${p.name ?? ''} (${p.size ?? '?'} bytes): ${p.url ?? ''}]`);
        break;
      case 'link':
        parts.push(`[liên kết: ${p.url ?? ''}${p.description ? ` — ${p.description}` : ''}]`);
        break;
      case 'location': {
        const c = p.coordinates ?? {};
        if (c.latitude !== undefined && c.longitude !== undefined)
          parts.push(
            `[vị trí: ${c.latitude}, ${c.longitude} — https://maps.google.com/?q=${c.latitude},${c.longitude}]`,
          );
        break;
      }
      case 'sticker':
        break;
      default:
        if (p.url) parts.push(`[${attachment.type ?? 'tệp'}: ${p.url}]`);
    }
  }
  return parts.join('\n').trim();
}
