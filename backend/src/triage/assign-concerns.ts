import {
  type ConcernCandidate,
  type EntityManager,
  type MikroORM,
  assignCaseToConcern,
  concernSurgedWithin,
  concernWindowFigures,
  findConcernCandidate,
  loadSurgeRule,
  markConcernSurged,
  tryLockConcernAssignment,
} from '@caunoi/db';
import { isConcernSurge } from '@caunoi/workflows';
import type { RealtimeServer } from '../realtime/socket-server';
import type { SlaContext } from '../transitions/sla-context';
import { markCampaigns } from './mark-campaigns';
import { rooms } from '../realtime/socket-events';
import type { Logger } from '../support/logger';

/** Cases assigned per transaction under the lock (each a few ms there: the search was done before). */
const ASSIGN_CHUNK = 50;
/** How long a job waits for another's chunk before it leaves the work to its retry. */
const LOCK_WAIT_MS = 3_000;

/**
 * New cases join the emerging concerns, after their commit (never in intake's way): each the most
 * alike cluster of the last 7 days, or a new one; copy-paste texts in it become one campaign. A
 * cluster that crosses the surge rule (as data) is marked once per window and the Government
 * Office is told live.
 */
export async function assignConcerns(
  deps: {
    orm: MikroORM;
    io: RealtimeServer;
    logger: Logger;
    loadSla: (em: EntityManager) => Promise<SlaContext>;
  },
  caseIds: readonly number[],
): Promise<number> {
  const rule = await loadSurgeRule(deps.orm.em.fork());
  const touched = new Set<number>();
  // Assignments are one at a time (one advisory lock). A job waits for it a few seconds at most,
  // then ends and the queue tries it again later: a burst waits in the job table, behind the
  // deliveries (priority), and a chunk keeps each hold short (about 1 s).
  for (let i = 0; i < caseIds.length; i += ASSIGN_CHUNK) {
    const chunk = caseIds.slice(i, i + ASSIGN_CHUNK);
    // The nearest-neighbour scans first, outside the lock (jobs do them side by side); under the
    // lock only the concerns made meanwhile are compared.
    const search = deps.orm.em.fork();
    const candidates: ConcernCandidate[] = [];
    for (const caseId of chunk) candidates.push(await findConcernCandidate(search, caseId));
    const done = await deps.orm.em.fork().transactional(async (tx) => {
      if (!(await tryLockConcernAssignment(tx, LOCK_WAIT_MS))) return false;
      for (const candidate of candidates) {
        const assigned = await assignCaseToConcern(tx, candidate.caseId, rule.similarity, candidate);
        if (assigned) touched.add(assigned.clusterId);
      }
      return true;
    });
    // Cases already assigned are skipped when it runs again.
    if (!done) throw new Error('concern assignment is busy elsewhere; the job will try again');
    // Campaigns outside the lock: one concern's at a time (its row), others side by side.
    await markCampaigns(deps, chunk, rule);
  }
  for (const clusterId of touched) {
    const em = deps.orm.em.fork();
    // A concern already marked in this window is not marked again: its figures need not be
    // counted again for each new case (a count that grows with the concern, in a viral surge).
    if (await concernSurgedWithin(em, clusterId, rule.windowHours)) continue;
    // Counted as far as the rule needs; the alert then says how many exactly (once per window).
    const enough = await concernWindowFigures(em, clusterId, rule.windowHours, rule.minCases);
    if (!isConcernSurge(enough, rule) || !(await markConcernSurged(em, clusterId, rule.windowHours))) continue;
    const figures = await concernWindowFigures(em, clusterId, rule.windowHours);
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
