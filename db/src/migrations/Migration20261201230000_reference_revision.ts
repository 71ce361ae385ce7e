import { Migration } from '@mikro-orm/migrations';

/**
 * A revision number of the reference data that routes a submission (units, categories, routing
 * rules, the pre-2025 place map), raised by a statement-level trigger in the transaction of every
 * change. Intake keeps that data in memory and reads only this number per group of submissions:
 * routing one submission read three tables before (three round trips), and any instance sees an
 * administrator's edit from the first group that starts after its commit.
 */
export class Migration20261201230000_reference_revision extends Migration {
  override name = 'Migration20261201230000_reference_revision';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "reference_revision" ("id" smallint primary key default 1 check ("id" = 1), "revision" bigint not null);`,
    );
    this.addSql(`insert into "reference_revision" ("id", "revision") values (1, 1);`);
    this.addSql(`create or replace function caunoi_bump_reference_revision() returns trigger language plpgsql as $$
begin
  update reference_revision set revision = revision + 1 where id = 1;
  return null;
end $$;`);
    for (const table of REFERENCE_TABLES)
      this.addSql(
        `create trigger "${table}_reference_revision" after insert or update or delete or truncate on "${table}" for each statement execute function caunoi_bump_reference_revision();`,
      );
  }

  override down(): void | Promise<void> {
    for (const table of REFERENCE_TABLES)
      this.addSql(`drop trigger if exists "${table}_reference_revision" on "${table}";`);
    this.addSql(`drop function if exists caunoi_bump_reference_revision();`);
    this.addSql(`drop table if exists "reference_revision";`);
  }
}

const REFERENCE_TABLES = ['org_unit', 'category', 'routing_rule', 'legacy_place'];
