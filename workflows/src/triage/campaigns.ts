import type { CaseStatus, LegalTrack } from '../domain';

/**
 * Campaigns: many near-identical submissions (copy-paste) in a short time are one voice, not many
 * workloads. The rule is data (`concern_surge_rule`): texts this alike from at least `minCases`
 * different citizens within the window (10, 0.9, 24 h by default). One person sending the same
 * thing again is a repeat, not a campaign; submissions without any contact count as no one (an
 * anonymous flood is not a campaign, and nobody could be told where their copy went).
 */
export interface CampaignRule {
  campaignMinCases: number;
  campaignSimilarity: number;
  campaignWindowHours: number;
}

/** Whether near-identical submissions from so many different citizens (this one's included) make a campaign. */
export function isCampaign(citizens: number, rule: Pick<CampaignRule, 'campaignMinCases'>): boolean {
  return citizens >= rule.campaignMinCases;
}

/**
 * Whether a copy is counted as support of the campaign's lead case by merging it there (its
 * citizen follows the lead, is told on their own channel, and the lead's support count grows):
 * only while nobody has taken it up (triage or routed, not accepted), only on the feedback track
 * (a complaint or denunciation is each person's own right, with its own deadlines), and only into
 * an open lead that is not yet answered. Copies that stay are still marked, for the officers.
 */
export function mergesIntoCampaignLead(
  copy: { status: CaseStatus; legalTrack: LegalTrack },
  lead: { status: CaseStatus },
): boolean {
  return (
    (copy.status === 'triage' || copy.status === 'routed') &&
    copy.legalTrack === 'pakn' &&
    ['triage', 'routed', 'inProgress', 'awaitingCitizen'].includes(lead.status)
  );
}
