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
  // Assignments are one at a time (one advisory lock). A job that finds the lock taken lets go
  // of its connection and waits outside any transaction: a burst queues in the job table, never
  // in the pool that intake and the officers share. A chunk keeps each hold short (about 1 s).
  for (let i = 0; i < caseIds.length; i += ASSIGN_CHUNK) {
    const chunk = caseIds.slice(i, i + ASSIGN_CHUNK);
    for (let attempt = 0; ; attempt += 1) {
      const done = await deps.orm.em.fork().transactional(async (tx) => {
        if (!(await tryLockConcernAssignment(tx))) return false;
        for (const caseId of chunk) {
          const assigned = await assignCaseToConcern(tx, caseId, rule.similarity);
          if (assigned) touched.add(assigned.clusterId);
        }
        return true;
      });
      if (done) break;
      // Another instance is assigning: try again in a moment; after a while, the job's own retry.
      if (attempt === 50) throw new Error('concern assignment is busy elsewhere; the job will try again');
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 100));
    }
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
