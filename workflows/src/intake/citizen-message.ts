import { type CaseStatus, isOpenStatus } from '../domain';

/**
 * What a citizen's message on an existing case does (any channel: an email reply, a Zalo message
 * from a user with an open case, a reply on the status page):
 * - `reply`: the case waits for the citizen, so the message is their answer (`citizenReplied`);
 * - `note`: the case is open, so the message joins the conversation and the unit is told;
 * - `followUp`: the case is finished; a new case is opened that refers to it, as helpdesks do
 *   when a closed ticket gets mail after its follow-up period.
 * A resolved case is still open (the citizen may reopen or rate it): a message there is a note.
 */
export type CitizenMessageDisposition = 'reply' | 'note' | 'followUp';

export function citizenMessageDisposition(status: CaseStatus): CitizenMessageDisposition {
  if (status === 'awaitingCitizen') return 'reply';
  return isOpenStatus(status) ? 'note' : 'followUp';
}

/**
 * Keywords with which a Zalo user who has an open case starts a new one instead of adding to it.
 * `#` first because Zalo's webhook filter can deliver only `#`-prefixed texts.
 */
const NEW_CASE_KEYWORDS = ['#moi', '#mới', '#new', '#pakn'];

export function startsNewCase(text: string): boolean {
  const first = text.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? '';
  return NEW_CASE_KEYWORDS.includes(first);
}

/** The text without its leading new-case keyword. */
export function withoutNewCaseKeyword(text: string): string {
  return startsNewCase(text) ? text.trim().replace(/^\S+\s*/, '') : text.trim();
}

/** A case title from free text (Zalo messages and title-less mail have none): the first line, shortened at a word. */
export function titleFromText(text: string, max = 120): string {
  const firstLine = text.trim().split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (firstLine.length <= max) return firstLine;
  const cut = firstLine.slice(0, max - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}

/**
 * Splits a text into pieces of at most `limit` characters (Zalo's cs messages take 2,000),
 * preferring paragraph, then line, then word boundaries, so that no piece ends mid-word.
 */
export function splitMessage(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const at = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((i) => i > limit / 2) ?? limit;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** A resolved case may be reopened by its citizen until its auto-close deadline (REOPEN_WINDOW after the answer). */
export function isReopenWindowOpen(status: CaseStatus, autoCloseDueAt: Date | null, now: Date): boolean {
  return status === 'resolved' && autoCloseDueAt !== null && now.getTime() < autoCloseDueAt.getTime();
}

/**
 * The new part of a mail reply: quoted lines (`> …`) and everything after a client's attribution
 * line ("On … wrote:", "Vào … đã viết:", Outlook's "-----Original Message-----") are dropped; the
 * raw mail keeps all of it.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (const [index, line] of lines.entries()) {
    const next = lines[index + 1] ?? '';
    const attribution = /^\s*(On .+ wrote:|Vào .+ đã viết:|.+ <[^>]+> (wrote|đã viết):)\s*$/i.test(line) || (/^\s*(On|Vào) /i.test(line) && /(wrote|đã viết):\s*$/i.test(next));
    if (attribution || /^\s*-{2,}\s*(Original Message|Thư gốc|Forwarded message)/i.test(line) || /^_{10,}$/.test(line.trim())) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  return kept.join('\n').trim();
}

/**
 * Vietnamese unless the text has none of the marks only Vietnamese uses (đ, breve, circumflex,
 * horn, hook above, dot below) and reads like English. `café` is not Vietnamese.
 */
export function guessLanguage(text: string): 'vi' | 'en' {
  if (/[đĐ\u0306\u0302\u031B\u0309\u0323]/.test(text.normalize('NFD'))) return 'vi';
  return /\b(the|and|please|street|road|is|are)\b/i.test(text) ? 'en' : 'vi';
}

/**
 * What the status page offers the citizen now: a message while the case is open and not yet
 * answered (an answered case is reopened or rated instead), a reopen within the window, a rating
 * once answered.
 */
export function citizenActions(status: CaseStatus, autoCloseDueAt: Date | null, now: Date): { canReply: boolean; canReopen: boolean; canRate: boolean } {
  return {
    canReply: isOpenStatus(status) && status !== 'resolved',
    canReopen: isReopenWindowOpen(status, autoCloseDueAt, now),
    canRate: status === 'resolved',
  };
}
