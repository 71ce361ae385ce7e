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
 * campaign led by the first of them. Null when it copies nothing (or too few).
 *
 * The texts are compared before any lock: most cases copy nothing, and a viral concern's cases
 * then never wait for each other. Only a case that would join or start a campaign locks the
 * concern's row and looks again under the lock, so that concurrent calls start one campaign, not
 * two. Another job holding the row makes this call give up (the next case of the concern looks
 * at every copy in the window), rather than queue behind it.
 */
export async function joinCampaign(
  tx: EntityManager,
  caseId: number,
  rule: { minCases: number; similarity: number; windowHours: number },
): Promise<CampaignMembership | null> {
  const member = await membershipOf(tx, caseId);
  if (!member || member.campaignId !== null) return null;
  const existing = await campaignCopied(tx, caseId, member.clusterId, rule);
  if (existing) {
    if (!(await lockConcern(tx, member.clusterId))) return null;
    // Read again under the lock: a campaign started meanwhile may already hold this case.
    const locked = await membershipOf(tx, caseId);
    if (!locked || locked.campaignId !== null) return null;
    await addToCampaign(tx, existing.id, [caseId]);
    return { campaignId: existing.id, leadCaseId: existing.leadCaseId, joined: [caseId], started: false };
  }
  if ((await copiesOf(tx, caseId, member.clusterId, rule)) === null) return null;
  if (!(await lockConcern(tx, member.clusterId))) return null;
  const locked = await membershipOf(tx, caseId);
  if (!locked || locked.campaignId !== null) return null;
  // A campaign may have started between the look and the lock: join it rather than start another.
  const startedMeanwhile = await campaignCopied(tx, caseId, member.clusterId, rule);
  if (startedMeanwhile) {
    await addToCampaign(tx, startedMeanwhile.id, [caseId]);
    return {
      campaignId: startedMeanwhile.id,
      leadCaseId: startedMeanwhile.leadCaseId,
      joined: [caseId],
      started: false,
    };
  }
  const copies = await copiesOf(tx, caseId, member.clusterId, rule);
  if (copies === null) return null;
  const ids = [caseId, ...copies];
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

async function membershipOf(
  tx: EntityManager,
  caseId: number,
): Promise<{ clusterId: number; campaignId: number | null } | null> {
  const [member] = await tx.execute<Array<{ clusterId: number; campaignId: number | null }>>(
    `select cluster_id as "clusterId", campaign_id as "campaignId" from case_concern where case_id = ?`,
    [caseId],
  );
  return member ?? null;
}

/** The concern's row, locked until the transaction ends; false when another job holds it for long. */
async function lockConcern(tx: EntityManager, clusterId: number): Promise<boolean> {
  await tx.execute(`select set_config('lock_timeout', '2000ms', true)`);
  try {
    await tx.execute('select id from concern_cluster where id = ? for update', [clusterId]);
  } catch (error) {
    // The transaction is aborted now: nothing more may run in it (its caller returns, and it rolls back).
    if ((error as { code?: string }).code === '55P03') return false;
    throw error;
  }
  await tx.execute(`select set_config('lock_timeout', '0', true)`);
  return true;
}

/** The concern's campaign, within the window, whose text the case copies. */
async function campaignCopied(
  tx: EntityManager,
  caseId: number,
  clusterId: number,
  rule: { similarity: number; windowHours: number },
): Promise<{ id: number; leadCaseId: number } | null> {
  const [existing] = await tx.execute<Array<{ id: number; leadCaseId: number }>>(
    `select k.id, k.lead_case_id as "leadCaseId"
       from concern_campaign k, (select ${FINGERPRINT} as text from case_file c where c.id = ?) p
      where k.cluster_id = ? and k.last_case_at > now() - make_interval(hours => ?) and similarity(k.plain, p.text) >= ?
      order by similarity(k.plain, p.text) desc limit 1`,
    [caseId, clusterId, rule.windowHours, rule.similarity],
  );
  return existing ?? null;
}

/**
 * The case's copies not yet in a campaign, when they and the case come from enough people to make
 * one (else null). They are looked for among the concern's COPIES_LOOKED_AT newest cases not in a
 * campaign, and the bound is taken before the texts are compared: compared first, a concern's every case was fingerprinted for each case that joined it,
 * and a viral concern whose copies never make a campaign cost each new case its whole history
 * (1.3 s a case at 20,000 alike cases; intake's bench of 16,000 alike submissions had not drained
 * its concern jobs after 10 minutes).
 */
/**
 * How many of a concern's newest cases a new case's text is compared with. A copy-paste campaign
 * arrives together (one text passed round a group chat) and starts at ten people, so its copies
 * are among the newest; each comparison costs about 50 µs of the database's CPU (trigrams of up
 * to 500 characters), and in a surge every submission pays it.
 */
const COPIES_LOOKED_AT = 50;

async function copiesOf(
  tx: EntityManager,
  caseId: number,
  clusterId: number,
  rule: { minCases: number; similarity: number; windowHours: number },
): Promise<number[] | null> {
  const copies = await tx.execute<Array<{ id: number; citizenId: number | null }>>(
    `with p as (select ${FINGERPRINT} as text from case_file c where c.id = ?)
     select c.id, c.citizen_id as "citizenId"
       from (select m.case_id from case_concern m
              where m.cluster_id = ? and m.campaign_id is null and m.case_id <> ?
              order by m.joined_at desc limit ${COPIES_LOOKED_AT}) m
       join case_file c on c.id = m.case_id, p
      where c.received_at > now() - make_interval(hours => ?)
        and similarity(${FINGERPRINT}, p.text) >= ?
      order by c.received_at desc`,
    [caseId, clusterId, caseId, rule.windowHours, rule.similarity],
  );
  const [self] = await tx.execute<Array<{ citizenId: number | null }>>(
    'select citizen_id as "citizenId" from case_file where id = ?',
    [caseId],
  );
  // People, not submissions: one citizen sending the same again is a repeat, and submissions
  // nobody can be told about (no contact at all) count as no one: a flood is not a campaign.
  const people = new Set([self, ...copies].flatMap((c) => (c?.citizenId != null ? [c.citizenId] : [])));
  return isCampaign(people.size, { campaignMinCases: rule.minCases }) ? copies.map((c) => c.id) : null;
}

async function addToCampaign(tx: EntityManager, campaignId: number, caseIds: number[]): Promise<void> {
  await tx.execute('update case_concern set campaign_id = ? where case_id in (?)', [campaignId, caseIds]);
  await tx.execute('update concern_campaign set size = size + ?, last_case_at = now() where id = ?', [
    caseIds.length,
    campaignId,
  ]);
}
