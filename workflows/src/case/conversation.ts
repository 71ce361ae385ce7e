import type { CaseEvent } from './case-types';

/** What a transition adds to the conversation with the citizen: who speaks, and the words. */
export interface ConversationEntry {
  direction: 'inbound' | 'outbound';
  /** The subject officers see on the message; templates wrap the body on delivery. */
  subject: string | null;
  body: string;
}

/**
 * The conversation entry each event writes (none for most): an officer's question, answer or
 * refusal goes out to the citizen; the citizen's reply, note or reason to reopen comes in.
 */
export function conversationEntryFor(event: CaseEvent): ConversationEntry | null {
  switch (event.type) {
    case 'requestInfo':
      return { direction: 'outbound', subject: 'Đề nghị bổ sung thông tin', body: event.question };
    case 'respond':
      return { direction: 'outbound', subject: 'Kết quả giải quyết', body: event.answer };
    case 'reject':
      return { direction: 'outbound', subject: 'Không tiếp nhận', body: event.reason };
    case 'citizenReplied':
      return event.message ? { direction: 'inbound', subject: null, body: event.message } : null;
    case 'citizenNote':
      return { direction: 'inbound', subject: null, body: event.message };
    case 'reopen':
      return { direction: 'inbound', subject: null, body: event.reason };
    default:
      return null;
  }
}
