/**
 * How citizens write places: "P. Phúc Xá, Q. Ba Đình, TP Hà Nội", with or without diacritics,
 * with old names. Names are compared without diacritics, case or type word ("phường", "quận"…);
 * the database side does the same with `caunoi_unaccent` (see `PLACE_NAME_SQL`).
 */
const TYPE_WORDS =
  /^(tinh|thanh pho|tp\.?|quan|q\.|huyen|h\.|thi xa|tx\.?|phuong|p\.|xa|x\.|thi tran|tt\.?|dac khu)\s+/;

export function normalisePlaceName(name: string): string {
  const plain = name
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replaceAll('đ', 'd')
    .replaceAll('Đ', 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  return plain.replace(TYPE_WORDS, '').trim();
}

/** The parts of a written address, most specific first as written: "Phúc Xá, Ba Đình, Hà Nội". */
export function placeNameParts(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map(normalisePlaceName)
    .filter((part) => part.length > 1);
}

/** SQL for the same normalisation of a name column (regexp on the unaccented, lower-cased name). */
export const PLACE_NAME_SQL = (column: string) =>
  `trim(regexp_replace(lower(caunoi_unaccent(${column})), '^(tinh|thanh pho|quan|huyen|thi xa|phuong|xa|thi tran|dac khu)\\s+', ''))`;

const TYPE_WORDS_WRITTEN = [
  'phường',
  'phuong',
  'xã',
  'xa',
  'thị trấn',
  'thi tran',
  'đặc khu',
  'dac khu',
  'quận',
  'quan',
  'huyện',
  'huyen',
  'thị xã',
  'thi xa',
  'tỉnh',
  'tinh',
  'thành phố',
  'thanh pho',
];
// The type word in either case at its start (names after it must be capitalised: no `i` flag).
const PLACE_TYPE = `(?:${TYPE_WORDS_WRITTEN.map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`).join('|')}|TP\\.?|Tp\\.?)`;
const NAME_SYLLABLE = '(?:\\p{Lu}[\\p{Ll}\\p{M}]*|\\d{1,2})';
const MENTION = new RegExp(`(?<![\\p{L}])${PLACE_TYPE}\\s+(${NAME_SYLLABLE}(?:[ \\t]+${NAME_SYLLABLE}){0,3})`, 'gu');

/**
 * Places a citizen names in running text ("đèn đường hỏng ở ngõ 5, Phường Ba Đình"): a type word
 * followed by a capitalised name, as addresses are written. Returned as address parts ("Phường
 * Ba Đình", "huyện Đồng Phú"), for the same lookup as a written address; a name written in lower
 * case is not told from the words around it, so it is not read.
 */
export function placeMentions(text: string): string[] {
  const found: string[] = [];
  for (const match of text.normalize('NFC').matchAll(MENTION)) {
    const mention = match[0].replace(/\s+/g, ' ').trim();
    if (!found.includes(mention)) found.push(mention);
  }
  return found;
}
