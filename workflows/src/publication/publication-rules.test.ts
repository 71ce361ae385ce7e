import { describe, expect, it } from 'vitest';
import { appealAllowed, appealUnitCode, mayAppeal } from '../case/appeals';
import { mayPublishOn, personalDataLeftIn, publicationBases } from './publication-rules';

describe('who may publish what', () => {
  it('publishes with the citizen’s consent on any track', () => {
    for (const legalTrack of ['pakn', 'conduct', 'complaint', 'denunciation'] as const)
      expect(publicationBases({ legalTrack, consent: true, namesPerson: true })).toEqual(['consent']);
  });

  it('lets the unit publish a matter of public interest, never a complaint, a denunciation or a text naming a person', () => {
    expect(publicationBases({ legalTrack: 'pakn', consent: false, namesPerson: false })).toEqual(['publicInterest']);
    expect(publicationBases({ legalTrack: 'complaint', consent: false, namesPerson: false })).toEqual([]);
    expect(publicationBases({ legalTrack: 'denunciation', consent: false, namesPerson: false })).toEqual([]);
    expect(publicationBases({ legalTrack: 'pakn', consent: false, namesPerson: true })).toEqual([]);
    expect(mayPublishOn('consent', { legalTrack: 'pakn', consent: false, namesPerson: false })).toBe(false);
  });

  it('finds personal data an officer typed back into the masked text', () => {
    expect(personalDataLeftIn('Liên hệ 0912 345 678 để được hỗ trợ', []).map((m) => m.kind)).toEqual(['phone']);
    expect(personalDataLeftIn('Gửi ông Trần Văn Bình', ['Trần Văn Bình']).map((m) => m.kind)).toEqual(['name']);
    expect(personalDataLeftIn('Đèn đường ngõ 5 đã được thay ngày 3/12.', [])).toEqual([]);
  });
});

describe('appeal to the next level', () => {
  it('is open on a complaint, or after a first reopening', () => {
    expect(appealAllowed({ legalTrack: 'pakn', reopenCount: 0 })).toBe(false);
    expect(appealAllowed({ legalTrack: 'pakn', reopenCount: 1 })).toBe(true);
    expect(appealAllowed({ legalTrack: 'complaint', reopenCount: 0 })).toBe(true);
  });

  it('goes one level up the ladder, and not past the Government Office', () => {
    expect(appealUnitCode('/VPCP/01/00004/')).toBe('01');
    expect(appealUnitCode('/VPCP/01/')).toBe('VPCP');
    expect(appealUnitCode('/VPCP/')).toBeNull();
    expect(mayAppeal({ legalTrack: 'complaint', reopenCount: 0, owningUnitPath: '/VPCP/01/' })).toBe(true);
    expect(mayAppeal({ legalTrack: 'complaint', reopenCount: 0, owningUnitPath: '/VPCP/' })).toBe(false);
  });
});
