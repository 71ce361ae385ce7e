import type { EntityManager } from '@mikro-orm/postgresql';

export interface SurgeRule {
  minCases: number;
  minProvinces: number;
  windowHours: number;
  /** How alike a case's title must be to a cluster's representative to join it. */
  similarity: number;
  /** Campaigns: so many near-identical texts (this alike) within so many hours. */
  campaignMinCases: number;
  campaignSimilarity: number;
  campaignWindowHours: number;
}

export async function loadSurgeRule(em: EntityManager): Promise<SurgeRule> {
  const [row] = await em.execute<SurgeRule[]>(
    `select min_cases as "minCases", min_provinces as "minProvinces", window_hours as "windowHours", similarity,
            campaign_min_cases as "campaignMinCases", campaign_similarity as "campaignSimilarity",
            campaign_window_hours as "campaignWindowHours"
       from concern_surge_rule where id = 1`,
  );
  return (
    row ?? {
      minCases: 20,
      minProvinces: 3,
      windowHours: 24,
      similarity: 0.45,
      campaignMinCases: 10,
      campaignSimilarity: 0.9,
      campaignWindowHours: 24,
    }
  );
}

/** Concerns without a case for 7 days can no longer be joined: out of the live index (housekeeping). */
export async function markDormantConcerns(em: EntityManager): Promise<number> {
  const rows = await em.execute<Array<{ id: number }>>(
    `update concern_cluster set dormant = true where not dormant and last_case_at < now() - interval '7 days' returning id`,
  );
  return rows.length;
}

/** Changes the surge rule (one row); the next assignment reads it. */
export async function saveSurgeRule(em: EntityManager, rule: SurgeRule): Promise<SurgeRule> {
  await em.execute(
    `insert into concern_surge_rule (id, min_cases, min_provinces, window_hours, similarity, campaign_min_cases,
       campaign_similarity, campaign_window_hours) values (1, ?, ?, ?, ?, ?, ?, ?)
     on conflict (id) do update set min_cases = excluded.min_cases, min_provinces = excluded.min_provinces,
       window_hours = excluded.window_hours, similarity = excluded.similarity,
       campaign_min_cases = excluded.campaign_min_cases, campaign_similarity = excluded.campaign_similarity,
       campaign_window_hours = excluded.campaign_window_hours`,
    [
      rule.minCases,
      rule.minProvinces,
      rule.windowHours,
      rule.similarity,
      rule.campaignMinCases,
      rule.campaignSimilarity,
      rule.campaignWindowHours,
    ],
  );
  return loadSurgeRule(em);
}

export interface ConcernAssignment {
  clusterId: number;
  created: boolean;
  similarity: number;
}

/**
 * Takes the right to assign cases to concerns until the transaction ends (assignments are one at
 * a time: two alike cases arriving together must not start two clusters), waiting for it at most
 * `waitMs`: false when another holder kept it longer, and the caller tries again later.
 */
export async function tryLockConcernAssignment(tx: EntityManager, waitMs = 0): Promise<boolean> {
  if (waitMs <= 0) {
    const [row] = await tx.execute<Array<{ locked: boolean }>>(
      `select pg_try_advisory_xact_lock(hashtext('caunoi:concern-clusters')) as locked`,
    );
    return row?.locked === true;
  }
  await tx.execute(`select set_config('lock_timeout', ?, true)`, [`${Math.round(waitMs)}ms`]);
  try {
    await tx.execute(`select pg_advisory_xact_lock(hashtext('caunoi:concern-clusters'))`);
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return false;
    throw error;
  }
  await tx.execute(`select set_config('lock_timeout', '0', true)`);
  return true;
}

/** The most alike active concern found for a case before the lock, and the newest concern there was then. */
export interface ConcernCandidate {
  caseId: number;
  nearest: { id: number; similarity: number } | null;
  /** Concerns after this id were made meanwhile: only they are looked at again under the lock. */
  seenUpTo: number;
}

/**
 * The expensive half of an assignment, without the lock (jobs run it side by side): the nearest
 * representatives by trigram distance (a GiST index scan in distance order), of which the most
 * alike still active in the 7 days before the case.
 */
