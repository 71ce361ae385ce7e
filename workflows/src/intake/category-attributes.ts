/**
 * The structured details some categories ask for besides the citizen's words (Open311's service
 * attributes; the portal API takes them too, as `attributes`). They let the handling unit act
 * without writing back first: the complained-of decision for a complaint (Law on Complaints
 * 2011, art. 8: a complaint names the decision or act it disputes), the kind of road problem, a
 * utility and since when it is out. Most categories ask for nothing. None is required yet: mail,
 * Zalo and the portal's form pages do not ask them, and a case must never be refused for a
 * detail an officer can ask for (a required one refuses a submission that leaves it out).
 */
export type AttributeDatatype = 'string' | 'datetime' | 'singlevaluelist';

export interface CategoryAttribute {
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  /** The question, in Vietnamese and English. */
  vi: string;
  en: string;
  /** For a list: the allowed keys and their names. */
  values?: ReadonlyArray<{ key: string; vi: string; en: string }>;
  /** For a string: at most this many characters. */
  maxLength?: number;
}

export const CATEGORY_ATTRIBUTES: Readonly<Record<string, readonly CategoryAttribute[]>> = {
  'road-traffic': [
    {
      code: 'problem',
      datatype: 'singlevaluelist',
      required: false,
      vi: 'Loại sự cố',
      en: 'Kind of problem',
      values: [
        { key: 'pothole', vi: 'Ổ gà, hư hỏng mặt đường', en: 'Pothole or broken surface' },
        { key: 'flooding', vi: 'Ngập nước', en: 'Flooding' },
        { key: 'streetlight', vi: 'Đèn đường hỏng', en: 'Street light out' },
        { key: 'signal', vi: 'Đèn tín hiệu, biển báo', en: 'Traffic light or sign' },
        { key: 'obstruction', vi: 'Lấn chiếm lòng đường, vỉa hè', en: 'Road or pavement obstructed' },
        { key: 'other', vi: 'Khác', en: 'Other' },
      ],
    },
  ],
  environment: [
    {
      code: 'pollution',
      datatype: 'singlevaluelist',
      required: false,
      vi: 'Loại ô nhiễm',
      en: 'Kind of pollution',
      values: [
        { key: 'waste', vi: 'Rác thải', en: 'Waste' },
        { key: 'water', vi: 'Nước thải', en: 'Waste water' },
        { key: 'air', vi: 'Khói, bụi, mùi', en: 'Smoke, dust or smell' },
        { key: 'noise', vi: 'Tiếng ồn', en: 'Noise' },
        { key: 'other', vi: 'Khác', en: 'Other' },
      ],
    },
  ],
  'power-water': [
    {
      code: 'utility',
      datatype: 'singlevaluelist',
      required: false,
      vi: 'Dịch vụ',
      en: 'Utility',
      values: [
        { key: 'power', vi: 'Điện', en: 'Power' },
        { key: 'water', vi: 'Nước sạch', en: 'Water' },
      ],
    },
    { code: 'since', datatype: 'datetime', required: false, vi: 'Mất từ lúc', en: 'Out since' },
  ],
  complaint: [
    {
      code: 'decision',
      datatype: 'string',
      required: false,
      maxLength: 300,
      vi: 'Quyết định hoặc hành vi hành chính bị khiếu nại (số, ngày, cơ quan ban hành)',
      en: 'The administrative decision or act complained of (number, date, issuing body)',
    },
  ],
};

export function attributesOf(categoryCode: string | null | undefined): readonly CategoryAttribute[] {
  // Own keys only: a category code is whatever a client sent, and "constructor" or "toString"
  // must not find Object.prototype's functions (the fuzz test sent them).
  return (categoryCode && Object.hasOwn(CATEGORY_ATTRIBUTES, categoryCode) && CATEGORY_ATTRIBUTES[categoryCode]) || [];
}

export type AttributeValues = Record<string, string>;

export interface AttributeProblem {
  field: string;
  message: string;
  code: 'attribute.required' | 'attribute.unknown' | 'attribute.value' | 'attribute.tooLong';
  params: Record<string, string>;
}

/**
 * The details as sent (code → text) checked against the category's attributes: unknown codes,
 * values outside a list, dates that are not dates and missing required answers are problems
 * naming `attributes.<code>`; the answer keeps only what the category asks, trimmed, with dates
 * in ISO form.
 */
export function checkAttributes(
  categoryCode: string | null | undefined,
  sent: Readonly<Record<string, unknown>>,
): { values: AttributeValues; problems: AttributeProblem[] } {
  const asked = attributesOf(categoryCode);
  const values: AttributeValues = {};
  const problems: AttributeProblem[] = [];
  for (const code of Object.keys(sent))
    if (!asked.some((a) => a.code === code))
      problems.push({
        field: `attributes.${code}`,
        message: asked.length
          ? `this category asks for ${asked.map((a) => a.code).join(', ')}`
          : 'this category asks for no details',
        code: 'attribute.unknown',
        params: { code },
      });
  for (const attribute of asked) {
    const raw = sent[attribute.code];
    const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
    const field = `attributes.${attribute.code}`;
    if (!text) {
      if (attribute.required)
        problems.push({ field, message: attribute.en, code: 'attribute.required', params: { code: attribute.code } });
      continue;
    }
    if (attribute.datatype === 'singlevaluelist') {
      if (!attribute.values!.some((v) => v.key === text)) {
        problems.push({
          field,
          message: `one of ${attribute.values!.map((v) => v.key).join(', ')}`,
          code: 'attribute.value',
          params: { code: attribute.code, allowed: attribute.values!.map((v) => v.key).join(', ') },
        });
        continue;
      }
      values[attribute.code] = text;
    } else if (attribute.datatype === 'datetime') {
      const at = new Date(text);
      if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
        problems.push({
          field,
          message: 'a date and time, e.g. 2026-12-01T07:30:00+07:00',
          code: 'attribute.value',
          params: { code: attribute.code, allowed: 'ISO 8601' },
        });
        continue;
      }
      values[attribute.code] = at.toISOString();
    } else {
      const max = attribute.maxLength ?? 300;
      if (text.length > max) {
        problems.push({
          field,
          message: `at most ${max} characters`,
          code: 'attribute.tooLong',
          params: { code: attribute.code, max: String(max) },
        });
        continue;
      }
      values[attribute.code] = text;
    }
  }
  return { values, problems };
}

/** The details as a person reads them (officers' case page, notices): question and answer in a language. */
export function describeAttributes(
  categoryCode: string | null | undefined,
  values: Readonly<AttributeValues>,
  language: 'vi' | 'en',
): Array<{ code: string; label: string; value: string }> {
  return attributesOf(categoryCode)
    .filter((a) => values[a.code] !== undefined)
    .map((a) => {
      const raw = values[a.code]!;
      const listed = a.values?.find((v) => v.key === raw);
      return { code: a.code, label: a[language], value: listed ? listed[language] : raw };
    });
}
