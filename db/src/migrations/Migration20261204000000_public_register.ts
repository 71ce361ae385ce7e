import { Migration } from '@mikro-orm/migrations';

/**
 * Answers the public can trust: the citizen's choice about publication (`case_file.publication_consent`,
 * default no), appeals to the level above (`case_file.appeal_of_id`: the case an appeal carries
 * on, one appeal per case), and the public register (`public_answer`): what the unit head
 * published, masked and reviewed, with the facts a reader needs (place, category, unit, how long
 * it took) and nothing of the citizen. The register is a copy, not a view of the case: what was
 * published is what the head approved, whatever the case says later.
 */
export class Migration20261204000000_public_register extends Migration {
  override name = 'Migration20261204000000_public_register';

  override up(): void | Promise<void> {
    this.addSql(`alter table "case_file" add column "publication_consent" boolean not null default false;`);
    this.addSql(`alter table "case_file" add column "appeal_of_id" int null;`);
    this.addSql(
      `alter table "case_file" add constraint "case_file_appeal_of_id_foreign" foreign key ("appeal_of_id") references "case_file" ("id") on delete set null;`,
    );
    this.addSql(`alter table "case_file" add constraint "case_file_appeal_of_id_unique" unique ("appeal_of_id");`);
    this.addSql(`create table "public_answer" (
      "id" serial primary key,
      "case_id" int not null references "case_file" ("id") on delete cascade,
      "unit_id" int not null references "org_unit" ("id"),
      "province_id" int null references "org_unit" ("id"),
      "commune_id" int null references "org_unit" ("id"),
      "category_id" int null references "category" ("id"),
      "legal_track" varchar(20) not null,
      "title" varchar(300) not null,
      "question" text not null,
      "answer" text not null,
      "basis" varchar(20) not null check ("basis" in ('consent', 'publicInterest')),
      "received_at" timestamptz not null,
      "answered_at" timestamptz not null,
      "working_days" int not null,
      "on_time" boolean null,
      "published_at" timestamptz not null,
      "published_by_id" int null references "app_user" ("id") on delete set null,
      "withdrawn_at" timestamptz null,
      "withdrawn_reason" text null,
      "document" tsvector not null
    );`);
    // One entry per case in the register at a time; a withdrawn one stays for the record.
    this.addSql(
      `create unique index "public_answer_case_live_idx" on "public_answer" ("case_id") where "withdrawn_at" is null;`,
    );
    this.addSql(
      `create index "public_answer_published_idx" on "public_answer" ("published_at" desc, "id" desc) where "withdrawn_at" is null;`,
    );
    this.addSql(
      `create index "public_answer_unit_idx" on "public_answer" ("unit_id", "published_at" desc) where "withdrawn_at" is null;`,
    );
    this.addSql(
      `create index "public_answer_province_idx" on "public_answer" ("province_id", "published_at" desc) where "withdrawn_at" is null;`,
    );
    this.addSql(`create index "public_answer_document_idx" on "public_answer" using gin ("document");`);
    // The per-unit public figures: answers of a unit in a period, with how long they took.
    this.addSql(
      `create index "case_file_unit_resolved_idx" on "case_file" ("owning_unit_id", "resolved_at") include ("received_at", "paused_seconds") where "resolved_at" is not null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "case_file_unit_resolved_idx";`);
    this.addSql(`drop table if exists "public_answer";`);
    this.addSql(`alter table "case_file" drop constraint "case_file_appeal_of_id_unique";`);
    this.addSql(`alter table "case_file" drop constraint "case_file_appeal_of_id_foreign";`);
    this.addSql(`alter table "case_file" drop column "appeal_of_id";`);
    this.addSql(`alter table "case_file" drop column "publication_consent";`);
  }
}