export async function findConcernCandidate(em: EntityManager, caseId: number): Promise<ConcernCandidate> {
  const [seen] = await em.execute<Array<{ max: number | null }>>('select max(id) as max from concern_cluster');
  const [nearest] = await em.execute<Array<{ id: number; similarity: number }>>(
    `select k.id, (1 - (k.plain <-> p.title))::float8 as similarity
       from (select caunoi_unaccent(lower(title)) as title, received_at from case_file where id = ?) p,
            lateral (select id, plain, last_case_at from concern_cluster k where not k.dormant
                      order by k.plain <-> p.title limit 20) k
      where k.last_case_at > p.received_at - interval '7 days'
      order by similarity desc limit 1`,
    [caseId],
  );
  return { caseId, nearest: nearest ?? null, seenUpTo: seen?.max ?? 0 };
}

/**
 * Puts a case in the most alike cluster active in the last 7 days (trigram similarity of its
 * unaccented title with the cluster's representative), or in a new one it represents. The caller
 * holds `tryLockConcernAssignment`; with a candidate found before the lock, only the concerns made
 * since are compared again (a few, by id), so the lock is held briefly. A case already assigned
 * keeps its cluster.
 */
export async function assignCaseToConcern(
  tx: EntityManager,
  caseId: number,
  similarity: number,
  candidate?: ConcernCandidate,
): Promise<ConcernAssignment | null> {
  const [existing] = await tx.execute<Array<{ clusterId: number }>>(
    'select cluster_id as "clusterId" from case_concern where case_id = ?',
    [caseId],
  );
  if (existing) return null;
  const found = candidate ?? (await findConcernCandidate(tx, caseId));
  // `offset 0` keeps the few new concerns a range of the primary key, compared one by one.
  const [newer] = await tx.execute<Array<{ id: number; similarity: number }>>(
    `select k.id, (1 - (k.plain <-> p.title))::float8 as similarity
       from (select caunoi_unaccent(lower(title)) as title from case_file where id = ?) p,
            (select id, plain from concern_cluster where id > ? and not dormant offset 0) k
      order by similarity desc limit 1`,
    [caseId, found.seenUpTo],
  );
  const nearest = [found.nearest, newer].filter((x): x is { id: number; similarity: number } => !!x);
  const top = nearest.sort((a, b) => b.similarity - a.similarity)[0];
  const best = top && top.similarity >= similarity ? top : undefined;
  let clusterId: number;
  if (best) {
    clusterId = best.id;
    await tx.execute(
      `update concern_cluster k set size = size + 1, last_case_at = greatest(last_case_at, c.received_at)
         from case_file c where k.id = ? and c.id = ?`,
      [clusterId, caseId],
    );
  } else {
    const [created] = await tx.execute<Array<{ id: number }>>(
      `insert into concern_cluster (representative, plain, size, created_at, last_case_at)
       select title, caunoi_unaccent(lower(title)), 1, received_at, received_at from case_file where id = ? returning id`,
      [caseId],
    );
    clusterId = created!.id;
  }
  await tx.execute('insert into case_concern (case_id, cluster_id, similarity) values (?, ?, ?)', [
    caseId,
    clusterId,
    best?.similarity ?? 1,
  ]);
  // The province the case comes from, for the surge rule's count of provinces (concernWindowFigures).
  await tx.execute(
    `insert into concern_province (cluster_id, province_code, last_case_at)
     select ?, ${PROVINCE_OF_CASE}, c.received_at
       from case_file c join org_unit ou on ou.id = c.owning_unit_id left join org_unit pr on pr.id = c.province_id
      where c.id = ? and ${PROVINCE_OF_CASE} is not null
     on conflict (cluster_id, province_code) do update
        set last_case_at = greatest(concern_province.last_case_at, excluded.last_case_at)`,
    [clusterId, caseId],
  );
  return { clusterId, created: !best, similarity: best?.similarity ?? 1 };
}

/** A case's province: the one it names, else the province of the unit that owns it (a commune's, a province itself). */
const PROVINCE_OF_CASE = `coalesce(pr.code, case when ou.level in ('province', 'commune') then split_part(ou.path, '/', 3) end)`;

export interface ConcernWindowFigures {
  cases: number;
  provinces: number;
  surgedAt: Date | null;
}

/**
 * A cluster's cases received in the last `hours` (counted up to `countUpTo`, when given: the
 * surge rule needs to know only whether there are that many), and the provinces they come from
 * (the provinces whose latest case of the cluster is in the window, from `concern_province`).
 * Both cost what the rule asks, not what the concern holds: a member received in the window
 * joined it in the window too, so the walk down `case_concern (cluster_id, joined_at)` starts there.
 */
