import type { EntityManager } from '@mikro-orm/postgresql';
import { isCampaign } from '@caunoi/workflows';

/** What a campaign is compared by: the unaccented start of the title and text (copy-paste keeps it). */
const FINGERPRINT = `caunoi_unaccent(lower(c.title || ' ' || left(c.body, 500)))`;

export interface CampaignMembership {
  campaignId: number;
  leadCaseId: number;
  /** The cases that joined the campaign in this call (the case itself; at its start, the copies before it). */
  joined: number[];
  started: boolean;
}

/**
 * Puts a case that joined a concern in a campaign of near-identical submissions (named query):
 * the campaign of that concern whose text it copies, within the window; else, when copies of its
 * text came from enough different citizens within the window (this one's included), a new
 * campaign led by the first of them. Null when it copies nothing (or too few). Concurrent calls for one concern wait for each
 * other (its row is locked), so that one campaign is started, not two.
 */
export async function joinCampaign(
  tx: EntityManager,
  caseId: number,
  rule: { minCases: number; similarity: number; windowHours: number },
): Promise<CampaignMembership | null> {
  const [assigned] = await tx.execute<Array<{ clusterId: number }>>(
    `select cluster_id as "clusterId" from case_concern where case_id = ?`,
    [caseId],
  );
  if (!assigned) return null;
  // Another job checking this concern waits a little at most: the check is left to the next case
  // of the concern (it looks at every copy in the window), never queued behind a busy concern.
  await tx.execute(`select set_config('lock_timeout', '2000ms', true)`);
  try {
    await tx.execute('select id from concern_cluster where id = ? for update', [assigned.clusterId]);
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return null;
    throw error;
  }
  await tx.execute(`select set_config('lock_timeout', '0', true)`);
  // Read under the lock: a campaign started meanwhile may already hold this case.
  const [member] = await tx.execute<Array<{ clusterId: number; campaignId: number | null }>>(
    `select cluster_id as "clusterId", campaign_id as "campaignId" from case_concern where case_id = ?`,
    [caseId],
  );
  if (!member || member.campaignId !== null) return null;
  const [existing] = await tx.execute<Array<{ id: number; leadCaseId: number }>>(
    `select k.id, k.lead_case_id as "leadCaseId"
       from concern_campaign k, (select ${FINGERPRINT} as text from case_file c where c.id = ?) p
      where k.cluster_id = ? and k.last_case_at > now() - make_interval(hours => ?) and similarity(k.plain, p.text) >= ?
      order by similarity(k.plain, p.text) desc limit 1`,
    [caseId, member.clusterId, rule.windowHours, rule.similarity],
  );
  if (existing) {
    await addToCampaign(tx, existing.id, [caseId]);
    return { campaignId: existing.id, leadCaseId: existing.leadCaseId, joined: [caseId], started: false };
  }
  // Copies not yet in a campaign, newest first (a bounded look: a campaign starts long before 200).
  const copies = await tx.execute<Array<{ id: number; citizenId: number | null }>>(
    `with p as (select ${FINGERPRINT} as text from case_file c where c.id = ?)
     select c.id, c.citizen_id as "citizenId" from case_concern m join case_file c on c.id = m.case_id, p
      where m.cluster_id = ? and m.campaign_id is null and m.case_id <> ?
        and c.received_at > now() - make_interval(hours => ?)
        and similarity(${FINGERPRINT}, p.text) >= ?
      order by c.received_at desc limit 200`,
    [caseId, member.clusterId, caseId, rule.windowHours, rule.similarity],
  );
  const [self] = await tx.execute<Array<{ citizenId: number | null }>>(
    'select citizen_id as "citizenId" from case_file where id = ?',
    [caseId],
  );
  // People, not submissions: one citizen sending the same again is a repeat, and submissions
  // nobody can be told about (no contact at all) count as no one: a flood is not a campaign.
  const people = new Set([self, ...copies].flatMap((c) => (c?.citizenId != null ? [c.citizenId] : [])));
  if (!isCampaign(people.size, { campaignMinCases: rule.minCases })) return null;
  const ids = [caseId, ...copies.map((c) => c.id)];
  const [lead] = await tx.execute<Array<{ id: number }>>(
    `select id from case_file where id in (?) order by received_at, id limit 1`,
    [ids],
  );
  const [campaign] = await tx.execute<Array<{ id: number }>>(
    `insert into concern_campaign (cluster_id, lead_case_id, plain, size, started_at, last_case_at)
     select ?, c.id, ${FINGERPRINT}, 0, c.received_at, now() from case_file c where c.id = ? returning id`,
    [member.clusterId, lead!.id],
  );
  await addToCampaign(tx, campaign!.id, ids);
  return { campaignId: campaign!.id, leadCaseId: lead!.id, joined: ids, started: true };
}

async function addToCampaign(tx: EntityManager, campaignId: number, caseIds: number[]): Promise<void> {
  await tx.execute('update case_concern set campaign_id = ? where case_id in (?)', [campaignId, caseIds]);
  await tx.execute('update concern_campaign set size = size + ?, last_case_at = now() where id = ?', [
    caseIds.length,
    campaignId,
  ]);
}
