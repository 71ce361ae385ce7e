import { convert } from 'html-to-text';

const LOOKS_LIKE_HTML = /<\/?(?:[a-z][a-z0-9]*)(?:\s[^>]*)?\/?>|<!--/i;

/**
 * Cases hold plain text: HTML pasted into the form or sent as mail becomes readable text (links
 * kept as `text [url]`), so nothing a citizen sends is ever rendered as markup to an officer.
 */
/** Control characters nobody types (tab and line breaks excepted); NUL first, which PostgreSQL cannot store. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}

/** NUL alone dropped: for a decoded mail header or a JSON string, where other controls may mean something. */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replace(/\u0000/g, '') : text;
}

export function toPlainText(input: string): string {
  const text = LOOKS_LIKE_HTML.test(input)
    ? convert(input, { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }] })
    : input;
  // NFC: legacy Vietnamese charsets and some keyboards send tone marks as combining characters.
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_CHARACTERS, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
