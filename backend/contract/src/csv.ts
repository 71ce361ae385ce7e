/**
 * CSV as every export of CauNoi writes it: UTF-8 with a byte-order mark (spreadsheet programs
 * keep the diacritics), CRLF lines, RFC 4180 quoting, and no formulas. A citizen's title such as
 * `=HYPERLINK("http://…")` would run in the officer's spreadsheet: a text cell that starts with
 * = + - @, a tab or a carriage return is prefixed with an apostrophe (OWASP, CSV injection).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return `\uFEFF${[header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n')}\r\n`;
}
