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
