/**
 * Redaction before an answer is published (issue: a public register): what would identify a
 * person is masked, and the officer reviews the masked text beside the original before
 * publishing. Masking is deliberately eager (a street number masked too many is harmless; a phone
 * number missed is not), and it never touches what a reader needs: places named by their kind
 * (ngõ 5, Phường Ba Đình), dates, amounts.
 */

export type RedactionKind = 'email' | 'nationalId' | 'phone' | 'plate' | 'houseNumber' | 'name';

export interface Masked {
  kind: RedactionKind;
  original: string;
}

export interface Redaction {
  text: string;
  masked: Masked[];
}

/** What each kind is replaced with (the register is Vietnamese). */
export const REDACTION_LABELS: Record<RedactionKind, string> = {
  email: '[thư điện tử]',
  nationalId: '[số định danh]',
  phone: '[số điện thoại]',
  plate: '[biển số]',
  houseNumber: '[số nhà]',
  name: '[họ tên]',
};

const SEP = '[\\s.\\-]?';
const UPPER = 'A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ';
const LOWER = 'a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';
/** A capitalised Vietnamese word (a syllable of a name). */
const NAME_WORD = `[${UPPER}][${LOWER}]+`;
/** One to four of them: a full name (Nguyễn Văn An, Lê Thị Thu Hà), or the given name people use (anh Tuấn). */
const FULL_NAME = `${NAME_WORD}(?:\\s+${NAME_WORD}){0,3}`;
/** What introduces a person by name. */
const NAME_CUES = [
  'tôi là',
  'tên tôi là',
  'tên là',
  'họ tên',
  'họ và tên',
  'ông',
  'bà',
  'anh',
  'chị',
  'cô',
  'chú',
  'bác',
  'em',
  'cháu',
  'cụ',
  'hộ',
  'gia đình',
  // Without diacritics only the unambiguous ones: "ba", "ong", "chi" are words of places too (Ba Đình).
  'toi la',
  'ten toi la',
];

const PATTERNS: Array<{ kind: RedactionKind; pattern: RegExp; keep?: (m: RegExpExecArray) => string }> = [
  { kind: 'email', pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu },
  // CCCD: 12 digits (3 + 3 + 6, or 4 + 4 + 4, as people group them); the old CMND: 9 digits.
  {
    kind: 'nationalId',
    pattern: new RegExp(
      `(?<![\\d])(?:\\d{3}${SEP}\\d{3}${SEP}\\d{6}|\\d{4}${SEP}\\d{4}${SEP}\\d{4}|\\d{12})(?![\\d])`,
      'g',
    ),
  },
  {
    kind: 'nationalId',
    pattern: /(?<=(?:CMND|CCCD|căn cước|chứng minh)[^\d\n]{0,20})\d{9}(?!\d)/giu,
  },
  // Mobile and fixed lines: 0 or +84/84, then 9 or 10 digits, grouped with spaces, dots or dashes.
  { kind: 'phone', pattern: new RegExp(`(?<![\\d+])(?:\\+?84|0)(?:${SEP}\\d){8,10}(?![\\d])`, 'g') },
  // Plates: 29A-123.45, 30E 12345, 51F1-234.56, 59-X1 123.45.
  {
    kind: 'plate',
    pattern: /(?<![\p{L}\d])\d{2}\s?-?\s?\p{Lu}{1,2}\d?\s?-?\s?\d{3}\.?\d{1,2}(?![\d])/gu,
  },
  // "số nhà 12B", "nhà số 34/5", and "số 15 ngõ 5" (the number, not the lane).
  {
    kind: 'houseNumber',
    pattern:
      /(?<=(?:số nhà|nhà số|so nha|nha so|căn hộ|phòng)\s*)\d+[A-Za-z]?(?:\/\d+[A-Za-z]?)*|(?<=(?:^|[\s,(])số\s+)\d+[A-Za-z]?(?:\/\d+[A-Za-z]?)*(?=\s+(?:ngõ|ngách|hẻm|kiệt|phố|đường|tổ|ấp))/giu,
  },
];

/**
 * The text with each identifying part masked, and what was masked. `knownNames` (the citizen's
 * own, the officers') are masked wherever they stand; other names only where a cue introduces
 * them ("ông Nguyễn Văn An", "tôi là …"), so that places (Phường Ba Đình) keep their names.
 */
export function redactForPublication(text: string, knownNames: readonly string[] = []): Redaction {
  const masked: Masked[] = [];
  let out = text;
  const replace = (kind: RedactionKind, pattern: RegExp) => {
    out = out.replace(pattern, (original) => {
      masked.push({ kind, original });
      return REDACTION_LABELS[kind];
    });
  };
  for (const { kind, pattern } of PATTERNS) replace(kind, pattern);
  for (const name of knownNames.filter((n) => n.trim().length >= 2).sort((a, b) => b.length - a.length))
    replace('name', new RegExp(escape(name.trim()).replace(/\s+/g, '\\s+'), 'giu'));
  // The cues as written at a sentence's start too ("Ông …", "Tôi là …"); names keep their capitals.
  const cues = NAME_CUES.flatMap((c) => [c, c[0]!.toUpperCase() + c.slice(1)])
    .map(escape)
    .join('|');
  replace('name', new RegExp(`(?<=(?:^|[\\s,.(:;"“])(?:${cues})\\s+)${FULL_NAME}`, 'gu'));
  return { text: out, masked };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
