import { Migration } from '@mikro-orm/migrations';

/**
 * Citizens who support an open case instead of filing the same again (the portal's similar
 * cases), with the address to tell them at when it is answered (given with their consent).
 */
export class Migration20261202060000_case_supporters extends Migration {
  override name = 'Migration20261202060000_case_supporters';

  override up(): void | Promise<void> {
    this.addSql(`create table "case_supporter" (
      "id" serial primary key,
      "case_id" int not null references "case_file" ("id") on delete cascade,
      "email" varchar(320) null,
      "language" varchar(2) not null default 'vi',
      "created_at" timestamptz not null default now(),
      "notified_at" timestamptz null
    );`);
    this.addSql(`create index "case_supporter_case_idx" on "case_supporter" ("case_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop table "case_supporter";');
  }
}
