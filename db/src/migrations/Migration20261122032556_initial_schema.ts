import { Migration } from '@mikro-orm/migrations';

export class Migration20261122032556_initial_schema extends Migration {
  override name = 'Migration20261122032556_initial_schema';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "attachment_blob" ("sha256" varchar(64) not null, "content" bytea not null, "size" int not null, "created_at" timestamptz not null, primary key ("sha256"));`,
    );

    this.addSql(
      `create table "calendar_day" ("date" date not null, "kind" text not null, "name" varchar(200) not null, "compensate" boolean not null default true, "active" boolean not null default true, "verified" boolean not null default true, "source" text not null, primary key ("date"));`,
    );

    this.addSql(
      `create table "citizen" ("id" serial primary key, "name" varchar(200) null, "email" varchar(320) null, "phone" varchar(32) null, "address" text null, "zalo_ids" jsonb not null default '{}', "is_organisation" boolean not null default false, "consent_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "citizen_email_index" on "citizen" ("email");`);
    this.addSql(`create index "citizen_phone_index" on "citizen" ("phone");`);

    this.addSql(
      `create table "legacy_place" ("id" serial primary key, "old_code" varchar(16) not null, "old_name" varchar(200) not null, "old_level" text not null, "old_parent_code" varchar(16) null, "new_code" varchar(16) not null, "new_level" text not null, "part" text not null, "derived" boolean not null default false);`,
    );
    this.addSql(`create index "legacy_place_new_code_index" on "legacy_place" ("new_code");`);
    this.addSql(`create index "legacy_place_old_level_old_code_index" on "legacy_place" ("old_level", "old_code");`);
    this.addSql(
      `alter table "legacy_place" add constraint "legacy_place_old_level_old_code_new_code_unique" unique ("old_level", "old_code", "new_code");`,
    );

    this.addSql(
      `create table "org_unit" ("id" serial primary key, "code" varchar(16) not null, "name_vi" varchar(200) not null, "name_en" varchar(200) not null, "level" text not null, "kind" varchar(40) not null, "parent_id" int null, "path" varchar(200) not null, "valid_from" date not null, "valid_to" date null, "legacy_codes" text[] not null default '{}', "is_remote_area" boolean not null default false, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "org_unit" add constraint "org_unit_code_unique" unique ("code");`);
    this.addSql(`create index "org_unit_parent_id_index" on "org_unit" ("parent_id");`);
    this.addSql(`create index "org_unit_path_prefix_idx" on "org_unit" ("path" text_pattern_ops);`);
    this.addSql(`create index "org_unit_level_index" on "org_unit" ("level");`);

    this.addSql(
      `create table "category" ("id" serial primary key, "code" varchar(40) not null, "name_vi" varchar(200) not null, "name_en" varchar(200) not null, "legal_track" text not null, "sector" varchar(60) not null, "responsible_unit_id" int null, "default_level" text null, "active" boolean not null default true, "sort_order" int not null default 0);`,
    );
    this.addSql(`alter table "category" add constraint "category_code_unique" unique ("code");`);

    this.addSql(
      `create table "api_client" ("id" serial primary key, "name" varchar(200) not null, "key_prefix" varchar(12) not null, "key_hash" varchar(64) not null, "unit_id" int not null, "active" boolean not null default true, "created_at" timestamptz not null, "last_used_at" timestamptz null);`,
    );
    this.addSql(`alter table "api_client" add constraint "api_client_key_hash_unique" unique ("key_hash");`);

    this.addSql(
      `create table "sla_rule" ("id" serial primary key, "code" varchar(80) not null, "legal_track" text null, "category_id" int null, "clock" text not null, "amount" int not null, "unit" text not null, "remote_area_amount" int null, "extension_amount" int null, "max_extensions" int not null default 0, "source" text not null, "verified" boolean not null default true, "effective_from" date not null, "effective_to" date null);`,
    );
    this.addSql(`alter table "sla_rule" add constraint "sla_rule_code_unique" unique ("code");`);
    this.addSql(`create index "sla_rule_legal_track_clock_index" on "sla_rule" ("legal_track", "clock");`);

    this.addSql(
      `create table "tracking_sequence" ("day" date not null, "last_value" int not null, primary key ("day"));`,
    );

    this.addSql(
      `create table "app_user" ("id" serial primary key, "email" varchar(320) not null, "name" varchar(200) not null, "password_hash" varchar(200) not null, "role" text not null, "unit_id" int not null, "language" text not null default 'vi', "active" boolean not null default true, "last_login_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
    this.addSql(`create index "app_user_unit_id_index" on "app_user" ("unit_id");`);

    this.addSql(
      `create table "case_file" ("id" serial primary key, "tracking_code" varchar(32) not null, "access_key_hash" varchar(64) not null, "title" varchar(300) not null, "body" text not null, "language" text not null default 'vi', "channel" text not null, "legal_track" text not null default 'pakn', "category_id" int null, "province_id" int null, "commune_id" int null, "place_text" varchar(300) null, "receiving_unit_id" int not null, "owning_unit_id" int not null, "assignee_id" int null, "citizen_id" int null, "anonymous" boolean not null default false, "status" text not null, "machine_snapshot" jsonb null, "version" int not null default 1, "received_at" timestamptz not null, "acknowledge_due_at" timestamptz null, "transfer_due_at" timestamptz null, "accept_due_at" timestamptz null, "resolve_due_at" timestamptz null, "citizen_reply_due_at" timestamptz null, "next_due_at" timestamptz null, "paused_at" timestamptz null, "paused_seconds" int not null default 0, "extension_count" int not null default 0, "escalation_level" smallint not null default 0, "escalated_at" timestamptz null, "transfer_count" int not null default 0, "reopen_count" int not null default 0, "support_count" int not null default 1, "duplicate_of_id" int null, "satisfaction" smallint null, "accepted_at" timestamptz null, "resolved_at" timestamptz null, "closed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`alter table "case_file" add constraint "case_file_tracking_code_unique" unique ("tracking_code");`);
    this.addSql(`create index "case_file_category_id_index" on "case_file" ("category_id");`);
    this.addSql(`create index "case_file_assignee_id_index" on "case_file" ("assignee_id");`);
    this.addSql(`create index "case_file_citizen_id_index" on "case_file" ("citizen_id");`);
    this.addSql(`create index "case_file_duplicate_of_id_index" on "case_file" ("duplicate_of_id");`);
    this.addSql(`create index "case_file_owning_unit_status_idx" on "case_file" ("owning_unit_id", "status");`);
    this.addSql(`create index "case_file_received_at_idx" on "case_file" ("received_at");`);
    this.addSql(
      `create index "case_file_next_due_idx" on "case_file" ("next_due_at") where "next_due_at" is not null and "status" not in ('closed', 'rejected', 'merged');`,
    );
    this.addSql(
      `create index "case_file_search_idx" on "case_file" using gin (to_tsvector('simple'::regconfig, caunoi_unaccent(("title")::text || ' ' || "body")));`,
    );

    this.addSql(
      `create table "outbox_message" ("id" bigserial primary key, "kind" text not null, "case_id" int null, "payload" jsonb not null, "dedupe_key" varchar(200) not null, "status" text not null default 'pending', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "last_error" text null, "created_at" timestamptz not null, "sent_at" timestamptz null);`,
    );
    this.addSql(`create index "outbox_message_case_id_index" on "outbox_message" ("case_id");`);
    this.addSql(
      `alter table "outbox_message" add constraint "outbox_message_dedupe_key_unique" unique ("dedupe_key");`,
    );
    this.addSql(
      `create index "outbox_message_due_idx" on "outbox_message" ("next_attempt_at") where "status" = 'pending';`,
    );

    this.addSql(
      `create table "inbound_item" ("id" bigserial primary key, "channel" text not null, "external_id" varchar(300) not null, "content_type" varchar(120) not null, "raw" bytea not null, "meta" jsonb not null default '{}', "received_at" timestamptz not null, "status" text not null default 'pending', "attempts" int not null default 0, "error" text null, "processed_at" timestamptz null, "case_id" int null);`,
    );
    this.addSql(
      `create index "inbound_item_unprocessed_idx" on "inbound_item" ("received_at") where "status" in ('pending', 'failed');`,
    );
    this.addSql(
      `alter table "inbound_item" add constraint "inbound_item_channel_external_id_unique" unique ("channel", "external_id");`,
    );

    this.addSql(
      `create table "case_message" ("id" serial primary key, "case_id" int not null, "direction" text not null, "channel" text not null, "subject" varchar(300) null, "body" text not null, "external_id" varchar(300) null, "delivery_status" text not null, "author_id" int null, "created_at" timestamptz not null, "sent_at" timestamptz null);`,
    );
    this.addSql(`create index "case_message_case_id_index" on "case_message" ("case_id");`);
    this.addSql(`create index "case_message_external_id_index" on "case_message" ("external_id");`);

    this.addSql(
      `create table "case_event" ("id" bigserial primary key, "case_id" int not null, "seq" int not null, "type" varchar(40) not null, "actor_type" text not null, "actor_user_id" int null, "actor" varchar(120) not null, "from_status" text null, "to_status" text null, "reason" text null, "payload" jsonb not null default '{}', "prev_hash" varchar(64) not null, "hash" varchar(64) not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "case_event_type_created_at_index" on "case_event" ("type", "created_at");`);
    this.addSql(`alter table "case_event" add constraint "case_event_case_seq_unique" unique ("case_id", "seq");`);

    this.addSql(
      `create table "attachment" ("id" serial primary key, "case_id" int not null, "message_id" int null, "blob_sha256" varchar(64) not null, "file_name" varchar(300) not null, "mime" varchar(120) not null, "size" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "attachment_case_id_index" on "attachment" ("case_id");`);

    this.addSql(
      `create table "zalo_oa" ("id" serial primary key, "oa_id" varchar(40) not null, "name" varchar(200) not null, "unit_id" int not null, "app_id" varchar(40) not null, "oa_secret_key" varchar(200) not null, "app_secret" varchar(200) not null, "access_token" text null, "refresh_token" text null, "token_expires_at" timestamptz null, "active" boolean not null default true, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "zalo_oa" add constraint "zalo_oa_oa_id_unique" unique ("oa_id");`);

    this.addSql(
      `alter table "calendar_day" add constraint "calendar_day_kind_check" check ("kind" in ('holiday', 'workingDay'));`,
    );

    this.addSql(
      `alter table "legacy_place" add constraint "legacy_place_old_level_check" check ("old_level" in ('province', 'district', 'commune'));`,
    );
    this.addSql(
      `alter table "legacy_place" add constraint "legacy_place_new_level_check" check ("new_level" in ('province', 'commune'));`,
    );
    this.addSql(
      `alter table "legacy_place" add constraint "legacy_place_part_check" check ("part" in ('full', 'partial'));`,
    );

    this.addSql(
      `alter table "org_unit" add constraint "org_unit_parent_id_foreign" foreign key ("parent_id") references "org_unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "org_unit" add constraint "org_unit_level_check" check ("level" in ('governmentOffice', 'ministry', 'ministerialAgency', 'province', 'commune'));`,
    );

    this.addSql(
      `alter table "category" add constraint "category_responsible_unit_id_foreign" foreign key ("responsible_unit_id") references "org_unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "category" add constraint "category_legal_track_check" check ("legal_track" in ('pakn', 'conduct', 'complaint', 'denunciation'));`,
    );
    this.addSql(
      `alter table "category" add constraint "category_default_level_check" check ("default_level" in ('governmentOffice', 'ministry', 'ministerialAgency', 'province', 'commune'));`,
    );

    this.addSql(
      `alter table "api_client" add constraint "api_client_unit_id_foreign" foreign key ("unit_id") references "org_unit" ("id");`,
    );

    this.addSql(
      `alter table "sla_rule" add constraint "sla_rule_category_id_foreign" foreign key ("category_id") references "category" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "sla_rule" add constraint "sla_rule_legal_track_check" check ("legal_track" in ('pakn', 'conduct', 'complaint', 'denunciation'));`,
    );
    this.addSql(
      `alter table "sla_rule" add constraint "sla_rule_clock_check" check ("clock" in ('acknowledge', 'transfer', 'accept', 'resolve', 'citizenReply'));`,
    );
    this.addSql(
      `alter table "sla_rule" add constraint "sla_rule_unit_check" check ("unit" in ('workingDays', 'days', 'hours'));`,
    );

    this.addSql(
      `alter table "app_user" add constraint "app_user_unit_id_foreign" foreign key ("unit_id") references "org_unit" ("id");`,
    );
    this.addSql(
      `alter table "app_user" add constraint "app_user_role_check" check ("role" in ('officer', 'supervisor', 'govOffice', 'admin'));`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_language_check" check ("language" in ('vi', 'en'));`);

    this.addSql(
      `alter table "case_file" add constraint "case_file_category_id_foreign" foreign key ("category_id") references "category" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "case_file" add constraint "case_file_province_id_foreign" foreign key ("province_id") references "org_unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "case_file" add constraint "case_file_commune_id_foreign" foreign key ("commune_id") references "org_unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "case_file" add constraint "case_file_receiving_unit_id_foreign" foreign key ("receiving_unit_id") references "org_unit" ("id");`,
    );
    this.addSql(
      `alter table "case_file" add constraint "case_file_owning_unit_id_foreign" foreign key ("owning_unit_id") references "org_unit" ("id");`,
    );
    this.addSql(
      `alter table "case_file" add constraint "case_file_assignee_id_foreign" foreign key ("assignee_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "case_file" add constraint "case_file_citizen_id_foreign" foreign key ("citizen_id") references "citizen" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "case_file" add constraint "case_file_duplicate_of_id_foreign" foreign key ("duplicate_of_id") references "case_file" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "case_file" add constraint "case_file_satisfaction_check" check (satisfaction >= 1 and satisfaction <= 5);`,
    );
    this.addSql(
      `alter table "case_file" add constraint "case_file_language_check" check ("language" in ('vi', 'en'));`,
    );
    this.addSql(
      `alter table "case_file" add constraint "case_file_channel_check" check ("channel" in ('portal', 'email', 'zalo', 'api'));`,
    );
    this.addSql(
      `alter table "case_file" add constraint "case_file_legal_track_check" check ("legal_track" in ('pakn', 'conduct', 'complaint', 'denunciation'));`,
    );
    this.addSql(
      `alter table "case_file" add constraint "case_file_status_check" check ("status" in ('received', 'triage', 'routed', 'inProgress', 'awaitingCitizen', 'resolved', 'closed', 'rejected', 'merged'));`,
    );

    this.addSql(
      `alter table "outbox_message" add constraint "outbox_message_case_id_foreign" foreign key ("case_id") references "case_file" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "outbox_message" add constraint "outbox_message_kind_check" check ("kind" in ('email', 'zalo', 'socket'));`,
    );
    this.addSql(
      `alter table "outbox_message" add constraint "outbox_message_status_check" check ("status" in ('pending', 'sending', 'sent', 'dead'));`,
    );

    this.addSql(
      `alter table "inbound_item" add constraint "inbound_item_case_id_foreign" foreign key ("case_id") references "case_file" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "inbound_item" add constraint "inbound_item_channel_check" check ("channel" in ('portal', 'email', 'zalo', 'api'));`,
    );
    this.addSql(
      `alter table "inbound_item" add constraint "inbound_item_status_check" check ("status" in ('pending', 'processed', 'failed', 'ignored'));`,
    );

    this.addSql(
      `alter table "case_message" add constraint "case_message_case_id_foreign" foreign key ("case_id") references "case_file" ("id");`,
    );
    this.addSql(
      `alter table "case_message" add constraint "case_message_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "case_message" add constraint "case_message_direction_check" check ("direction" in ('inbound', 'outbound'));`,
    );
    this.addSql(
      `alter table "case_message" add constraint "case_message_channel_check" check ("channel" in ('portal', 'email', 'zalo', 'api'));`,
    );
    this.addSql(
      `alter table "case_message" add constraint "case_message_delivery_status_check" check ("delivery_status" in ('received', 'queued', 'sent', 'delivered', 'failed'));`,
    );

    this.addSql(
      `alter table "case_event" add constraint "case_event_case_id_foreign" foreign key ("case_id") references "case_file" ("id");`,
    );
    this.addSql(
      `alter table "case_event" add constraint "case_event_actor_user_id_foreign" foreign key ("actor_user_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "case_event" add constraint "case_event_actor_type_check" check ("actor_type" in ('citizen', 'officer', 'system'));`,
    );
    this.addSql(
      `alter table "case_event" add constraint "case_event_from_status_check" check ("from_status" in ('received', 'triage', 'routed', 'inProgress', 'awaitingCitizen', 'resolved', 'closed', 'rejected', 'merged'));`,
    );
    this.addSql(
      `alter table "case_event" add constraint "case_event_to_status_check" check ("to_status" in ('received', 'triage', 'routed', 'inProgress', 'awaitingCitizen', 'resolved', 'closed', 'rejected', 'merged'));`,
    );

    this.addSql(
      `alter table "attachment" add constraint "attachment_case_id_foreign" foreign key ("case_id") references "case_file" ("id");`,
    );
    this.addSql(
      `alter table "attachment" add constraint "attachment_message_id_foreign" foreign key ("message_id") references "case_message" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "attachment" add constraint "attachment_blob_sha256_foreign" foreign key ("blob_sha256") references "attachment_blob" ("sha256");`,
    );

    this.addSql(
      `alter table "zalo_oa" add constraint "zalo_oa_unit_id_foreign" foreign key ("unit_id") references "org_unit" ("id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "attachment" drop constraint "attachment_blob_sha256_foreign";`);
    this.addSql(`alter table "case_file" drop constraint "case_file_citizen_id_foreign";`);
    this.addSql(`alter table "org_unit" drop constraint "org_unit_parent_id_foreign";`);
    this.addSql(`alter table "category" drop constraint "category_responsible_unit_id_foreign";`);
    this.addSql(`alter table "api_client" drop constraint "api_client_unit_id_foreign";`);
    this.addSql(`alter table "app_user" drop constraint "app_user_unit_id_foreign";`);
    this.addSql(`alter table "case_file" drop constraint "case_file_province_id_foreign";`);
    this.addSql(`alter table "case_file" drop constraint "case_file_commune_id_foreign";`);
    this.addSql(`alter table "case_file" drop constraint "case_file_receiving_unit_id_foreign";`);
    this.addSql(`alter table "case_file" drop constraint "case_file_owning_unit_id_foreign";`);
    this.addSql(`alter table "zalo_oa" drop constraint "zalo_oa_unit_id_foreign";`);
    this.addSql(`alter table "sla_rule" drop constraint "sla_rule_category_id_foreign";`);
    this.addSql(`alter table "case_file" drop constraint "case_file_category_id_foreign";`);
    this.addSql(`alter table "case_file" drop constraint "case_file_assignee_id_foreign";`);
    this.addSql(`alter table "case_message" drop constraint "case_message_author_id_foreign";`);
    this.addSql(`alter table "case_event" drop constraint "case_event_actor_user_id_foreign";`);
    this.addSql(`alter table "case_file" drop constraint "case_file_duplicate_of_id_foreign";`);
    this.addSql(`alter table "outbox_message" drop constraint "outbox_message_case_id_foreign";`);
    this.addSql(`alter table "inbound_item" drop constraint "inbound_item_case_id_foreign";`);
    this.addSql(`alter table "case_message" drop constraint "case_message_case_id_foreign";`);
    this.addSql(`alter table "case_event" drop constraint "case_event_case_id_foreign";`);
    this.addSql(`alter table "attachment" drop constraint "attachment_case_id_foreign";`);
    this.addSql(`alter table "attachment" drop constraint "attachment_message_id_foreign";`);

    this.addSql(`drop table if exists "attachment_blob" cascade;`);
    this.addSql(`drop table if exists "calendar_day" cascade;`);
    this.addSql(`drop table if exists "citizen" cascade;`);
    this.addSql(`drop table if exists "legacy_place" cascade;`);
    this.addSql(`drop table if exists "org_unit" cascade;`);
    this.addSql(`drop table if exists "category" cascade;`);
    this.addSql(`drop table if exists "api_client" cascade;`);
    this.addSql(`drop table if exists "sla_rule" cascade;`);
    this.addSql(`drop table if exists "tracking_sequence" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);
    this.addSql(`drop table if exists "case_file" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "inbound_item" cascade;`);
    this.addSql(`drop table if exists "case_message" cascade;`);
    this.addSql(`drop table if exists "case_event" cascade;`);
    this.addSql(`drop table if exists "attachment" cascade;`);
    this.addSql(`drop table if exists "zalo_oa" cascade;`);

    this.addSql(
      `create or replace function "caunoi_unaccent"(text) returns text security invoker immutable language sql as \$\$ select public.unaccent('public.unaccent'::regdictionary, \$1) \$\$;`,
    );
  }
}
