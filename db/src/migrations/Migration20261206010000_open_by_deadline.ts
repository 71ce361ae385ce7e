import { Migration } from '@mikro-orm/migrations';

/** workflows' FINAL_CASE_STATUSES as they are today (a migration is frozen; db/test/schema.test.ts pins the two). */
const FINAL = `'closed', 'rejected', 'merged'`;

/**
 * Open cases in deadline order, with their unit and status, in place of the sweeper's index of
 * due dates (issue: national scale). A province supervisor's queue by deadline read every open case
 * of the province's units from the unit index and sorted them for a page of 25: 31,026 entries and
 * 38 ms for Hà Nội at 1,000,000 cases, ten times what it read at 100,000. Down this index the page
 * is the first 25 entries of the province's units (0.4 ms), the sweeper's claim reads the due ones
 * as before (`next_due_at <= now`), and case_file keeps the same number of indexes to update.
 */
export class Migration20261206010000_open_by_deadline extends Migration {
  override name = 'Migration20261206010000_open_by_deadline';

  override up(): void | Promise<void> {
    this.addSql(`create index "case_file_open_by_deadline_idx" on "case_file" ("next_due_at", "id")
      include ("owning_unit_id", "status") where "status" not in (${FINAL});`);
    this.addSql(`drop index if exists "case_file_next_due_idx";`);
  }

  override down(): void | Promise<void> {
    this.addSql(
      `create index "case_file_next_due_idx" on "case_file" ("next_due_at") where "next_due_at" is not null and "status" not in (${FINAL});`,
    );
    this.addSql(`drop index if exists "case_file_open_by_deadline_idx";`);
  }
}
