import { Migration } from '@mikro-orm/migrations';

/**
 * The job queue's lockers that are alive (issue: national scale and reliability). graphile-worker
 * locks the jobs a process fetched under that process's ids and, when the process dies without
 * handing them back (SIGKILL, a crash, a lost machine), leaves them locked for four hours: a
 * citizen's acknowledgement would wait that long. Each job runner says here every few seconds
 * which ids it locks under; a lock held under an id nobody has vouched for recently is a dead
 * process's, and any runner unlocks it (`unlockJobsOfDeadLockers`).
 */
export class Migration20261208000000_job_lockers extends Migration {
  override name = 'Migration20261208000000_job_lockers';

  override up(): void | Promise<void> {
    this.addSql(`create table "job_locker" (
      "locker_id" text primary key,
      "seen_at" timestamptz not null);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "job_locker";`);
  }
}
