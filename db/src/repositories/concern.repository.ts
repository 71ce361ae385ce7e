import type { EntityManager } from '@mikro-orm/postgresql';

export interface SurgeRule {
  minCases: number;
  minProvinces: number;
  windowHours: number;
  /** How alike a case's title must be to a cluster's representative to join it. */
  similarity: number;
}

export async function loadSurgeRule(em: EntityManager): Promise<SurgeRule> {
  const [row] = await em.execute<SurgeRule[]>(
    `select min_cases as "minCases", min_provinces as "minProvinces", window_hours as "windowHours", similarity
       from concern_surge_rule where id = 1`,
  );
  return row ?? { minCases: 20, minProvinces: 3, windowHours: 24, similarity: 0.45 };
}

/** Changes the surge rule (one row); the next assignment reads it. */
export async function saveSurgeRule(em: EntityManager, rule: SurgeRule): Promise<SurgeRule> {
  await em.execute(
    `insert into concern_surge_rule (id, min_cases, min_provinces, window_hours, similarity) values (1, ?, ?, ?, ?)
     on conflict (id) do update set min_cases = excluded.min_cases, min_provinces = excluded.min_provinces,
       window_hours = excluded.window_hours, similarity = excluded.similarity`,
    [rule.minCases, rule.minProvinces, rule.windowHours, rule.similarity],
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

/**
 * Puts a case in the most alike cluster active in the last 7 days (trigram similarity of its
 * unaccented title with the cluster's representative, through the trigram index), or in a new one
 * it represents. The caller holds `tryLockConcernAssignment`. A case already assigned keeps its cluster.
 */
export async function assignCaseToConcern(
  tx: EntityManager,
  caseId: number,
  similarity: number,
): Promise<ConcernAssignment | null> {
  const [existing] = await tx.execute<Array<{ clusterId: number }>>(
    'select cluster_id as "clusterId" from case_concern where case_id = ?',
    [caseId],
  );
  if (existing) return null;
  // The nearest representatives by trigram distance (a GiST index scan in distance order), of
  // which the most alike still active; it counts only above the threshold.
  const [nearest] = await tx.execute<Array<{ id: number; similarity: number }>>(
    `select k.id, (1 - (k.plain <-> p.title))::float8 as similarity
       from (select caunoi_unaccent(lower(title)) as title, received_at from case_file where id = ?) p,
            lateral (select id, plain, last_case_at from concern_cluster k order by k.plain <-> p.title limit 20) k
      where k.last_case_at > p.received_at - interval '7 days'
      order by similarity desc limit 1`,
    [caseId],
  );
  const best = nearest && nearest.similarity >= similarity ? nearest : undefined;
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
  return { clusterId, created: !best, similarity: best?.similarity ?? 1 };
}

/** A case's province: the one it names, else the province of the unit that owns it (a commune's, a province itself). */
const PROVINCE_OF_CASE = `coalesce(pr.code, case when ou.level in ('province', 'commune') then split_part(ou.path, '/', 3) end)`;

export interface ConcernWindowFigures {
  cases: number;
  provinces: number;
  surgedAt: Date | null;
}

/** A cluster's cases received in the last `hours`, and the provinces they come from. */
export async function concernWindowFigures(
  em: EntityManager,
  clusterId: number,
  hours: number,
): Promise<ConcernWindowFigures> {
  const [row] = await em.execute<ConcernWindowFigures[]>(
    `select count(c.id)::int as cases, count(distinct ${PROVINCE_OF_CASE})::int as provinces,
            (select surged_at from concern_cluster where id = ?) as "surgedAt"
       from case_concern m join case_file c on c.id = m.case_id
       join org_unit ou on ou.id = c.owning_unit_id left join org_unit pr on pr.id = c.province_id
      where m.cluster_id = ? and c.received_at > now() - make_interval(hours => ?)`,
    [clusterId, clusterId, hours],
  );
  return row ?? { cases: 0, provinces: 0, surgedAt: null };
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
}

/**
 * The concerns active in the last 7 days with at least `minSize` cases, fastest growing first
 * (cases in the last 24 h, then the last 7 days): size, growth, the provinces, units, channels
 * and categories they span, a few titles (no citizen data), and their daily counts.
 */
export async function listConcerns(
  em: EntityManager,
  options: { minSize?: number; limit?: number; ids?: number[] } = {},
): Promise<ConcernRow[]> {
  return em.execute<ConcernRow[]>(
    `with active as (
       select k.* from concern_cluster k
        where k.last_case_at > now() - interval '7 days' and k.size >= ?
          ${options.ids ? `and k.id = any(string_to_array(?, ',')::int[])` : ''}
     ), members as (
       select m.cluster_id, c.id, c.title, c.channel, c.received_at, cat.code as category,
              ${PROVINCE_OF_CASE} as province_code, c.owning_unit_id
         from active a join case_concern m on m.cluster_id = a.id join case_file c on c.id = m.case_id
         join org_unit ou on ou.id = c.owning_unit_id
         left join org_unit pr on pr.id = c.province_id
         left join category cat on cat.id = c.category_id
     )
     select a.id, a.label, a.representative, a.size, a.surged_at as "surgedAt", a.last_case_at as "lastCaseAt",
            case when lu.id is null then null else json_build_object('code', lu.code, 'name', lu.name_vi) end as "leadUnit",
            (select count(*) from members x where x.cluster_id = a.id and x.received_at > now() - interval '24 hours')::int as "last24h",
            (select count(*) from members x where x.cluster_id = a.id and x.received_at <= now() - interval '24 hours'
                and x.received_at > now() - interval '48 hours')::int as "previous24h",
            (select count(*) from members x where x.cluster_id = a.id and x.received_at > now() - interval '7 days')::int as "last7d",
            (select coalesce(json_agg(json_build_object('code', p.province_code, 'name', pu.name_vi, 'cases', p.n) order by p.n desc), '[]')
               from (select province_code, count(*)::int as n from members x
                      where x.cluster_id = a.id and x.province_code is not null group by 1) p
               left join org_unit pu on pu.code = p.province_code and pu.level = 'province' and pu.valid_to is null) as provinces,
            (select count(distinct owning_unit_id) from members x where x.cluster_id = a.id)::int as units,
            (select coalesce(json_object_agg(ch.channel, ch.n), '{}') from (select channel, count(*)::int as n from members x
                where x.cluster_id = a.id group by 1) ch) as channels,
            (select coalesce(json_object_agg(cg.category, cg.n), '{}') from (select category, count(*)::int as n from members x
                where x.cluster_id = a.id and x.category is not null group by 1) cg) as categories,
            (select coalesce(json_agg(t.title), '[]') from (select title from members x where x.cluster_id = a.id
                order by received_at desc limit 3) t) as "sampleTitles",
            (select array_agg((select count(*) from members x where x.cluster_id = a.id
                and x.received_at >= d and x.received_at < d + interval '1 day')::int order by d)
               from generate_series(date_trunc('day', now()) - interval '13 days', date_trunc('day', now()), interval '1 day') d) as daily
       from active a left join org_unit lu on lu.id = a.lead_unit_id
      order by "last24h" desc, "last7d" desc, a.last_case_at desc
      limit ?`,
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
