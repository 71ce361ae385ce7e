import { type CaseStatus, isOpenStatus } from '../domain';
import { ACCESS_KEY_ALPHABET, ACCESS_KEY_LENGTH, normaliseTrackingCode } from '../tracking-code';

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
    const at =
      [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((i) => i > limit / 2) ??
      limit;
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
    const attribution =
      /^\s*(On .+ wrote:|Vào .+ đã viết:|.+ <[^>]+> (wrote|đã viết):)\s*$/i.test(line) ||
      (/^\s*(On|Vào) /i.test(line) && /(wrote|đã viết):\s*$/i.test(next));
    if (
      attribution ||
      /^\s*-{2,}\s*(Original Message|Thư gốc|Forwarded message)/i.test(line) ||
      /^_{10,}$/.test(line.trim())
    )
      break;
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
export function citizenActions(
  status: CaseStatus,
  autoCloseDueAt: Date | null,
  now: Date,
): { canReply: boolean; canReopen: boolean; canRate: boolean } {
  return {
    canReply: isOpenStatus(status) && status !== 'resolved',
    canReopen: isReopenWindowOpen(status, autoCloseDueAt, now),
    canRate: status === 'resolved',
  };
}

/** A tracking code (and the access key beside it, if any) that a citizen wrote in a message. */
export interface TrackingReference {
  trackingCode: string;
  accessKey: string | null;
  /** What the message says besides the code and key (empty when it was only them). */
  rest: string;
}

const CODE_IN_TEXT = /\bCN[\s.\-_]?\d{8}[\s.\-_]?\d{5,}\b/i;
const KEY_IN_TEXT = new RegExp(`(?<![0-9A-Z])[${ACCESS_KEY_ALPHABET}]{${ACCESS_KEY_LENGTH}}(?![0-9A-Z])`, 'i');

/**
 * The portal tells citizens to follow the commune's Zalo OA and send their tracking code: finds
 * that code (in any of the forms people type it) and an access key written with it. The key is
 * looked for only after the code is taken out, and only as a word of exactly its length and
 * alphabet, so ordinary words are not mistaken for it (they would simply fail to match).
 */
export function findTrackingReference(text: string): TrackingReference | null {
  const code = CODE_IN_TEXT.exec(text);
  if (!code) return null;
  const trackingCode = normaliseTrackingCode(code[0]);
  if (!trackingCode) return null;
  const withoutCode = `${text.slice(0, code.index)} ${text.slice(code.index + code[0].length)}`;
  const key = KEY_IN_TEXT.exec(withoutCode);
  const rest = (
    key ? `${withoutCode.slice(0, key.index)} ${withoutCode.slice(key.index + key[0].length)}` : withoutCode
  )
    // The labels people copy with the codes ("Mã hồ sơ: …, mã tra cứu: …") are not a message.
    .replace(
      /(^|[\s,;])(mã số hồ sơ|mã hồ sơ|mã số|mã tra cứu|ma so ho so|ma ho so|ma tra cuu|ma so|tracking code|access key|mã|ma|code|key)(?=[\s:,.;]|$)/giu,
      ' ',
    )
    .replace(/(^|\s)[:,;]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[,.;:\-–]+|[,;:\-–]+$/g, '')
    .trim();
  return { trackingCode, accessKey: key ? key[0].toUpperCase() : null, rest };
}

/** The word a Zalo button sends (and a citizen may type) to join a similar case they were offered. */
export const JOIN_SIMILAR_KEYWORD = '#ungho';
const JOIN_SIMILAR = new RegExp(
  `^\\s*#\\s*(ungho|ủng\\s*hộ|ung\\s*ho)\\s+(${CODE_IN_TEXT.source.slice(2, -2)})\\s*$`,
  'iu',
);

/**
 * "#ungho CN.20261202.00001": the citizen chooses a similar open case offered in chat instead of
 * their own (the button's payload, or typed, with or without diacritics). Null for anything else.
 */
export function findJoinSimilarCommand(text: string): string | null {
  const match = JOIN_SIMILAR.exec(text);
  return match ? normaliseTrackingCode(match[2]!) : null;
}

/** The words the Zalo answer's buttons send back (and a citizen may type): satisfied or not. */
export const SATISFIED_KEYWORD = '#hailong';
export const NOT_SATISFIED_KEYWORD = '#chuahailong';
const SATISFACTION = new RegExp(
  `^\\s*#\\s*(hailong|hài\\s*lòng|hai\\s*long|chuahailong|chưa\\s*hài\\s*lòng|chua\\s*hai\\s*long)\\s+(${CODE_IN_TEXT.source.slice(2, -2)})\\s*$`,
  'iu',
);

/** What the third button under an appealable answer sends back: take it to the level above. */
export const APPEAL_KEYWORD = '#lencaptren';
const APPEAL = new RegExp(
  `^\\s*#\\s*(lencaptren|lên\\s*cấp\\s*trên|len\\s*cap\\s*tren)\\s+(${CODE_IN_TEXT.source.slice(2, -2)})\\s*$`,
  'iu',
);

/** "#lencaptren CN.20261202.00001" (with or without diacritics when typed): the tracking code, or null. */
export function findAppealCommand(text: string): string | null {
  const match = APPEAL.exec(text);
  return match ? normaliseTrackingCode(match[2]!) : null;
}

/**
 * "#hailong CN.20261202.00001" or "#chuahailong …": the citizen's verdict on an answer, tapped
 * under it in Zalo (with or without diacritics when typed). Null for anything else.
 */
export function findSatisfactionCommand(text: string): { satisfied: boolean; trackingCode: string } | null {
  const match = SATISFACTION.exec(text);
  if (!match) return null;
  const trackingCode = normaliseTrackingCode(match[2]!);
  if (!trackingCode) return null;
  return { satisfied: !/^(chua|chưa)/iu.test(match[1]!), trackingCode };
}
