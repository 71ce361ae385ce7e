import {
  type MikroORM,
  assignCaseToConcern,
  concernWindowFigures,
  loadSurgeRule,
  markConcernSurged,
  tryLockConcernAssignment,
} from '@caunoi/db';
import { isConcernSurge } from '@caunoi/workflows';
import type { RealtimeServer } from '../realtime/socket-server';
import { rooms } from '../realtime/socket-events';
import type { Logger } from '../support/logger';

/** Cases assigned per transaction (each about 20 ms): the lock is held about a second at most. */
const ASSIGN_CHUNK = 50;
/** How long a job waits for another's chunk before it leaves the work to its retry. */
const LOCK_WAIT_MS = 3_000;

/**
 * New cases join the emerging concerns, after their commit (never in intake's way): each the most
 * alike cluster of the last 7 days, or a new one. A cluster that crosses the surge rule (as data)
 * is marked once per window and the Government Office is told live.
 */
export async function assignConcerns(
  deps: { orm: MikroORM; io: RealtimeServer; logger: Logger },
  caseIds: readonly number[],
): Promise<number> {
  const rule = await loadSurgeRule(deps.orm.em.fork());
  const touched = new Set<number>();
  // Assignments are one at a time (one advisory lock). A job waits for it a few seconds at most,
  // then ends and the queue tries it again later: a burst waits in the job table, behind the
  // deliveries (priority), and a chunk keeps each hold short (about 1 s).
  for (let i = 0; i < caseIds.length; i += ASSIGN_CHUNK) {
    const chunk = caseIds.slice(i, i + ASSIGN_CHUNK);
    const done = await deps.orm.em.fork().transactional(async (tx) => {
      if (!(await tryLockConcernAssignment(tx, LOCK_WAIT_MS))) return false;
      for (const caseId of chunk) {
        const assigned = await assignCaseToConcern(tx, caseId, rule.similarity);
        if (assigned) touched.add(assigned.clusterId);
      }
      return true;
    });
    // Cases already assigned are skipped when it runs again.
    if (!done) throw new Error('concern assignment is busy elsewhere; the job will try again');
  }
  for (const clusterId of touched) {
    const em = deps.orm.em.fork();
    const figures = await concernWindowFigures(em, clusterId, rule.windowHours);
    if (!isConcernSurge(figures, rule) || !(await markConcernSurged(em, clusterId, rule.windowHours))) continue;
    const [cluster] = await em.execute<Array<{ label: string | null; representative: string }>>(
      'select label, representative from concern_cluster where id = ?',
      [clusterId],
    );
    const surge = {
      id: clusterId,
      label: cluster?.label ?? null,
      representative: cluster?.representative ?? '',
      cases: figures.cases,
      provinces: figures.provinces,
      windowHours: rule.windowHours,
    };
    deps.logger.warn(surge, 'a concern is surging');
    deps.io.to(rooms.oversight).emit('concern.surged', surge);
  }
  return touched.size;
}
