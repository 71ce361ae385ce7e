import { Migration } from '@mikro-orm/migrations';
import { TALLY_COLUMNS as COLUMNS } from './Migration20261201210000_case_tally';

/**
 * All-time totals of every tally grouping per unit, beside the per-day tallies (issue: national
 * scale). A summary over all of history (the default view, a province by unit) added up every day
 * of every unit, and its overdue part every day of every open case's running deadline: a unit's
 * rows grow with the days it has had cases (Hà Nội by unit at 1,000,000 cases: 2.1–2.7 × its time
 * at 100,000; 7,086 due-day rows). The fold keeps these rows in the statement that folds the
 * deltas into the day tallies, so a change costs the writing transaction nothing more; readers add
 * the unfolded deltas, as they do for the day tallies.
 */
export class Migration20261206000000_tally_totals extends Migration {
  override name = 'Migration20261206000000_tally_totals';

  override up(): void | Promise<void> {
    const cols = COLUMNS.map((c) => `"${c}" int not null default 0`).join(', ');
    this.addSql(
      `create table "case_tally_total" ("grouping" varchar(5) not null, "unit_code" varchar(20) not null, ${cols}, primary key ("grouping", "unit_code"));`,
    );
    // The deltas not folded yet stay deltas: the next fold adds them to both.
    this.addSql(`insert into case_tally_total (grouping, unit_code, ${COLUMNS.join(', ')})
      select grouping, unit_code, ${COLUMNS.map((c) => `sum(${c})`).join(', ')}
        from case_tally group by 1, 2;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "case_tally_total";`);
  }
}
