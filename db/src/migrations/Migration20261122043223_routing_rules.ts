import { Migration } from '@mikro-orm/migrations';

export class Migration20261122043223_routing_rules extends Migration {
  override name = 'Migration20261122043223_routing_rules';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "routing_rule" ("id" serial primary key, "category_id" int null, "legal_track" text null, "province_id" int null, "unit_id" int not null, "note" text null, "active" boolean not null default true, "created_at" timestamptz not null);`,
    );

    this.addSql(
      `alter table "routing_rule" add constraint "routing_rule_category_id_foreign" foreign key ("category_id") references "category" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "routing_rule" add constraint "routing_rule_province_id_foreign" foreign key ("province_id") references "org_unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "routing_rule" add constraint "routing_rule_unit_id_foreign" foreign key ("unit_id") references "org_unit" ("id");`,
    );
    this.addSql(
      `alter table "routing_rule" add constraint "routing_rule_subject_check" check (category_id is not null or legal_track is not null);`,
    );
    this.addSql(
      `alter table "routing_rule" add constraint "routing_rule_legal_track_check" check ("legal_track" in ('pakn', 'conduct', 'complaint', 'denunciation'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "routing_rule" cascade;`);

    this.addSql(
      `create or replace function "caunoi_unaccent"(text) returns text security invoker immutable language sql as \$\$ select public.unaccent('public.unaccent'::regdictionary, \$1) \$\$;`,
    );
  }
}
