import { type MikroORM, assignCaseToConcern, concernWindowFigures, loadSurgeRule, markConcernSurged } from '@caunoi/db';
import { isConcernSurge } from '@caunoi/workflows';
import type { RealtimeServer } from '../realtime/socket-server';
import { rooms } from '../realtime/socket-events';
import type { Logger } from '../support/logger';

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
  // A transaction's cases in one transaction here too: the assignments are serialised (one
  // advisory lock), so one lock and one commit for the group keeps a burst from queueing up.
  await deps.orm.em.fork().transactional(async (tx) => {
    for (const caseId of caseIds) {
      const assigned = await assignCaseToConcern(tx, caseId, rule.similarity);
      if (assigned) touched.add(assigned.clusterId);
    }
  });
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
