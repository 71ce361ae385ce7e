import { type CaseStatus, isOpenStatus } from '../domain';
import type { CaseEvent } from './case-types';

/** The subject an answer is stored under: what the register publishes is the last such message that went out. */
export const ANSWER_SUBJECT = 'Kết quả giải quyết';

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
      return { direction: 'outbound', subject: ANSWER_SUBJECT, body: event.answer };
    case 'reject':
      return { direction: 'outbound', subject: 'Không tiếp nhận', body: event.reason };
    case 'postProgress':
      return {
        direction: 'outbound',
        subject: 'Tiến độ giải quyết',
        body: `${event.note}\n\nDự kiến có kết quả: ${event.expectedDate.split('-').reverse().join('/')}`,
      };
    // An extension is a progress note: the reason goes to the citizen (the notice adds the new date).
    case 'extendDeadline':
      return { direction: 'outbound', subject: 'Gia hạn thời hạn giải quyết', body: event.reason };
    case 'appeal':
      return { direction: 'inbound', subject: 'Kiến nghị lên cấp trên', body: event.reason };
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

/** The case's own columns a transition sets besides status and deadlines (null clears one). */
export interface CaseColumnChanges {
  acceptedAt?: Date;
  resolvedAt?: Date | null;
  closedAt?: Date;
  /** The answer date the unit now promises (a progress note's). */
  expectedAnswerAt?: Date;
  escalatedAt?: Date;
  satisfaction?: number;
  /** The citizen's choice about publication. */
  publicationConsent?: boolean;
}

/**
 * What an accepted event writes on the case row: when it was accepted, answered (cleared by a
 * reopening), closed (any final state), escalated (the level changed), and the citizen's rating.
 */
export function caseColumnsFor(
  event: CaseEvent,
  change: { fromEscalationLevel: number; toEscalationLevel: number; toStatus: CaseStatus },
  now: Date,
): CaseColumnChanges {
  const columns: CaseColumnChanges = {};
  if (event.type === 'accept') columns.acceptedAt = now;
  if ((event.type === 'respond' && change.toStatus === 'resolved') || event.type === 'approveAnswer')
    columns.resolvedAt = now;
  if (event.type === 'reopen') columns.resolvedAt = null;
  // The end of the promised local day in Viet Nam (UTC+7 all year).
  if (event.type === 'postProgress') columns.expectedAnswerAt = new Date(`${event.expectedDate}T17:00:00+07:00`);
  if (event.type === 'close' && event.satisfaction) columns.satisfaction = event.satisfaction;
  if (event.type === 'setPublicationConsent') columns.publicationConsent = event.consent;
  if (!isOpenStatus(change.toStatus)) columns.closedAt = now;
  if (change.toEscalationLevel !== change.fromEscalationLevel) columns.escalatedAt = now;
  return columns;
}
