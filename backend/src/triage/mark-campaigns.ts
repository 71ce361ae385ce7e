import { type EntityManager, type MikroORM, type SurgeRule, joinCampaign } from '@caunoi/db';
import { type CaseStatus, type LegalTrack, mergesIntoCampaignLead } from '@caunoi/workflows';
import { changeCase } from '../transitions/change-case';
import type { SlaContext } from '../transitions/sla-context';

const CAMPAIGN_ACTOR = { actorType: 'system', actor: 'system:campaign', userId: null } as const;

/**
 * Copy-paste campaigns, after the cases joined their concerns: a case whose text copies enough
 * others of its concern within the window joins (or starts) their campaign, and each copy that
 * nobody has taken up is merged into the campaign's first case through the one path: counted as
 * its support, its citizen told on their own channel and following the lead's answer, not left as
 * a separate workload (workflows: `mergesIntoCampaignLead`). Returns the copies merged.
 */
export async function markCampaigns(
  deps: { orm: MikroORM; loadSla: (em: EntityManager) => Promise<SlaContext> },
  caseIds: readonly number[],
  rule: SurgeRule,
  now = new Date(),
): Promise<number> {
  let merged = 0;
  for (const caseId of caseIds) {
    merged += await deps.orm.em.fork().transactional(async (tx) => {
      const membership = await joinCampaign(tx, caseId, {
        minCases: rule.campaignMinCases,
        similarity: rule.campaignSimilarity,
        windowHours: rule.campaignWindowHours,
      });
      if (!membership) return 0;
      const rows = await tx.execute<Array<{ id: number; status: CaseStatus; legalTrack: LegalTrack }>>(
        `select id, status, legal_track as "legalTrack" from case_file where id in (?)`,
        [[membership.leadCaseId, ...membership.joined]],
      );
      const lead = rows.find((r) => r.id === membership.leadCaseId)!;
      const sla = await deps.loadSla(tx);
      let count = 0;
      for (const copy of rows) {
        if (copy.id === lead.id || !membership.joined.includes(copy.id) || !mergesIntoCampaignLead(copy, lead))
          continue;
        await changeCase(tx, sla, copy.id, {
          event: { type: 'merge', intoCaseId: lead.id, reason: 'campaign' },
          context: { actor: { kind: 'system', relation: 'none' } },
          actor: CAMPAIGN_ACTOR,
          now,
          auditExtra: { campaignId: membership.campaignId },
        });
        count += 1;
      }
      return count;
    });
  }
  return merged;
}
