/**
 * Vietnamese text as features for the category model: syllables without diacritics (so that
 * "đường ngập" and "duong ngap" are the same words), the syllables with their diacritics where the
 * citizen wrote them (they tell "đường" from "dương"), and pairs of neighbouring syllables (most
 * Vietnamese words are two syllables: "ngập úng", "hộ khẩu"). Chat shorthand is spelled out first.
 */

/**
 * Shorthand as written in Zalo chats and quick mails, to the syllables it stands for. A Map, not
 * an object: the key is any word a citizen wrote, and "constructor" must not find a function.
 */
const SHORTHAND: ReadonlyMap<string, string> = new Map(
  Object.entries({
    ko: 'khong',
    k: 'khong',
    kg: 'khong',
    kh: 'khong',
    hok: 'khong',
    hem: 'khong',
    dc: 'duoc',
    đc: 'duoc',
    j: 'gi',
    ntn: 'nhu the nao',
    bn: 'bao nhieu',
    vs: 'voi',
    mn: 'moi nguoi',
    ng: 'nguoi',
    nc: 'nuoc',
    dt: 'dien thoai',
    sdt: 'so dien thoai',
    cq: 'co quan',
    ubnd: 'uy ban nhan dan',
    tp: 'thanh pho',
    hcm: 'ho chi minh',
    bhyt: 'bao hiem y te',
    bhxh: 'bao hiem xa hoi',
    cccd: 'can cuoc cong dan',
    gplx: 'giay phep lai xe',
    qsdd: 'quyen su dung dat',
    sđ: 'so do',
    xd: 'xay dung',
    mt: 'moi truong',
    csgt: 'canh sat giao thong',
    tks: 'cam on',
    tk: 'cam on',
    ah: 'a',
    oy: 'roi',
    r: 'roi',
    bh: 'bao gio',
    lm: 'lam',
    ms: 'moi',
    trc: 'truoc',
    dk: 'dang ky',
    đk: 'dang ky',
  }),
);

/** Words that carry no topic: they would only add noise to every category alike. */
const STOPWORDS = new Set(
  'a ah ai anh ba bac bi cac cai cam chi cho chu co con cua cung da dang day de den di do duoc em gi gio gui ha hay hien hoi kinh la lai lam luc ma minh moi mot nay neu ngay nguoi nhe nhung nhu o oi on qua ra rang rat roi sao se the thi tin toi tu va van vao ve voi vi xin'.split(
    ' ',
  ),
);

export function withoutDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replaceAll('đ', 'd')
    .replaceAll('Đ', 'D');
}

/** The syllables of a text, lower-cased, as written (NFC) and without diacritics, shorthand spelled out. */
export function syllables(text: string): Array<{ written: string; plain: string }> {
  const words =
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{M}\d]+/gu) ?? [];
  return words.flatMap((written) => {
    const expanded = SHORTHAND.get(written) ?? SHORTHAND.get(withoutDiacritics(written));
    if (expanded) return expanded.split(' ').map((plain) => ({ written: plain, plain }));
    return [{ written, plain: withoutDiacritics(written) }];
  });
}

/** The features the category model reads: plain syllables, written ones with diacritics, and plain pairs. */
export function triageTokens(text: string): string[] {
  const all = syllables(text);
  const content = all.filter((s) => !STOPWORDS.has(s.plain) && (s.plain.length > 1 || /\d/.test(s.plain)));
  const tokens: string[] = [];
  for (const s of content) {
    tokens.push(s.plain);
    if (s.written !== s.plain) tokens.push(`~${s.written}`);
  }
  // Pairs across the whole text (stopwords dropped first, so "ngập ở đường" still pairs ngập_đường).
  for (let i = 1; i < content.length; i += 1) tokens.push(`${content[i - 1]!.plain}_${content[i]!.plain}`);
  return tokens;
}

/** A token as people read it: the pair "ngap_nuoc" as "ngap nuoc", the written "~đường" as "đường". */
export function readableToken(token: string): string {
  return token.replace(/^~/, '').replaceAll('_', ' ');
}

export interface LegalTrackSignal {
  track: 'complaint' | 'denunciation';
  /** The words that signal it, as found. */
  phrase: string;
}

// With diacritics the words are unambiguous; without, "to cao" is also "tall", so it needs its context.
const SIGNALS: ReadonlyArray<{ track: LegalTrackSignal['track']; written: RegExp; plain: RegExp }> = [
  {
    track: 'denunciation',
    written: /tố\s*cáo|tố\s*giác/u,
    plain:
      /\b(?:don|xin|toi|chung toi|de nghi|muon)\s+to\s*cao\b|\bto\s*cao\s+(?:hanh vi|can bo|ong|ba|viec|chu tich|truong|sai pham|tham nhung)\b|\bto\s*giac\b/,
  },
  {
    track: 'complaint',
    written: /khiếu\s*nại|khiếu\s*kiện/u,
    plain: /\bkhieu\s*nai\b|\bkhieu\s*kien\b/,
  },
];

/**
 * A complaint or a denunciation recognised in the words (Law on Complaints, Law on Denunciations:
 * their own procedures and time limits). Only a flag for the officer: the track is never changed
 * silently, because a citizen may say "khiếu nại" of a plain service problem.
 */
export function legalTrackSignals(text: string): LegalTrackSignal[] {
  const nfc = text.normalize('NFC').toLowerCase();
  const plain = withoutDiacritics(nfc);
  return SIGNALS.flatMap(({ track, written, plain: plainPattern }) => {
    const found = written.exec(nfc)?.[0] ?? plainPattern.exec(plain)?.[0];
    return found ? [{ track, phrase: found.replace(/\s+/g, ' ').trim() }] : [];
  });
}
