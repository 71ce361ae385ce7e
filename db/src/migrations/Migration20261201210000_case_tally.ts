import { Migration } from '@mikro-orm/migrations';

/** workflows' FINAL_CASE_STATUSES as they are today (a migration is frozen; db/test/tally.test.ts pins the two). */
const FINAL = `'closed', 'rejected', 'merged'`;
/** The running clock's deadline (db RUNNING_DUE_SQL, workflows runningDeadline), null unless a clock runs. */
const RUNNING_DUE = `(case c.status when 'triage' then c.transfer_due_at when 'routed' then least(c.accept_due_at, c.transfer_due_at) when 'inProgress' then c.resolve_due_at end)`;

/** The figures a case adds to its tallies, in the order of the tally columns (all integers). */
const FIGURES = `1,
      (c.status not in (${FINAL}))::int,
      (c.status in (${FINAL}))::int,
      (c.resolved_at is not null and c.resolve_due_at is not null)::int,
      (c.resolved_at is not null and c.resolve_due_at is not null and c.resolved_at <= c.resolve_due_at)::int,
      (c.status not in (${FINAL}) and c.escalation_level = 1)::int,
      (c.status not in (${FINAL}) and c.escalation_level = 2)::int,
      (c.status not in (${FINAL}) and c.escalation_level >= 3)::int,
      c.transfer_count,
      (c.resolved_at is not null or c.reopen_count > 0)::int,
      (c.reopen_count > 0)::int,
      (c.satisfaction is not null)::int,
      coalesce(c.satisfaction, 0)`;

/** The figures' columns of the tally tables (later migrations' tables of figures use the same). */
export const TALLY_COLUMNS = [
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
] as const;

/**
 * The deltas of a set of changed rows (`source`: rows of case_file with a `sign` column, +1 for a
 * row as it is now, −1 for the row it replaced), twice: per owning unit and per top unit
 * (province, ministry or agency: the third segment of the unit's path), per day of receipt in
 * Vietnam. Rows whose figures cancel out (a note, a reply) add nothing.
 */
function deltasOf(source: string, runningDue = RUNNING_DUE): string {
  const sums = TALLY_COLUMNS.map((_, i) => `sum(sign * g.f[${i + 1}])::int`).join(', ');
  const nonZero = TALLY_COLUMNS.map((_, i) => `sum(sign * g.f[${i + 1}]) <> 0`).join(' or ');
  // An open case whose clock runs counts once more, on the day of its running deadline (`odue`
  // per owning unit, `tdue` per top unit): the overdue figures of the summaries, by due day.
  const dueOnly = `array[1${',0'.repeat(TALLY_COLUMNS.length - 1)}]`;
  return `insert into case_tally_delta (grouping, unit_code, received_on, ${TALLY_COLUMNS.join(', ')})
      select g.grouping, g.unit_code, g.day, ${sums}
        from (select c.sign, ou.code as owner_code,
                     coalesce(nullif(split_part(ou.path, '/', 3), ''), ou.code) as top_code,
                     (c.received_at at time zone 'Asia/Ho_Chi_Minh')::date as received_on,
                     (${runningDue} at time zone 'Asia/Ho_Chi_Minh')::date as due_on,
                     array[${FIGURES}] as f
                from (${source}) c join org_unit ou on ou.id = c.owning_unit_id) x
        cross join lateral (values ('owner', x.owner_code, x.received_on, x.f), ('top', x.top_code, x.received_on, x.f),
                                   ('odue', x.owner_code, x.due_on, ${dueOnly}), ('tdue', x.top_code, x.due_on, ${dueOnly}))
                     as g(grouping, unit_code, day, f)
       where g.day is not null
       group by 1, 2, 3
      having ${nonZero}`;
}

/** Every column the figures, the unit and the days of a case's tallies are read from (FIGURES, deltasOf). */
export const TALLIED_COLUMNS = [
  'owning_unit_id',
  'received_at',
  'status',
  'resolved_at',
  'resolve_due_at',
  'transfer_due_at',
  'accept_due_at',
  'escalation_level',
  'transfer_count',
  'reopen_count',
  'satisfaction',
];

/** The rows of an update whose tallied columns changed: `side` as it is now (n) or as it was (o). */
function changedRows(side: 'n' | 'o'): string {
  const of = (alias: string) => `(${TALLIED_COLUMNS.map((c) => `${alias}.${c}`).join(', ')})`;
  return `select ${side === 'n' ? 1 : -1} as sign, ${side}.* from new_cases n join old_cases o on o.id = n.id
           where ${of('n')} is distinct from ${of('o')}`;
}

