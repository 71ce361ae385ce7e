import type { EntityManager } from '@mikro-orm/postgresql';
import { FINAL_CASE_STATUSES } from '@caunoi/workflows';

const FINAL = FINAL_CASE_STATUSES.map((s) => `'${s}'`).join(', ');
/** Candidates read per question: the newest open cases of the place. A burst beyond it is similar among itself anyway. */
const CANDIDATES = 2_000;

export interface SimilarCaseProbe {
  title: string;
  body: string;
  communeId: number | null;
  provinceId: number | null;
  /** The case asking (not its own duplicate). */
  excludeCaseId?: number | null;
  /** Only cases received in the last so many days. */
  withinDays?: number;
  /** Not this citizen's own cases (a chat offer never offers a citizen their own). */
  excludeCitizenId?: number | null;
  /** Only cases received before this one (what was already there when it was written). */
  receivedBefore?: Date | null;
}

export interface SimilarCaseRow {
  id: number;
  trackingCode: string;
  title: string;
  status: string;
  channel: string;
  supportCount: number;
  receivedAt: Date;
  owningUnitId: number;
  owningUnitCode: string;
  owningUnitName: string;
  owningUnitPath: string;
  sameCommune: boolean;
  titleSimilarity: number;
  bodySimilarity: number;
}

/**
 * Open cases like the probe (named query): the newest open cases of its commune, or of its
 * province when it names no commune (both from partial indexes), ranked by trigram similarity of
 * the unaccented title and the start of the body (pg_trgm). Only a suggestion: two neighbours
 * asking for and against the same thing read alike, and an officer decides.
 */
export async function findSimilarOpenCases(
  em: EntityManager,
  probe: SimilarCaseProbe,
  limit = 5,
): Promise<SimilarCaseRow[]> {
  if (probe.communeId === null && probe.provinceId === null) return [];
  const place = probe.communeId !== null ? 'c.commune_id = ?' : 'c.province_id = ?';
  return em.execute<SimilarCaseRow[]>(
    `with probe as (
       select caunoi_unaccent(lower(?)) as title, caunoi_unaccent(lower(left(?, 400))) as body
     ), candidates as (
       select c.id from case_file c
        where ${place} and c.status not in (${FINAL}) and c.status <> 'received'
          and c.received_at > now() - make_interval(days => ?) and c.id <> ?
          and c.citizen_id is distinct from ?::int and c.received_at <= coalesce(?::timestamptz, 'infinity')
        order by c.received_at desc limit ${CANDIDATES}
     )
     select c.id, c.tracking_code as "trackingCode", c.title, c.status, c.channel, c.support_count as "supportCount",
            c.received_at as "receivedAt", ou.id as "owningUnitId", ou.code as "owningUnitCode", ou.name_vi as "owningUnitName",
            ou.path as "owningUnitPath", (c.commune_id is not distinct from ?::int) as "sameCommune",
            similarity(caunoi_unaccent(lower(c.title)), p.title)::float8 as "titleSimilarity",
            similarity(caunoi_unaccent(lower(left(c.body, 400))), p.body)::float8 as "bodySimilarity"
       from candidates k join case_file c on c.id = k.id join org_unit ou on ou.id = c.owning_unit_id, probe p
      order by 0.6 * similarity(caunoi_unaccent(lower(c.title)), p.title)
             + 0.4 * similarity(caunoi_unaccent(lower(left(c.body, 400))), p.body) desc
      limit ?`,
    [
      probe.title,
      probe.body,
      probe.communeId ?? probe.provinceId,
      probe.withinDays ?? 90,
      probe.excludeCaseId ?? 0,
      probe.excludeCitizenId ?? null,
      probe.receivedBefore ?? null,
      probe.communeId,
      limit * 4,
    ],
  );
}
