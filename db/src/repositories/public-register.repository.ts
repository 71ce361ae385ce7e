import type { EntityManager } from '@mikro-orm/postgresql';
import { escapeLike } from './case-scope-sql';
import { SqlConditions } from './sql-conditions';
import { TALLY_SUMS } from './tally.repository';

/**
 * The public register (migration `public_register`): answers the unit head published, masked and
 * reviewed. Every query here reads `public_answer` (and units, categories), never the case or its
 * citizen: nothing personal can reach a public page through these.
 */

export interface PublicAnswerInsert {
  caseId: number;
  unitId: number;
  provinceId: number | null;
  communeId: number | null;
  categoryId: number | null;
  legalTrack: string;
  title: string;
  question: string;
  answer: string;
  basis: 'consent' | 'publicInterest';
  receivedAt: Date;
  answeredAt: Date;
  workingDays: number;
  onTime: boolean | null;
  publishedAt: Date;
  publishedById: number | null;
}

/** Adds an entry (the case's live one: a second is refused by the partial unique index). */
export async function insertPublicAnswer(em: EntityManager, row: PublicAnswerInsert): Promise<number> {
  const [inserted] = await em.execute<Array<{ id: number }>>(
    `insert into public_answer (case_id, unit_id, province_id, commune_id, category_id, legal_track, title, question,
       answer, basis, received_at, answered_at, working_days, on_time, published_at, published_by_id, document)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, caunoi_case_search_document(?, ? || ' ' || ?))
     returning id`,
    [
      row.caseId,
      row.unitId,
      row.provinceId,
      row.communeId,
      row.categoryId,
      row.legalTrack,
      row.title,
      row.question,
      row.answer,
      row.basis,
      row.receivedAt,
      row.answeredAt,
      row.workingDays,
      row.onTime,
      row.publishedAt,
      row.publishedById,
      row.title,
      row.question,
      row.answer,
    ],
  );
  return inserted!.id;
}

/** Takes a case's entry out of the register (kept, marked withdrawn). Returns its id, or null if none was live. */
export async function withdrawPublicAnswer(
  em: EntityManager,
  caseId: number,
  reason: string,
  at: Date,
): Promise<number | null> {
  const rows = await em.execute<Array<{ id: number }>>(
    `update public_answer set withdrawn_at = ?, withdrawn_reason = ? where case_id = ? and withdrawn_at is null returning id`,
    [at, reason, caseId],
  );
  return rows[0]?.id ?? null;
}

export interface PublicAnswerRow {
  id: number;
  title: string;
  question: string;
  answer: string;
  basis: 'consent' | 'publicInterest';
  legalTrack: string;
  receivedAt: Date;
  answeredAt: Date;
  publishedAt: Date;
  workingDays: number;
  onTime: boolean | null;
  unitCode: string;
  unitNameVi: string;
  unitNameEn: string;
  provinceCode: string | null;
  provinceNameVi: string | null;
  provinceNameEn: string | null;
  communeNameVi: string | null;
  communeNameEn: string | null;
  categoryCode: string | null;
  categoryNameVi: string | null;
  categoryNameEn: string | null;
}

const ENTRY_COLUMNS = `pa.id, pa.title, pa.question, pa.answer, pa.basis, pa.legal_track as "legalTrack",
  pa.received_at as "receivedAt", pa.answered_at as "answeredAt", pa.published_at as "publishedAt",
  pa.working_days as "workingDays", pa.on_time as "onTime",
  u.code as "unitCode", u.name_vi as "unitNameVi", u.name_en as "unitNameEn",
  pr.code as "provinceCode", pr.name_vi as "provinceNameVi", pr.name_en as "provinceNameEn",
  co.name_vi as "communeNameVi", co.name_en as "communeNameEn",
  cat.code as "categoryCode", cat.name_vi as "categoryNameVi", cat.name_en as "categoryNameEn"`;

