import { Migration } from '@mikro-orm/migrations';

/**
 * Guarding accounts and public endpoints against guessing (issue: no one in where they don't belong).
 * - `app_user.token_version`: every login token carries it; a password reset, a change of role or
 *   unit and a deactivation raise it, which revokes the user's existing tokens at once.
 * - `app_user.failed_logins` / `locked_until`: failed logins in a row, and the lock they earn
 *   (a growing delay, then a lock only an administrator lifts: 9999-12-31).
 * - `inbound_item_refused_idx`: refused raw items are deleted after a retention (REFUSED_RETENTION_DAYS).
 * - `rate_limit_window`: the request counters of the rate limits, shared by every replica (a
 *   per-process counter let N replicas take N times the limit). Unlogged: counters are worth
 *   losing in a crash rather than paying a WAL write per public request.
 */
export class Migration20261202000000_guarding_accounts extends Migration {
  override name = 'Migration20261202000000_guarding_accounts';

  override up(): void | Promise<void> {
    this.addSql(`alter table "app_user" add column "token_version" int not null default 0;`);
    this.addSql(`alter table "app_user" add column "failed_logins" int not null default 0;`);
    this.addSql(`alter table "app_user" add column "locked_until" timestamptz null;`);
    this.addSql(
      `create unlogged table "rate_limit_window" ("key" text primary key, "hits" bigint not null, "reset_at" timestamptz not null);`,
    );
    this.addSql(`create index "rate_limit_window_reset_at_idx" on "rate_limit_window" ("reset_at");`);
    // The retention job's way to refused and ignored items (deleteExpiredRefusedItems).
    this.addSql(
      `create index "inbound_item_refused_idx" on "inbound_item" ("received_at") where "status" in ('rejected', 'ignored') and "case_id" is null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "inbound_item_refused_idx";`);
    this.addSql(`drop table if exists "rate_limit_window";`);
    this.addSql(`alter table "app_user" drop column "locked_until";`);
    this.addSql(`alter table "app_user" drop column "failed_logins";`);
    this.addSql(`alter table "app_user" drop column "token_version";`);
  }
}
