import { Migration } from '@mikro-orm/migrations';

/**
 * Full text moves out of case_file into `case_search` (one row per case, written once). A case's
 * title and body never change, but every transition writes a new row version of case_file, and an
 * expression index there recomputed `to_tsvector(caunoi_unaccent(title || body))` at each one:
 * measured, a sweep of 500 cases spent three quarters of its update in that index. The document
 * is now computed once, when the case is inserted, by a statement-level trigger (one statement for
 * a bulk insert as for one case), so no code path can forget it.
 */
export class Migration20261201200000_case_search extends Migration {
  override name = 'Migration20261201200000_case_search';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "case_search" ("case_id" int primary key references "case_file" ("id") on delete cascade, "document" tsvector not null);`,
    );
    this.addSql(`create or replace function caunoi_case_search_document(title text, body text) returns tsvector
      language sql immutable parallel safe as $$ select to_tsvector('simple'::regconfig, caunoi_unaccent(title || ' ' || body)) $$;`);
    this.addSql(`create or replace function caunoi_case_search_insert() returns trigger language plpgsql as $$
      begin
        insert into case_search (case_id, document)
          select id, caunoi_case_search_document(title, body) from inserted_cases;
        return null;
      end $$;`);
    this.addSql(`create trigger case_file_search_insert after insert on case_file
      referencing new table as inserted_cases for each statement execute function caunoi_case_search_insert();`);
    this.addSql(
      `insert into case_search (case_id, document) select id, caunoi_case_search_document(title, body) from case_file;`,
    );
    this.addSql(`create index "case_search_document_idx" on "case_search" using gin ("document");`);
    this.addSql(`drop index if exists "case_file_search_idx";`);
  }

  override down(): void | Promise<void> {
    this.addSql(
      `create index "case_file_search_idx" on "case_file" using gin (to_tsvector('simple'::regconfig, caunoi_unaccent(("title")::text || ' ' || "body")));`,
    );
    this.addSql(`drop trigger if exists case_file_search_insert on case_file;`);
    this.addSql(`drop function if exists caunoi_case_search_insert();`);
    this.addSql(`drop function if exists caunoi_case_search_document(text, text);`);
    this.addSql(`drop table if exists "case_search";`);
  }
}