const ENTRY_JOINS = `join org_unit u on u.id = pa.unit_id
  left join org_unit pr on pr.id = pa.province_id
  left join org_unit co on co.id = pa.commune_id
  left join category cat on cat.id = pa.category_id`;

/** The case's live entry, if it is in the register now. */
export async function findLivePublicAnswerOfCase(em: EntityManager, caseId: number): Promise<PublicAnswerRow | null> {
  const [row] = await em.execute<PublicAnswerRow[]>(
    `select ${ENTRY_COLUMNS} from public_answer pa ${ENTRY_JOINS} where pa.case_id = ? and pa.withdrawn_at is null`,
    [caseId],
  );
  return row ?? null;
}

/** One live entry by its register id (a withdrawn one is not found: it left the register). */
export async function findPublicAnswer(em: EntityManager, id: number): Promise<PublicAnswerRow | null> {
  const [row] = await em.execute<PublicAnswerRow[]>(
    `select ${ENTRY_COLUMNS} from public_answer pa ${ENTRY_JOINS} where pa.id = ? and pa.withdrawn_at is null`,
    [id],
  );
  return row ?? null;
}

export interface RegisterFilter {
  provinceCode?: string;
  communeCode?: string;
  /** A unit and the units below it (a feed, a ministry's page). */
  unitCode?: string;
  categoryCode?: string;
  /** Published on or after / before (exclusive). */
  from?: Date;
  to?: Date;
  q?: string;
}

/** A page of the register, newest first, with a total counted up to `countCap` (then "more than"). */
export async function findPublicAnswerPage(
  em: EntityManager,
  filter: RegisterFilter,
  range: { offset: number; limit: number; countCap: number },
): Promise<{ rows: PublicAnswerRow[]; total: number; totalExact: boolean }> {
  const where = new SqlConditions()
    .add('pa.withdrawn_at is null')
    .addIf(!!filter.provinceCode, 'pa.province_id = (select id from org_unit where code = ?)', filter.provinceCode)
    .addIf(!!filter.communeCode, 'pa.commune_id = (select id from org_unit where code = ?)', filter.communeCode)
    .addIf(
      !!filter.unitCode,
      `pa.unit_id in (select id from org_unit where path like (select path from org_unit where code = ?) || '%')`,
      filter.unitCode,
    )
    .addIf(!!filter.categoryCode, 'pa.category_id = (select id from category where code = ?)', filter.categoryCode)
    .addIf(!!filter.from, 'pa.published_at >= ?', filter.from)
    .addIf(!!filter.to, 'pa.published_at < ?', filter.to)
    .addIf(!!filter.q?.trim(), `pa.document @@ plainto_tsquery('simple', caunoi_unaccent(?))`, filter.q?.trim());
  const [rows, counted] = await Promise.all([
    em.execute<PublicAnswerRow[]>(
      `select ${ENTRY_COLUMNS} from (
         select pa.id from public_answer pa where ${where.sql} order by pa.published_at desc, pa.id desc limit ? offset ?) page
       join public_answer pa on pa.id = page.id ${ENTRY_JOINS}
       order by pa.published_at desc, pa.id desc`,
      [...where.params, range.limit, range.offset],
    ),
    em.execute<Array<{ n: number }>>(
      `select count(*)::int as n from (select 1 from public_answer pa where ${where.sql} limit ?) capped`,
      [...where.params, range.countCap + 1],
    ),
  ]);
  const n = counted[0]?.n ?? 0;
  return { rows, total: Math.min(n, range.countCap), totalExact: n <= range.countCap };
}

export interface UnitPublicFigures {
  unitCode: string;
  unitNameVi: string;
  unitNameEn: string;
  received: number;
  answered: number;
  answeredWithDeadline: number;
  answeredOnTime: number;
  rated: number;
  satisfactionSum: number;
  /** Answers in the period with their time from receipt, less the time waiting for the citizen. */
  timed: number;
  averageDays: number | null;
}

