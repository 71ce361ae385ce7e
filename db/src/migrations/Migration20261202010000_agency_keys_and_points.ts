import { Migration } from '@mikro-orm/migrations';

/**
 * Agencies' systems and points on the map (issue: open to other systems).
 * - `api_client` gains what a key is allowed (`scopes`: submit, read, transition), its own rate
 *   limit, revocation, and the previous key of a rotation with the moment it stops working (so an
 *   agency can roll its key out without downtime).
 * - `webhook_subscription` / `webhook_delivery`: an agency's subscriptions to its units' case
 *   events, and a record of every delivery (attempts, last answer), which it can list and replay.
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
    // Outgoing webhooks: an agency's subscriptions to its units' case events, and every delivery.
    this.addSql(
      `create table "webhook_subscription" ("id" serial primary key, "api_client_id" int not null references "api_client" ("id"), "url" text not null, "secret" text not null, "events" text[] not null, "active" boolean not null default true, "created_at" timestamptz not null default now());`,
    );
    this.addSql(
      `create table "webhook_delivery" ("id" bigserial primary key, "subscription_id" int not null references "webhook_subscription" ("id"), "dedupe_key" text not null, "event" text not null, "case_id" int not null references "case_file" ("id"), "payload" jsonb not null, "status" text not null default 'pending', "attempts" int not null default 0, "last_status" int null, "last_error" text null, "created_at" timestamptz not null default now(), "delivered_at" timestamptz null, unique ("subscription_id", "dedupe_key"));`,
    );
    this.addSql(
      `create index "webhook_delivery_subscription_idx" on "webhook_delivery" ("subscription_id", "id" desc);`,
    );
    this.addSql(`alter table "case_file" add column "latitude" double precision null;`);
    this.addSql(`alter table "case_file" add column "longitude" double precision null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "webhook_delivery";`);
    this.addSql(`drop table if exists "webhook_subscription";`);
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
