import { Migration } from '@mikro-orm/migrations';

const STATUSES = `'received', 'triage', 'routed', 'inProgress', 'awaitingApproval', 'awaitingCitizen', 'resolved', 'closed', 'rejected', 'merged'`;
const PREVIOUS = `'received', 'triage', 'routed', 'inProgress', 'awaitingCitizen', 'resolved', 'closed', 'rejected', 'merged'`;

/**
 * Approval before an answer leaves (ký duyệt): the status `awaitingApproval` (a drafted answer
 * waiting for the unit head), answer messages kept as `draft` (never delivered) or `returned`, and
 * which categories' answers need approval as data (`category.answer_approval`; complaints and
 * denunciations always do, in workflows).
 */
export class Migration20261203010000_answer_approval extends Migration {
  override name = 'Migration20261203010000_answer_approval';

  override up(): void | Promise<void> {
    this.addSql(`alter table "category" add column "answer_approval" boolean not null default false;`);
    this.checks(STATUSES, `'received', 'queued', 'sent', 'delivered', 'seen', 'failed', 'draft', 'returned'`);
  }

  override down(): void | Promise<void> {
    this.checks(PREVIOUS, `'received', 'queued', 'sent', 'delivered', 'seen', 'failed'`);
    this.addSql(`alter table "category" drop column "answer_approval";`);
  }

  private checks(statuses: string, deliveries: string): void {
    for (const [table, column] of [
      ['case_file', 'status'],
      ['case_event', 'from_status'],
      ['case_event', 'to_status'],
    ] as const) {
      this.addSql(`alter table "${table}" drop constraint if exists "${table}_${column}_check";`);
      this.addSql(
        `alter table "${table}" add constraint "${table}_${column}_check" check ("${column}" in (${statuses}));`,
      );
    }
    this.addSql(`alter table "case_message" drop constraint if exists "case_message_delivery_status_check";`);
    this.addSql(
      `alter table "case_message" add constraint "case_message_delivery_status_check" check ("delivery_status" in (${deliveries}));`,
    );
  }
}
