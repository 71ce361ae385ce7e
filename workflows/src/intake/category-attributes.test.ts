import { describe, expect, it } from 'vitest';
import { CATEGORY_ATTRIBUTES, checkAttributes, describeAttributes } from './category-attributes';

describe("a category's structured details", () => {
  it('keeps what the category asks, trimmed, with list keys checked and dates in ISO form', () => {
    expect(checkAttributes('power-water', { utility: ' water ', since: '2026-12-01T07:30:00+07:00' })).toEqual({
      values: { utility: 'water', since: '2026-12-01T00:30:00.000Z' },
      problems: [],
    });
  });

  it('names each wrong detail: an unknown code, a value outside the list, a date that is none, an answer too long', () => {
    const { problems } = checkAttributes('power-water', { utility: 'gas', since: 'hôm qua', colour: 'red' });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['attributes.colour', 'attribute.unknown'],
      ['attributes.utility', 'attribute.value'],
      ['attributes.since', 'attribute.value'],
    ]);
    expect(checkAttributes('complaint', { decision: 'x'.repeat(301) }).problems[0]!.code).toBe('attribute.tooLong');
    expect(checkAttributes('other', { anything: '1' }).problems[0]!.message).toBe('this category asks for no details');
  });

  it('enforces a required detail where one is declared, and a missing optional one is simply absent', () => {
    const required = { code: 'x', datatype: 'string', required: true, vi: 'X', en: 'X' } as const;
    const saved = CATEGORY_ATTRIBUTES.other;
    (CATEGORY_ATTRIBUTES as Record<string, unknown>).other = [required];
    try {
      expect(checkAttributes('other', {}).problems.map((p) => p.code)).toEqual(['attribute.required']);
    } finally {
      (CATEGORY_ATTRIBUTES as Record<string, unknown>).other = saved;
    }
    expect(checkAttributes('road-traffic', {})).toEqual({ values: {}, problems: [] });
  });

  it("treats a made-up category named like one of Object.prototype's own as a category that asks for nothing", () => {
    for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(checkAttributes(code, {})).toEqual({ values: {}, problems: [] });
    expect(checkAttributes('valueOf', { x: '1' }).problems[0]!.message).toBe('this category asks for no details');
  });

  it('reads back as question and answer in the reader’s language', () => {
    expect(describeAttributes('road-traffic', { problem: 'flooding' }, 'vi')).toEqual([
      { code: 'problem', label: 'Loại sự cố', value: 'Ngập nước' },
    ]);
    expect(describeAttributes('complaint', { decision: 'QĐ 12/QĐ-UBND ngày 1/11/2026' }, 'en')[0]!.label).toMatch(
      /decision or act/,
    );
  });
});
