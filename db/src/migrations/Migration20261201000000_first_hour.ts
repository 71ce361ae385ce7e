import { Migration } from '@mikro-orm/migrations';

/**
 * Legal bases are cited in Vietnamese, with an English translation beside them. The texts stored
 * so far were English: they become the translation until the reference data is loaded again.
 * Cases keep the answer date their citizen was told at receipt.
 */
export class Migration20261201000000_first_hour extends Migration {
  override name = 'Migration20261201000000_first_hour';

  override up(): void | Promise<void> {
    this.addSql(`alter table "sla_rule" add "source_en" text not null default '';`);
    this.addSql(`alter table "calendar_day" add "source_en" text not null default '';`);
    this.addSql(`update "sla_rule" set "source_en" = "source";`);
    this.addSql(`update "calendar_day" set "source_en" = "source";`);
    this.addSql(`alter table "case_file" add "expected_answer_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sla_rule" drop column "source_en";`);
    this.addSql(`alter table "calendar_day" drop column "source_en";`);
    this.addSql(`alter table "case_file" drop column "expected_answer_at";`);
  }
}
