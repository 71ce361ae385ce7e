import { Migration } from '@mikro-orm/migrations';

/**
 * Agencies' systems and points on the map (issue: open to other systems).
 * - `api_client` gains what a key is allowed (`scopes`: submit, read, transition), its own rate
 *   limit, revocation, and the previous key of a rotation with the moment it stops working (so an
 *   agency can roll its key out without downtime).
 * - `case_file` keeps the coordinates a citizen or an agency's app sent (Open311 lat/long, the
 *   portal API). Routing still goes by the commune fields and the address text.
 */
export class Migration20261202010000_agency_keys_and_points extends Migration {
  override name = 'Migration20261202010000_agency_keys_and_points';

  override up(): void | Promise<void> {
    this.addSql(`alter table "api_client" add column "scopes" text[] not null default '{}';`);
    this.addSql(`alter table "api_client" add column "rate_limit_per_minute" int not null default 600;`);
    this.addSql(`alter table "api_client" add column "revoked_at" timestamptz null;`);
    this.addSql(`alter table "api_client" add column "previous_key_hash" varchar(64) null;`);
    this.addSql(`alter table "api_client" add column "previous_key_expires_at" timestamptz null;`);
    this.addSql(
      `create unique index "api_client_previous_key_hash_unique" on "api_client" ("previous_key_hash") where "previous_key_hash" is not null;`,
    );
    this.addSql(
      `alter table "case_file" add column "latitude" double precision null check ("latitude" between -90 and 90);`,
    );
    this.addSql(
      `alter table "case_file" add column "longitude" double precision null check ("longitude" between -180 and 180);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "case_file" drop column "longitude";`);
    this.addSql(`alter table "case_file" drop column "latitude";`);
    this.addSql(`drop index if exists "api_client_previous_key_hash_unique";`);
    for (const column of [
      'previous_key_expires_at',
      'previous_key_hash',
      'revoked_at',
      'rate_limit_per_minute',
      'scopes',
    ])
      this.addSql(`alter table "api_client" drop column "${column}";`);
  }
}
