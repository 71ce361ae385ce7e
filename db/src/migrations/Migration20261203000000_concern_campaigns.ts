import { Migration } from '@mikro-orm/migrations';

/**
 * Emerging concerns at national volume, and campaigns.
 * - `concern_cluster.dormant`: a concern without a case for 7 days can no longer be joined; the
 *   nearest-neighbour index covers only the others (partial), so that years of old concerns never
 *   crowd the live ones out of the scan. Housekeeping marks them.
 * - `concern_campaign`: near-identical submissions (copy-paste) in a short time, inside one concern:
 *   counted as support of their first case (the lead), not as separate workload.
 * - `case_concern.campaign_id`: the campaign a case belongs to.
 * - The campaign rule is data beside the surge rule: how many copies, how alike, within how long.
 */
export class Migration20261203000000_concern_campaigns extends Migration {
  override name = 'Migration20261203000000_concern_campaigns';

  override up(): void | Promise<void> {
    this.addSql(`alter table "concern_cluster" add column "dormant" boolean not null default false;`);
    this.addSql(`drop index "concern_cluster_plain_trgm_idx";`);
    this.addSql(
      `create index "concern_cluster_live_plain_trgm_idx" on "concern_cluster" using gist ("plain" gist_trgm_ops) where not "dormant";`,
    );
    this.addSql(`create index "concern_cluster_live_idx" on "concern_cluster" ("last_case_at") where not "dormant";`);
    this.addSql(`create table "concern_campaign" (
      "id" serial primary key,
      "cluster_id" int not null references "concern_cluster" ("id") on delete cascade,
      "lead_case_id" int not null references "case_file" ("id") on delete cascade,
      "plain" text not null,
      "size" int not null default 0,
      "started_at" timestamptz not null default now(),
      "last_case_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "concern_campaign_cluster_idx" on "concern_campaign" ("cluster_id", "last_case_at");`);
    this.addSql(
      `alter table "case_concern" add column "campaign_id" int null references "concern_campaign" ("id") on delete set null;`,
    );
    this.addSql(
      `create index "case_concern_campaign_idx" on "case_concern" ("campaign_id") where "campaign_id" is not null;`,
    );
    this.addSql(`alter table "concern_surge_rule"
      add column "campaign_min_cases" int not null default 10,
      add column "campaign_similarity" double precision not null default 0.9,
      add column "campaign_window_hours" int not null default 24;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "concern_surge_rule" drop column "campaign_min_cases", drop column "campaign_similarity",
      drop column "campaign_window_hours";`);
    this.addSql(`alter table "case_concern" drop column "campaign_id";`);
    this.addSql('drop table "concern_campaign";');
    this.addSql('drop index "concern_cluster_live_idx";');
    this.addSql('drop index "concern_cluster_live_plain_trgm_idx";');
    this.addSql(
      `create index "concern_cluster_plain_trgm_idx" on "concern_cluster" using gist ("plain" gist_trgm_ops);`,
    );
    this.addSql(`alter table "concern_cluster" drop column "dormant";`);
  }
}
