import { Migration } from '@mikro-orm/migrations';

/**
 * Emerging concerns for the Government Office (issue: smart triage and emerging concerns).
 * - `concern_cluster`: submissions alike in words across units and channels, kept incrementally:
 *   each new case joins the most alike cluster active in the last 7 days (trigram similarity of its
 *   title with the cluster's representative), or starts one. `plain` is the representative
 *   unaccented and lower-cased, stored once, for the nearest-neighbour scan (GiST, trigram
 *   distance order) to read. Officers may name one and give it a
 *   lead unit; `surged_at` is when it last crossed the surge rule.
 * - `case_concern`: which cluster each case joined, and how alike it was.
 * - `concern_surge_rule`: the surge rule as data (≥ N submissions in the window across ≥ M provinces).
 */
export class Migration20261202050000_concern_clusters extends Migration {
  override name = 'Migration20261202050000_concern_clusters';

  override up(): void | Promise<void> {
    this.addSql(`create table "concern_cluster" (
      "id" serial primary key,
      "representative" text not null,
      "plain" text not null,
      "label" varchar(200) null,
      "lead_unit_id" int null references "org_unit" ("id"),
      "size" int not null default 0,
      "created_at" timestamptz not null default now(),
      "last_case_at" timestamptz not null default now(),
      "surged_at" timestamptz null
    );`);
    this.addSql(
      `create index "concern_cluster_plain_trgm_idx" on "concern_cluster" using gist ("plain" gist_trgm_ops);`,
    );
    this.addSql(`create index "concern_cluster_last_case_idx" on "concern_cluster" ("last_case_at");`);
    this.addSql(`create table "case_concern" (
      "case_id" int primary key references "case_file" ("id") on delete cascade,
      "cluster_id" int not null references "concern_cluster" ("id") on delete cascade,
      "similarity" double precision not null,
      "joined_at" timestamptz not null default now()
    );`);
    this.addSql(`create index "case_concern_cluster_idx" on "case_concern" ("cluster_id", "joined_at");`);
    this.addSql(`create table "concern_surge_rule" (
      "id" int primary key default 1 check ("id" = 1),
      "min_cases" int not null default 20,
      "min_provinces" int not null default 3,
      "window_hours" int not null default 24,
      "similarity" double precision not null default 0.45
    );`);
    this.addSql(`insert into "concern_surge_rule" default values;`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop table "concern_surge_rule";');
    this.addSql('drop table "case_concern";');
    this.addSql('drop table "concern_cluster";');
  }
}
