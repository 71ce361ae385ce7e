import { Migration } from '@mikro-orm/migrations';

export class Migration20261122053552_intake extends Migration {
  override name = 'Migration20261122053552_intake';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "captured_mail" ("id" serial primary key, "message_id" varchar(300) not null, "in_reply_to" varchar(300) null, "sender" varchar(320) not null, "recipients" text[] not null, "subject" varchar(500) not null, "text" text not null, "raw" bytea not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "captured_mail_message_id_index" on "captured_mail" ("message_id");`);

    this.addSql(`alter table "org_unit" add "intake_aliases" text[] not null default '{}';`);

    this.addSql(`alter table "inbound_item" drop constraint "inbound_item_status_check";`);
    this.addSql(
      `alter table "inbound_item" add constraint "inbound_item_status_check" check ("status" in ('pending', 'processed', 'failed', 'rejected', 'ignored'));`,
    );

    this.addSql(`alter table "case_message" drop constraint "case_message_delivery_status_check";`);
    this.addSql(`alter table "case_message" add "delivery_note" text null;`);
    this.addSql(
      `alter table "case_message" add constraint "case_message_delivery_status_check" check ("delivery_status" in ('received', 'queued', 'sent', 'delivered', 'seen', 'failed'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "captured_mail" cascade;`);

    this.addSql(`alter table "case_message" drop constraint "case_message_delivery_status_check";`);
    this.addSql(`alter table "case_message" drop column "delivery_note";`);
    this.addSql(
      `alter table "case_message" add constraint "case_message_delivery_status_check" check ("delivery_status" in ('received', 'queued', 'sent', 'delivered', 'failed'));`,
    );

    this.addSql(`alter table "inbound_item" drop constraint "inbound_item_status_check";`);
    this.addSql(
      `alter table "inbound_item" add constraint "inbound_item_status_check" check ("status" in ('pending', 'processed', 'failed', 'ignored'));`,
    );

    this.addSql(`alter table "org_unit" drop column "intake_aliases";`);

    this.addSql(
      `create or replace function "caunoi_unaccent"(text) returns text security invoker immutable language sql as \$\$ select public.unaccent('public.unaccent'::regdictionary, \$1) \$\$;`,
    );
  }
}
