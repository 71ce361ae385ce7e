import { Migration } from '@mikro-orm/migrations';

/**
 * Deliveries move to graphile-worker's job table (DESIGN.md §4.5: the job row is the outbox row).
 * Email and Zalo messages still waiting in the old outbox become jobs under the same dedupe key
 * (`migrate` installs the queue's schema first), so an upgrade drops nothing a citizen is owed;
 * socket broadcasts are stale by now and are not carried over. What was delivered is kept, from
 * now on, as one receipt per recipient.
 */
export class Migration20261201100000_job_queue extends Migration {
  override name = 'Migration20261201100000_job_queue';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "delivery_receipt" ("id" bigserial primary key, "dedupe_key" varchar(200) not null, "recipient" varchar(320) not null, "channel" varchar(20) not null, "template" varchar(60) null, "case_id" int null, "note" text null, "sent_at" timestamptz not null);`,
    );
    this.addSql(`create index "delivery_receipt_case_id_index" on "delivery_receipt" ("case_id");`);
    this.addSql(
      `alter table "delivery_receipt" add constraint "delivery_receipt_dedupe_key_recipient_unique" unique ("dedupe_key", "recipient");`,
    );
    this.addSql(
      `alter table "delivery_receipt" add constraint "delivery_receipt_case_id_foreign" foreign key ("case_id") references "case_file" ("id") on delete set null;`,
    );
    this.addSql(`do $$ begin
      if to_regproc('graphile_worker.add_job') is not null then
        perform graphile_worker.add_job(
          case kind when 'email' then 'deliverEmail' else 'deliverZalo' end,
          (payload || jsonb_build_object('caseId', case_id, 'dedupeKey', dedupe_key))::json,
          job_key => dedupe_key, max_attempts => 12)
        from outbox_message where kind in ('email', 'zalo') and status in ('pending', 'sending');
      end if;
    end $$;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "delivery_receipt" cascade;`);
  }
}
