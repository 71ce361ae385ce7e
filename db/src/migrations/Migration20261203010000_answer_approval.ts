import { Migration } from '@mikro-orm/migrations';
import { caseTallyRecountFunction, caseTallyTriggerFunction } from './Migration20261201210000_case_tally';

const STATUSES = `'received', 'triage', 'routed', 'inProgress', 'awaitingApproval', 'awaitingCitizen', 'resolved', 'closed', 'rejected', 'merged'`;
/** A draft waiting on the head runs the resolve clock (db RUNNING_DUE_SQL, workflows runningDeadline). */
export const RUNNING_DUE = `(case c.status when 'triage' then c.transfer_due_at when 'routed' then least(c.accept_due_at, c.transfer_due_at) when 'inProgress' then c.resolve_due_at when 'awaitingApproval' then c.resolve_due_at end)`;
const RUNNING_DUE_BEFORE = `(case c.status when 'triage' then c.transfer_due_at when 'routed' then least(c.accept_due_at, c.transfer_due_at) when 'inProgress' then c.resolve_due_at end)`;
const PREVIOUS = `'received', 'triage', 'routed', 'inProgress', 'awaitingCitizen', 'resolved', 'closed', 'rejected', 'merged'`;

/**
 * Approval before an answer leaves (ký duyệt): the status `awaitingApproval` (a drafted answer
 * waiting for the unit head), answer messages kept as `draft` (never delivered) or `returned`, and
 * which categories' answers need approval as data (`category.answer_approval`; complaints and
 * denunciations always do, in workflows). A draft waits on the running resolve clock, so the
 * overdue tallies, the running-deadline index and the running-cases index count it too (no case
 * is in the new status yet, so the tallies need no recount).
 */
export class Migration20261203010000_answer_approval extends Migration {
  override name = 'Migration20261203010000_answer_approval';

  override up(): void | Promise<void> {
    this.addSql(`alter table "category" add column "answer_approval" boolean not null default false;`);
    this.checks(STATUSES, `'received', 'queued', 'sent', 'delivered', 'seen', 'failed', 'draft', 'returned'`);
    this.running(RUNNING_DUE, `'triage', 'routed', 'inProgress', 'awaitingApproval'`);
  }

  override down(): void | Promise<void> {
    this.running(RUNNING_DUE_BEFORE, `'triage', 'routed', 'inProgress'`);
    this.checks(PREVIOUS, `'received', 'queued', 'sent', 'delivered', 'seen', 'failed'`);
    this.addSql(`alter table "category" drop column "answer_approval";`);
  }

  private running(due: string, statuses: string): void {
    this.addSql(caseTallyTriggerFunction(due));
    this.addSql(caseTallyRecountFunction(due));
    this.addSql(`drop index if exists "case_file_running_due_idx";`);
    this.addSql(
      `create index "case_file_running_due_idx" on "case_file" (${due.replaceAll('c.', '')}) where status in (${statuses});`,
    );
    this.addSql(`drop index if exists "case_file_running_received_idx";`);
    this.addSql(
      `create index "case_file_running_received_idx" on "case_file" ("received_at", "id") include ("status", "transfer_due_at", "accept_due_at", "resolve_due_at", "owning_unit_id") where status in (${statuses});`,
    );
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
