import { type MikroORM, refreshJobTableStatistics } from '@caunoi/db';
import { isDatabaseUnavailable } from '../http/database-unavailable';
import type { Logger } from '../support/logger';

/** How often an instance looks at the job table's size: a burst fills the queue within seconds. */
export const JOB_STATISTICS_EVERY_MS = 10_000;

/**
 * While the job runner runs, keeps the planner's figure for the job table near its live size
 * (`refreshJobTableStatistics`: a burst must not leave every transaction that adds a job scanning
 * the whole queue). One look at a time, on the ORM's pool for one statement; every instance
 * looks, and once one has analyzed, the others find nothing to do.
 */
export function keepJobTableStatistics(
  orm: MikroORM,
  logger: Logger,
  everyMs: number = JOB_STATISTICS_EVERY_MS,
): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let failing = false;
  const look = async () => {
    try {
      if (await refreshJobTableStatistics(orm.em.fork())) logger.debug('job table analyzed: its size had moved');
      failing = false;
    } catch (error) {
      // Said once per outage: the next look tries again.
      if (!failing && !isDatabaseUnavailable(error))
        logger.warn({ err: error }, 'could not refresh the job table statistics');
      failing = true;
    }
    if (!stopped) schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => void look(), everyMs);
    timer.unref();
  };
  schedule();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
