import { Migration } from '@mikro-orm/migrations';

export class Migration20261122035833_case_auto_close extends Migration {
  override name = 'Migration20261122035833_case_auto_close';

  override up(): void | Promise<void> {
    this.addSql(`alter table "case_file" add "auto_close_due_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "case_file" drop column "auto_close_due_at";`);

    this.addSql(
      `create or replace function "caunoi_unaccent"(text) returns text security invoker immutable language sql as \$\$ select public.unaccent('public.unaccent'::regdictionary, \$1) \$\$;`,
    );
  }
}
