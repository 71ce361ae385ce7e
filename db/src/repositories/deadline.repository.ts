import type { EntityManager } from '@mikro-orm/postgresql';
import { FINAL_STATUSES_SQL } from './case.repository';

/**
 * Claims up to `limit` open cases whose next deadline has passed, oldest first, locking them for
 * the caller's transaction; rows another sweeper holds are skipped (SKIP LOCKED), so instances
 * share the work and each deadline fires once. Served by the partial index `case_file_next_due_idx`.
 */
export async function claimDueCases(
  tx: EntityManager,
  now: Date,
  limit: number,
  onlyCaseId?: number,
): Promise<number[]> {
  const rows = await tx.execute<Array<{ id: string | number }>>(
    `select id from case_file where next_due_at <= ? and status not in (${FINAL_STATUSES_SQL})
     ${onlyCaseId === undefined ? '' : 'and id = ?'}
     order by next_due_at limit ? for update skip locked`,
    onlyCaseId === undefined ? [now, limit] : [now, onlyCaseId, limit],
  );
  return rows.map((r) => Number(r.id));
}

/** Looks at a case's deadlines again at `at` (an event that failed to fire is not retried at every sweep). */
export async function postponeSweep(tx: EntityManager, caseId: number, at: Date): Promise<void> {
  await tx.execute(`update case_file set next_due_at = ? where id = ?`, [at, caseId]);
}
