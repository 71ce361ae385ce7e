/** "Phường Ba Đình" → "Ba Dinh Ward": English names follow the government's own usage. */
const TYPE_PREFIXES: Array<[string, string]> = [
  ['Thành phố ', 'City'],
  ['Tỉnh ', 'Province'],
  ['Đặc khu ', 'Special Zone'],
  ['Phường ', 'Ward'],
  ['Xã ', 'Commune'],
];

export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replaceAll('đ', 'd')
    .replaceAll('Đ', 'D')
    .normalize('NFC');
}

export function englishUnitName(nameVi: string): string {
  for (const [prefix, suffix] of TYPE_PREFIXES) {
    if (nameVi.startsWith(prefix)) return `${stripDiacritics(nameVi.slice(prefix.length))} ${suffix}`;
  }
  return stripDiacritics(nameVi);
}
