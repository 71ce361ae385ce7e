/** The parts of a Zalo webhook event CauNoi reads (zalo-oa.md §1.4); every id is a string. */
export interface ZaloEvent {
  app_id?: string;
  oa_id?: string;
  event_name?: string;
  timestamp?: string;
  sender?: { id?: string };
  recipient?: { id?: string };
  follower?: { id?: string };
  message?: {
    msg_id?: string;
    msg_ids?: string[];
    text?: string;
    quote_msg_id?: string;
    attachments?: Array<{ type?: string; payload?: Record<string, any> }>;
  };
  info?: Record<string, any>;
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
  if (event.message?.msg_id && !/^user_(received|seen)_message$/.test(name)) return event.message.msg_id;
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
        if (c.latitude !== undefined && c.longitude !== undefined) parts.push(`[vị trí: ${c.latitude}, ${c.longitude} — https://maps.google.com/?q=${c.latitude},${c.longitude}]`);
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
