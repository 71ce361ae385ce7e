import { describe, expect, it } from 'vitest';
import { TRANSITION_FIELDS, ZTransitionRequest, deriveTransitionFields } from '@caunoi/contract';

describe('the admin UI’s transition forms', () => {
  it('are the request schema’s fields written out as plain data for the browser', () => {
    expect(TRANSITION_FIELDS).toEqual(deriveTransitionFields());
  });

  it('ask for exactly what the API takes, with its limits', () => {
    expect(TRANSITION_FIELDS.accept).toEqual([]);
    expect(TRANSITION_FIELDS.transfer).toEqual([
      { field: 'unitCode', kind: 'unit', optional: false, minLength: 1 },
      { field: 'reason', kind: 'text', optional: false, minLength: 3 },
    ]);
    expect(TRANSITION_FIELDS.merge).toEqual([
      { field: 'intoCaseId', kind: 'number', optional: false, minLength: null },
      { field: 'reason', kind: 'text', optional: true, minLength: 3 },
    ]);
    // An answer may carry files uploaded first, sent as their ids.
    expect(TRANSITION_FIELDS.respond).toEqual([
      { field: 'answer', kind: 'text', optional: false, minLength: 5 },
      { field: 'attachmentIds', kind: 'files', optional: true, minLength: null },
    ]);
  });

  it('cover every transition the API accepts, and a form filled in as they say is accepted', () => {
    const types = ZTransitionRequest.options.map((o) => o.shape.type.value).sort();
    expect(Object.keys(TRANSITION_FIELDS).sort()).toEqual(types);
    for (const type of types) {
      const body: Record<string, unknown> = { type, version: 1 };
      for (const f of TRANSITION_FIELDS[type as keyof typeof TRANSITION_FIELDS] as Array<{
        field: string;
        kind: string;
        minLength: number | null;
        optional: boolean;
      }>)
        body[f.field] =
          f.kind === 'number'
            ? 7
            : f.kind === 'unit'
              ? '00004'
              : f.kind === 'date'
                ? '2026-12-20'
                : f.kind === 'files'
                  ? [12, 13]
                  : 'x'.repeat(f.minLength ?? 1);
      expect(ZTransitionRequest.safeParse(body).success).toBe(true);
      // One character short of a text's minimum is refused by the API too.
      for (const f of (
        TRANSITION_FIELDS[type as keyof typeof TRANSITION_FIELDS] as Array<{
          field: string;
          kind: string;
          minLength: number | null;
          optional: boolean;
        }>
      ).filter((f) => f.kind === 'text' && f.minLength && !f.optional)) {
        expect(ZTransitionRequest.safeParse({ ...body, [f.field]: 'x'.repeat(f.minLength! - 1) }).success).toBe(false);
      }
    }
  });
});