/**
 * The trigger function that adds a statement's differences to the tallies, for a running-deadline
 * expression (a later migration that adds a status with a running clock replaces it with its own).
 * With `changedOnly`, an update passes on only the rows whose tallied columns changed: a sweeper
 * batch of warnings, or an officer's note, then adds nothing without grouping every row twice.
 */
export function caseTallyTriggerFunction(runningDue: string, { changedOnly = false } = {}): string {
  const updated = changedOnly
    ? `${changedRows('n')} union all ${changedRows('o')}`
    : 'select 1 as sign, n.* from new_cases n union all select -1, o.* from old_cases o';
  return `create or replace function caunoi_case_tally() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${deltasOf('select 1 as sign, n.* from new_cases n', runningDue)};
        elsif tg_op = 'UPDATE' then
          ${deltasOf(updated, runningDue)};
        else
          ${deltasOf('select -1 as sign, o.* from old_cases o', runningDue)};
        end if;
        return null;
      end $$;`;
}

/** Every case as if it had just been inserted: what a recount starts from. */
export function caseTallyRecountFunction(runningDue: string): string {
  return `create or replace function caunoi_case_tally_recount() returns void language sql as $$
      ${deltasOf('select 1 as sign, c.* from case_file c', runningDue)} $$;`;
}

/**
 * Summaries that do not grow with history (issue: the national summary took 7.8 s at 1,000,000
 * cases). Each change to case_file adds the difference it makes to `case_tally_delta`, in the same
 * transaction, from a statement-level trigger (one insert per statement, whether it wrote one case
 * or a batch): append-only, so concurrent transactions never wait on a hot counter row. The
 * `foldCaseTallies` job folds the deltas into `case_tally`; readers add both, so figures are exact
 * at any moment. `recountCaseTallies` rebuilds everything from case_file (drift repair).
 */
export class Migration20261201210000_case_tally extends Migration {
  override name = 'Migration20261201210000_case_tally';

  override up(): void | Promise<void> {
    const cols = TALLY_COLUMNS.map((c) => `"${c}" int not null default 0`).join(', ');
    this.addSql(
      `create table "case_tally" ("grouping" varchar(5) not null, "unit_code" varchar(20) not null, "received_on" date not null, ${cols}, primary key ("grouping", "unit_code", "received_on"));`,
    );
    this.addSql(
      `create table "case_tally_delta" ("grouping" varchar(5) not null, "unit_code" varchar(20) not null, "received_on" date not null, ${cols});`,
    );
    // Readers look deltas up per unit; right after a fold the table is mostly dead rows until vacuumed.
    this.addSql(`create index "case_tally_delta_unit_idx" on "case_tally_delta" ("grouping", "unit_code");`);
    this.addSql(caseTallyTriggerFunction(RUNNING_DUE));
    this.addSql(`create trigger case_file_tally_insert after insert on case_file
      referencing new table as new_cases for each statement execute function caunoi_case_tally();`);
    this.addSql(`create trigger case_file_tally_update after update on case_file
      referencing old table as old_cases new table as new_cases for each statement execute function caunoi_case_tally();`);
    this.addSql(`create trigger case_file_tally_delete after delete on case_file
      referencing old table as old_cases for each statement execute function caunoi_case_tally();`);
    // Every case as if it had just been inserted: what a recount starts from.
    this.addSql(caseTallyRecountFunction(RUNNING_DUE));
    this.addSql(`select caunoi_case_tally_recount();`);
    this.addSql(`insert into case_tally select grouping, unit_code, received_on, ${TALLY_COLUMNS.map((c) => `sum(${c})`).join(', ')}
      from case_tally_delta group by 1, 2, 3;`);
    this.addSql(`delete from case_tally_delta;`);
    // The overdue part of a summary is read live: open cases by the deadline of their running clock.
    this.addSql(`create index "case_file_running_due_idx" on "case_file" ((case status when 'triage' then transfer_due_at when 'routed' then least(accept_due_at, transfer_due_at) when 'inProgress' then resolve_due_at end))
      where status in ('triage', 'routed', 'inProgress');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "case_file_running_due_idx";`);
    for (const op of ['insert', 'update', 'delete'])
      this.addSql(`drop trigger if exists case_file_tally_${op} on case_file;`);
    this.addSql(`drop function if exists caunoi_case_tally();`);
    this.addSql(`drop function if exists caunoi_case_tally_recount();`);
    this.addSql(`drop table if exists "case_tally_delta";`);
    this.addSql(`drop table if exists "case_tally";`);
  }
}
