import { Migration } from '@mikro-orm/migrations';

export class Migration20261122044941_case_warning extends Migration {
  override name = 'Migration20261122044941_case_warning';

  override up(): void | Promise<void> {
    this.addSql(`alter table "case_file" add "warn_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "case_file" drop column "warn_at";`);

    this.addSql(
      `create or replace function "caunoi_unaccent"(text) returns text security invoker immutable language sql as \$\$ select public.unaccent('public.unaccent'::regdictionary, \$1) \$\$;`,
    );
  }
}
