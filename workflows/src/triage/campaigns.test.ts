import { describe, expect, it } from 'vitest';
import { isCampaign, mergesIntoCampaignLead } from './campaigns';

const rule = { campaignMinCases: 10, campaignSimilarity: 0.9, campaignWindowHours: 24 };

describe('campaigns', () => {
  it('are near-identical submissions from ten citizens by default, as the rule says', () => {
    expect(isCampaign(9, rule)).toBe(false);
    expect(isCampaign(10, rule)).toBe(true);
    expect(isCampaign(2, { ...rule, campaignMinCases: 2 })).toBe(true);
  });

  it('count a copy as support of the lead only while nobody took it up, on the feedback track, into an unanswered lead', () => {
    const open = { status: 'inProgress' as const };
    expect(mergesIntoCampaignLead({ status: 'triage', legalTrack: 'pakn' }, open)).toBe(true);
    expect(mergesIntoCampaignLead({ status: 'routed', legalTrack: 'pakn' }, { status: 'routed' })).toBe(true);
    expect(mergesIntoCampaignLead({ status: 'inProgress', legalTrack: 'pakn' }, open)).toBe(false);
    expect(mergesIntoCampaignLead({ status: 'triage', legalTrack: 'complaint' }, open)).toBe(false);
    expect(mergesIntoCampaignLead({ status: 'triage', legalTrack: 'denunciation' }, open)).toBe(false);
    expect(mergesIntoCampaignLead({ status: 'triage', legalTrack: 'pakn' }, { status: 'resolved' })).toBe(false);
    expect(mergesIntoCampaignLead({ status: 'triage', legalTrack: 'pakn' }, { status: 'closed' })).toBe(false);
  });
});