export async function concernWindowFigures(
  em: EntityManager,
  clusterId: number,
  hours: number,
  countUpTo?: number,
): Promise<ConcernWindowFigures> {
  const [row] = await em.execute<ConcernWindowFigures[]>(
    `select (select count(*) from (
               select 1 from case_concern m join case_file c on c.id = m.case_id
                where m.cluster_id = ? and m.joined_at > now() - make_interval(hours => ?)
                  and c.received_at > now() - make_interval(hours => ?)
                ${countUpTo === undefined ? '' : `limit ${Math.max(1, Math.floor(countUpTo))}`}) x)::int as cases,
            (select count(*) from concern_province
              where cluster_id = ? and last_case_at > now() - make_interval(hours => ?))::int as provinces,
            (select surged_at from concern_cluster where id = ?) as "surgedAt"`,
    [clusterId, hours, hours, clusterId, hours, clusterId],
  );
  return row ?? { cases: 0, provinces: 0, surgedAt: null };
}

/** Whether the cluster was marked as surging within the last `hours` (markConcernSurged would not mark it again). */
export async function concernSurgedWithin(em: EntityManager, clusterId: number, hours: number): Promise<boolean> {
  const rows = await em.execute<Array<{ id: number }>>(
    'select id from concern_cluster where id = ? and surged_at >= now() - make_interval(hours => ?)',
    [clusterId, hours],
  );
  return rows.length > 0;
}

/** Marks a surge once per window: true when this call marked it (the alert goes out once). */
export async function markConcernSurged(em: EntityManager, clusterId: number, hours: number): Promise<boolean> {
  const rows = await em.execute<Array<{ id: number }>>(
    `update concern_cluster set surged_at = now()
      where id = ? and (surged_at is null or surged_at < now() - make_interval(hours => ?)) returning id`,
    [clusterId, hours],
  );
  return rows.length > 0;
}

export interface ConcernRow {
  id: number;
  label: string | null;
  representative: string;
  leadUnit: { code: string; name: string } | null;
  size: number;
  last24h: number;
  previous24h: number;
  last7d: number;
  surgedAt: Date | null;
  lastCaseAt: Date;
  provinces: Array<{ code: string; name: string; cases: number }>;
  units: number;
  channels: Record<string, number>;
  categories: Record<string, number>;
  sampleTitles: string[];
  /** Cases received each of the last 14 days, oldest first. */
  daily: number[];
  /** Copy-paste campaigns inside it, and their copies (counted as support of each campaign's first case). */
  campaigns: number;
  campaignCopies: number;
}

/**
 * The concerns active in the last 7 days with at least `minSize` cases, fastest growing first
 * (cases in the last 24 h, then the last 7 days): size, growth, the provinces, units, channels
 * and categories their cases of the last 14 days span, a few titles (no citizen data), their
 * daily counts and campaigns. Each figure is one grouped pass over the recent members (through
 * `case_concern (cluster_id, joined_at)`), and only the listed concerns' members are read twice:
 * the list costs what the last fortnight holds, not what the years hold.
 */
