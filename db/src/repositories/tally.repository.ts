import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The case tallies (migration `case_tally`): per owning unit and per top unit (province, ministry,
 * agency), per day of receipt in Vietnam, the figures of the Government Office summary. Triggers
 * on case_file append each change's difference to `case_tally_delta` in the changing transaction;
 * these named queries fold the deltas and rebuild the whole (drift repair).
 */

export const TALLY_SUMS = `sum(t.received)::int as received, sum(t.open)::int as open, sum(t.closed)::int as closed,
  sum(t.answered_with_deadline)::int as "answeredWithDeadline", sum(t.answered_on_time)::int as "answeredOnTime",
  sum(t.level1)::int as level1, sum(t.level2)::int as level2, sum(t.level3)::int as level3,
  sum(t.transfers)::int as transfers, sum(t.answered)::int as answered, sum(t.reopened)::int as reopened,
  sum(t.rated)::int as rated, sum(t.satisfaction_sum)::int as "satisfactionSum"`;

const COLUMNS = [
  'received',
  'open',
  'closed',
  'answered_with_deadline',
  'answered_on_time',
  'level1',
  'level2',
  'level3',
  'transfers',
  'answered',
  'reopened',
  'rated',
  'satisfaction_sum',
];

/** Only provinces, ministries and agencies (and the Government Office itself) have top-unit rows. */
function unitsOf(grouping: 'owner' | 'top' | 'odue' | 'tdue'): string {
  return grouping === 'top' || grouping === 'tdue'
    ? `(select * from org_unit where path not like '/%/%/%/%') ou`
    : 'org_unit ou';
}

/**
 * Each unit (`ou`, org_unit) with its tallies and the deltas not folded yet, as `t` (readers always
 * add both: exact at any moment). Per unit through the primary key: a province's view reads its
 * own units' rows, never the whole table (measured at 1,000,000 cases: 90 → 23 ms).
 */
export function tallyOfUnits(grouping: 'owner' | 'top' | 'odue' | 'tdue'): string {
  return `${unitsOf(grouping)} cross join lateral (
            select * from case_tally where grouping = '${grouping}' and unit_code = ou.code
            union all select * from case_tally_delta where grouping = '${grouping}' and unit_code = ou.code) t`;
}

/**
 * Each unit with its all-time total and the deltas not folded yet, as `t`: what a view over all of
 * history reads, one row per unit (plus its recent deltas) however many days the unit has had cases
 * (for `odue`/`tdue`: the open cases by running deadline, whatever the day).
 * `t` has the unit's code and the figures, and no day.
 */
export function tallyTotalOfUnits(grouping: 'owner' | 'top' | 'odue' | 'tdue'): string {
  const figures = ['unit_code', ...COLUMNS].join(', ');
  return `${unitsOf(grouping)} cross join lateral (
            select ${figures} from case_tally_total where grouping = '${grouping}' and unit_code = ou.code
            union all select ${figures} from case_tally_delta where grouping = '${grouping}' and unit_code = ou.code) t`;
}

const SUM_COLUMNS = COLUMNS.map((c) => `sum(${c})`).join(', ');
const ADD_EXCLUDED = (table: string) => COLUMNS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');

/**
 * Folds the deltas into the day tallies and the all-time totals in one statement: the rows deleted
 * are exactly those folded, so a concurrent fold or writer loses nothing, and a reader sees every
 * delta in the tallies or still a delta, never both. Returns how many deltas were folded.
 */
export async function foldCaseTallies(em: EntityManager): Promise<number> {
  const rows = await em.execute<Array<{ folded: number }>>(
    `with moved as (delete from case_tally_delta returning *),
          by_day as (
            insert into case_tally (grouping, unit_code, received_on, ${COLUMNS.join(', ')})
            select grouping, unit_code, received_on, ${SUM_COLUMNS} from moved group by 1, 2, 3
            on conflict (grouping, unit_code, received_on) do update set ${ADD_EXCLUDED('case_tally')}
            returning 1),
          all_time as (
            insert into case_tally_total (grouping, unit_code, ${COLUMNS.join(', ')})
            select grouping, unit_code, ${SUM_COLUMNS} from moved group by 1, 2
            on conflict (grouping, unit_code) do update set ${ADD_EXCLUDED('case_tally_total')}
            returning 1)
     select (select count(*) from moved)::int as folded`,
  );
  return rows[0]?.folded ?? 0;
}

/**
 * Rebuilds the tallies and totals from case_file (drift repair: a unit moved to another province, a trigger
 * disabled by hand). Runs in a repeatable-read transaction of its own: the deltas it deletes are
 * exactly those its snapshot of case_file already contains; later ones stay to be folded.
 */
export async function recountCaseTallies(em: EntityManager): Promise<void> {
  await em.transactional(
    async (tx) => {
      await tx.execute(`delete from case_tally_delta`);
      await tx.execute(`delete from case_tally`);
      await tx.execute(`delete from case_tally_total`);
      // The insert trigger's own figures, by replaying every case as if it had just been inserted.
      await tx.execute(`select caunoi_case_tally_recount()`);
      await foldCaseTallies(tx);
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ },
  );
}
