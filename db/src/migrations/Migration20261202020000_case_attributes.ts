import { Migration } from '@mikro-orm/migrations';

/**
 * The structured details a category asks for (workflows' CATEGORY_ATTRIBUTES; Open311's service
 * attributes), kept with the case as code → answer. Empty for most cases.
 */
export class Migration20261202020000_case_attributes extends Migration {
  override name = 'Migration20261202020000_case_attributes';

  override up(): void | Promise<void> {
    this.addSql(`alter table "case_file" add column "attributes" jsonb not null default '{}';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "case_file" drop column "attributes";`);
  }
}
