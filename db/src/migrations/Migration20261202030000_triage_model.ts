import { Migration } from '@mikro-orm/migrations';

/**
 * Triage that learns (issue: smart triage).
 * - `triage_example`: labelled texts the category model learns from besides officers' decisions
 *   (the hand-written bootstrap set from seeds, loaded at start; more can be added).
 * - `triage_model`: each trained model (wink's naive Bayes, as JSON), with what it learnt from and
 *   how it did on held-out examples; the newest is the one in use.
 * - `category.suggestion_threshold`: how sure the model must be before its category routes a case
 *   by itself (administrators set it per category; 1 turns routing by suggestion off).
 */
export class Migration20261202030000_triage_model extends Migration {
  override name = 'Migration20261202030000_triage_model';

  override up(): void | Promise<void> {
    this.addSql(`create table "triage_example" (
      "id" serial primary key,
      "text" text not null,
      "category_code" varchar(40) not null,
      "source" varchar(20) not null default 'seed',
      "created_at" timestamptz not null default now(),
      unique ("source", "text")
    );`);
    this.addSql(`create table "triage_model" (
      "id" serial primary key,
      "trained_at" timestamptz not null default now(),
      "examples" int not null,
      "from_officers" int not null,
      "labels" int not null,
      "holdout_accuracy" double precision null,
      "model" jsonb not null
    );`);
    this.addSql(`alter table "category" add column "suggestion_threshold" double precision not null default 0.9;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "category" drop column "suggestion_threshold";`);
    this.addSql(`drop table "triage_model";`);
    this.addSql(`drop table "triage_example";`);
  }
}