/**
 * The public figures of the units below `parentCode` (the country: its provinces, ministries and
 * agencies; a province: its communes and itself), for cases received since `since`: received and
 * answered from the tallies (grouping by top unit for the country), the average time from the
 * answers' own index. Ordered by name: the register shows figures, never a ranking.
 */
export async function findUnitPublicFigures(
  em: EntityManager,
  parentCode: string,
  since: Date,
  sinceDay: string,
): Promise<UnitPublicFigures[]> {
  const [parent] = await em.execute<Array<{ path: string; depth: number }>>(
    `select path, array_length(string_to_array(trim(both '/' from path), '/'), 1) as depth from org_unit where code = ?`,
    [parentCode],
  );
  if (!parent) return [];
  // The country: one row per top unit, its whole subtree summed by the top-unit tallies.
  const national = parent.depth === 1;
  const units = national
    ? `select id, code, name_vi, name_en, path from org_unit where path like ? and path not like ? and valid_to is null`
    : `select id, code, name_vi, name_en, path from org_unit where (path = ? or (path like ? and path not like ?)) and valid_to is null`;
  const unitParams = national
    ? [`${escapeLike(parent.path)}%/`, `${escapeLike(parent.path)}%/%/`]
    : [parent.path, `${escapeLike(parent.path)}%/`, `${escapeLike(parent.path)}%/%/`];
  const grouping = national ? 'top' : 'owner';
  // The time an answer took: one grouped pass over the period's answers (by top unit for the country).
  const timed = national
    ? `select split_part(ou.path, '/', 3) as code, count(*) as timed,
              avg(extract(epoch from (c.resolved_at - c.received_at)) - c.paused_seconds) as seconds
         from case_file c join org_unit ou on ou.id = c.owning_unit_id
        where c.resolved_at is not null and c.received_at >= ? group by 1`
    : `select ou.code, count(*) as timed, avg(extract(epoch from (c.resolved_at - c.received_at)) - c.paused_seconds) as seconds
         from case_file c join w ou on ou.id = c.owning_unit_id
        where c.resolved_at is not null and c.received_at >= ? group by 1`;
  return em.execute<UnitPublicFigures[]>(
    `with w as (${units}), d as (${timed})
     select w.code as "unitCode", w.name_vi as "unitNameVi", w.name_en as "unitNameEn",
            coalesce(f.received, 0) as received, coalesce(f.answered, 0) as answered,
            coalesce(f."answeredWithDeadline", 0) as "answeredWithDeadline", coalesce(f."answeredOnTime", 0) as "answeredOnTime",
            coalesce(f.rated, 0) as rated, coalesce(f."satisfactionSum", 0) as "satisfactionSum",
            coalesce(d.timed, 0)::int as timed, round((d.seconds / 86400)::numeric, 1)::float as "averageDays"
       from w
       left join lateral (
         select ${TALLY_SUMS} from (
           select * from case_tally where grouping = '${grouping}' and unit_code = w.code
           union all select * from case_tally_delta where grouping = '${grouping}' and unit_code = w.code) t
          where t.received_on >= ?::date) f on true
       left join d on d.code = w.code
      order by w.name_vi`,
    [...unitParams, since, sinceDay],
  );
}

/**
 * The answer that went out on a case: its last outbound message under the answer's subject that
 * was not a draft nor sent back (workflows' ANSWER_SUBJECT), for the head to publish.
 */
export async function findAnswerThatWentOut(
  em: EntityManager,
  caseId: number,
  answerSubject: string,
): Promise<{ id: number; body: string; at: Date } | null> {
  const [row] = await em.execute<Array<{ id: number; body: string; at: Date }>>(
    `select id, body, created_at as at from case_message
      where case_id = ? and direction = 'outbound' and subject = ? and delivery_status not in ('draft', 'returned')
      order by id desc limit 1`,
    [caseId, answerSubject],
  );
  return row ?? null;
}
