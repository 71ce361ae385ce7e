import { describe, expect, it } from 'vitest';
import { citizenReplyChannel, unitNoticeAudience } from './recipients';

describe('who hears about a case', () => {
  it('answers a citizen where they wrote; a portal submitter by email, else on the Zalo they linked, else only on the status page', () => {
    expect(citizenReplyChannel({ caseChannel: 'zalo', hasEmail: true, hasZalo: true })).toBe('zalo');
    expect(citizenReplyChannel({ caseChannel: 'email', hasEmail: true, hasZalo: true })).toBe('email');
    expect(citizenReplyChannel({ caseChannel: 'portal', hasEmail: true, hasZalo: true })).toBe('email');
    expect(citizenReplyChannel({ caseChannel: 'portal', hasEmail: false, hasZalo: true })).toBe('zalo');
    expect(citizenReplyChannel({ caseChannel: 'portal', hasEmail: false, hasZalo: false })).toBeNull();
  });

  it('sends escalations to the heads, a warning to the officer holding the case, the rest to the unit', () => {
    expect(unitNoticeAudience('escalated', true)).toBe('supervisors');
    expect(unitNoticeAudience('slaWarning', true)).toBe('assignee');
    expect(unitNoticeAudience('slaWarning', false)).toBe('staff');
    expect(unitNoticeAudience('newCase', true)).toBe('staff');
  });
});