export async function listConcerns(
  em: EntityManager,
  options: { minSize?: number; limit?: number; ids?: number[] } = {},
): Promise<ConcernRow[]> {
  return em.execute<ConcernRow[]>(
    `with active as (
       select k.id from concern_cluster k
        where not k.dormant and k.last_case_at > now() - interval '7 days' and k.size >= ?
          ${options.ids ? `and k.id = any(string_to_array(?, ',')::int[])` : ''}
     ), recent as (
       select m.cluster_id, c.id, c.title, c.channel, c.received_at, c.category_id, c.owning_unit_id, c.province_id
         from active a join case_concern m on m.cluster_id = a.id and m.joined_at > now() - interval '15 days'
         join case_file c on c.id = m.case_id
        where c.received_at > now() - interval '14 days'
     ), counts as (
       select cluster_id,
              count(*) filter (where received_at > now() - interval '24 hours')::int as last24h,
              count(*) filter (where received_at <= now() - interval '24 hours'
                                 and received_at > now() - interval '48 hours')::int as previous24h,
              count(*) filter (where received_at > now() - interval '7 days')::int as last7d
         from recent group by cluster_id
     ), listed as (
       select k.*, coalesce(n.last24h, 0) as last24h, coalesce(n.previous24h, 0) as previous24h,
              coalesce(n.last7d, 0) as last7d
         from active a join concern_cluster k on k.id = a.id left join counts n on n.cluster_id = a.id
        order by coalesce(n.last24h, 0) desc, coalesce(n.last7d, 0) desc, k.last_case_at desc
        limit ?
     ), members as (
       select r.cluster_id, r.title, r.channel, r.received_at, r.owning_unit_id, cat.code as category,
              ${PROVINCE_OF_CASE} as province_code
         from recent r join listed l on l.id = r.cluster_id
         join org_unit ou on ou.id = r.owning_unit_id
         left join org_unit pr on pr.id = r.province_id
         left join category cat on cat.id = r.category_id
     ), by_province as (
       select cluster_id, province_code, count(*)::int as n from members where province_code is not null group by 1, 2
     ), by_channel as (
       select cluster_id, channel, count(*)::int as n from members group by 1, 2
     ), by_category as (
       select cluster_id, category, count(*)::int as n from members where category is not null group by 1, 2
     ), by_day as (
       select cluster_id, date_trunc('day', received_at) as d, count(*)::int as n from members group by 1, 2
     ), units as (
       select cluster_id, count(distinct owning_unit_id)::int as n from members group by 1
     ), samples as (
       select cluster_id, title, row_number() over (partition by cluster_id order by received_at desc) as k from members
     )
     select l.id, l.label, l.representative, l.size, l.surged_at as "surgedAt", l.last_case_at as "lastCaseAt",
            case when lu.id is null then null else json_build_object('code', lu.code, 'name', lu.name_vi) end as "leadUnit",
            l.last24h as "last24h", l.previous24h as "previous24h", l.last7d as "last7d",
            (select coalesce(json_agg(json_build_object('code', p.province_code, 'name', pu.name_vi, 'cases', p.n) order by p.n desc), '[]')
               from by_province p left join org_unit pu on pu.code = p.province_code and pu.level = 'province' and pu.valid_to is null
              where p.cluster_id = l.id) as provinces,
            coalesce((select n from units u where u.cluster_id = l.id), 0) as units,
            (select coalesce(json_object_agg(ch.channel, ch.n), '{}') from by_channel ch where ch.cluster_id = l.id) as channels,
            (select coalesce(json_object_agg(cg.category, cg.n), '{}') from by_category cg where cg.cluster_id = l.id) as categories,
            (select count(*) from concern_campaign g where g.cluster_id = l.id)::int as campaigns,
            (select coalesce(sum(g.size - 1), 0) from concern_campaign g where g.cluster_id = l.id)::int as "campaignCopies",
            (select coalesce(json_agg(t.title order by t.k), '[]') from samples t where t.cluster_id = l.id and t.k <= 3) as "sampleTitles",
            (select array_agg(coalesce((select n from by_day b where b.cluster_id = l.id and b.d = g.d), 0) order by g.d)
               from generate_series(date_trunc('day', now()) - interval '13 days', date_trunc('day', now()), interval '1 day') g(d)) as daily
       from listed l left join org_unit lu on lu.id = l.lead_unit_id
      order by l.last24h desc, l.last7d desc, l.last_case_at desc`,
    [options.minSize ?? 2, ...(options.ids ? [options.ids.join(',')] : []), options.limit ?? 50],
  );
}

/** The cases behind a concern, newest first (ids, for the list's own DTO). */
export async function findConcernCaseIds(em: EntityManager, clusterId: number, limit = 200): Promise<number[]> {
  const rows = await em.execute<Array<{ id: number }>>(
    `select c.id from case_concern m join case_file c on c.id = m.case_id where m.cluster_id = ?
      order by c.received_at desc limit ?`,
    [clusterId, limit],
  );
  return rows.map((r) => r.id);
}

export async function updateConcern(
  em: EntityManager,
  clusterId: number,
  change: { label: string | null; leadUnitId: number | null },
): Promise<boolean> {
  const rows = await em.execute<Array<{ id: number }>>(
    'update concern_cluster set label = ?, lead_unit_id = ? where id = ? returning id',
    [change.label, change.leadUnitId, clusterId],
  );
  return rows.length > 0;
}
