import { Migration } from '@mikro-orm/migrations';
import { FINAL_CASE_STATUSES } from '@caunoi/workflows';

const FINAL = FINAL_CASE_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * Similar open cases (duplicates across channels, the portal's "is it one of these?"): trigram
 * similarity (pg_trgm) on the unaccented words, among the open cases of the same commune (or
 * province), newest first. The two partial indexes find those candidates without reading the
 * closed history.
 */
export class Migration20261202040000_similar_cases extends Migration {
  override name = 'Migration20261202040000_similar_cases';

  override up(): void | Promise<void> {
    this.addSql('create extension if not exists pg_trgm;');
    this.addSql(
      `create index "case_file_open_commune_idx" on "case_file" ("commune_id", "received_at") where "status" not in (${FINAL});`,
    );
    this.addSql(
      `create index "case_file_open_province_idx" on "case_file" ("province_id", "received_at") where "status" not in (${FINAL});`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql('drop index "case_file_open_province_idx";');
    this.addSql('drop index "case_file_open_commune_idx";');
  }
}
