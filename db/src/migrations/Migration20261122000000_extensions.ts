import { Migration } from '@mikro-orm/migrations';

/**
 * Vietnamese full-text search with and without diacritics: `unaccent` turns "đường" into "duong".
 * PostgreSQL only indexes IMMUTABLE functions and `unaccent(text)` is STABLE (it reads the
 * dictionary by search_path), so the index goes through a wrapper that names the dictionary.
 */
export class Migration20261122000000_extensions extends Migration {
  override up(): void {
    this.addSql('create extension if not exists unaccent;');
    this.addSql(
      `create or replace function caunoi_unaccent(text) returns text
        language sql immutable parallel safe strict
        as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;`,
    );
  }

  override down(): void {
    this.addSql('drop function if exists caunoi_unaccent(text);');
  }
}
