/**
 * PostgreSQL stores every Unicode character in text but one: U+0000. A NUL in a bound text
 * parameter breaks the wire protocol ("invalid message format") and `\u0000` in jsonb is refused
 * (22P05). Whatever a sender puts in a header, an id or a field must never stop an item from being
 * stored, so text columns take NUL as U+FFFD (the replacement character, visibly not the original);
 * the raw bytes, in bytea, keep it exactly.
 */
export function storableText(text: string): string {
  return text.includes('\u0000') ? text.replace(/\u0000/g, '\uFFFD') : text;
}

/** The same for a JSON value (the meta column): every string in it, keys included. */
export function storableJson<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map((v) => storableJson(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableJson(v)])) as T;
  return value;
}
