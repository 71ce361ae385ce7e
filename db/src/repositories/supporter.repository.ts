import type { EntityManager } from '@mikro-orm/postgresql';

/** A citizen who supports a case; with an address, they are told when it is answered. */
export async function addCaseSupporter(
  tx: EntityManager,
  caseId: number,
  supporter: { email: string | null; language: string },
): Promise<number> {
  const [row] = await tx.execute<Array<{ id: number }>>(
    'insert into case_supporter (case_id, email, language) values (?, ?, ?) returning id',
    [caseId, supporter.email, supporter.language],
  );
  return row!.id;
}

export interface SupporterToTell {
  id: number;
  email: string;
  language: string;
}

/**
 * The supporters with an address not yet told, marked told in the same statement (the caller's
 * transaction also queues their mail, so a rollback un-marks them).
 */
export async function takeSupportersToTell(tx: EntityManager, caseId: number): Promise<SupporterToTell[]> {
  // One mail per address, however often it supported the case.
  return tx.execute<SupporterToTell[]>(
    `with told as (
       update case_supporter set notified_at = now()
        where case_id = ? and email is not null and notified_at is null
        returning id, email, language)
     select distinct on (lower(email)) id, email, language from told order by lower(email), id`,
    [caseId],
  );
}

/** What a supporter is told back: the case's support count now, and whether their last support follows it. */
export async function findSupportReceipt(
  em: EntityManager,
  caseId: number,
): Promise<{ trackingCode: string; supportCount: number; following: boolean }> {
  const [row] = await em.execute<Array<{ trackingCode: string; supportCount: number; following: boolean | null }>>(
    `select c.tracking_code as "trackingCode", c.support_count as "supportCount",
            (select s.email is not null from case_supporter s where s.case_id = c.id order by s.id desc limit 1) as following
       from case_file c where c.id = ?`,
    [caseId],
  );
  return { trackingCode: row!.trackingCode, supportCount: row!.supportCount, following: row!.following === true };
}

/** A case merged into another, and how its citizen can be reached (named query). */
export interface MergedCaseToTell {
  caseId: number;
  channel: string;
  language: string;
  hasEmail: boolean;
  hasZalo: boolean;
}

/**
 * The cases merged into a case whose citizens can hear of its answer: each citizen follows the
 * master on their own case's channel (merging keeps provenance).
 */
export async function findMergedCasesToTell(em: EntityManager, masterId: number): Promise<MergedCaseToTell[]> {
  return em.execute<MergedCaseToTell[]>(
    `select c.id as "caseId", c.channel, c.language,
            (z.email is not null) as "hasEmail", coalesce(z.zalo_ids <> '{}'::jsonb, false) as "hasZalo"
       from case_file c join citizen z on z.id = c.citizen_id
      where c.duplicate_of_id = ? and c.status = 'merged'
      order by c.id`,
    [masterId],
  );
}
