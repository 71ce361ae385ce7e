/**
 * Tracking codes modelled on the national PAKN portal's `PAKN.YYYYMMDD.NNNN`: a citizen reads the
 * receipt date in the code, codes sort by date, and the per-day sequence comes from the database.
 * `CN.20261122.00042` — the receipt date is the local date (Asia/Ho_Chi_Minh).
 */
export const TRACKING_CODE_PREFIX = 'CN';
const SEQUENCE_DIGITS = 5;
const TRACKING_CODE = /^CN\.(\d{4})(\d{2})(\d{2})\.(\d{5,})$/;

export function formatTrackingCode(localIsoDate: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be ≥ 1, got ${sequence}`);
  const ymd = localIsoDate.replaceAll('-', '');
  if (!/^\d{8}$/.test(ymd)) throw new RangeError(`not an ISO date: ${localIsoDate}`);
  return `${TRACKING_CODE_PREFIX}.${ymd}.${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

export interface ParsedTrackingCode {
  date: string;
  sequence: number;
}

/** Without separators: CN2026112200042, or the digits alone as read over the phone. */
const COMPACT_TRACKING_CODE = /^(?:CN)?(\d{4})(\d{2})(\d{2})(\d{5,})$/;

/**
 * Accepts what citizens and officers type: any case, spaces, dashes or no separators at all
 * instead of dots (CN.20261122.00042, cn 20261122 00042, CN2026112200042).
 */
export function parseTrackingCode(input: string): ParsedTrackingCode | null {
  const normalised = input
    .trim()
    .toUpperCase()
    .replace(/[\s\-_]+/g, '.');
  const match = TRACKING_CODE.exec(normalised) ?? COMPACT_TRACKING_CODE.exec(normalised.replaceAll('.', ''));
  if (!match) return null;
  const [, y, m, d, seq] = match;
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { date: `${y}-${m}-${d}`, sequence: Number(seq) };
}

export function normaliseTrackingCode(input: string): string | null {
  const parsed = parseTrackingCode(input);
  return parsed ? formatTrackingCode(parsed.date, parsed.sequence) : null;
}

/**
 * The citizen's access key for the status page: read aloud or typed from a phone, so no
 * look-alike characters (0/O, 1/I/L).
 */
export const ACCESS_KEY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ACCESS_KEY_LENGTH = 10;

/** Turns random bytes into an access key; the caller supplies the randomness (no I/O here). */
export function accessKeyFromBytes(bytes: Uint8Array): string {
  if (bytes.length < ACCESS_KEY_LENGTH) throw new RangeError(`need ${ACCESS_KEY_LENGTH} random bytes`);
  let key = '';
  for (let i = 0; i < ACCESS_KEY_LENGTH; i += 1) key += ACCESS_KEY_ALPHABET[bytes[i]! % ACCESS_KEY_ALPHABET.length];
  return key;
}
