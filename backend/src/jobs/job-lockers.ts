import { type MikroORM, forgetJobLockers, unlockJobsOfDeadLockers, vouchForJobLockers } from '@caunoi/db';
import { isDatabaseUnavailable } from '../http/database-unavailable';
import type { Logger } from '../support/logger';

/** How long a lock may go unvouched before it counts as a dead process's (JOB_LOCK_STALE_MS). */
export const JOB_LOCK_STALE_MS = 60_000;

/**
 * While a job runner runs: says every `staleMs / 6` which ids it locks jobs under, and unlocks
 * the jobs of ids nobody vouched for within `staleMs` (a process killed or crashed while it held
 * fetched jobs, which graphile-worker would leave locked for four hours). Six chances to vouch
 * before a lock counts as dead: a slow moment of the database does not make a live process's jobs
 * run twice. One statement each, on the ORM's pool; every runner looks, the first one unlocks.
 */
export function keepJobLockersHonest(
  orm: MikroORM,
  logger: Logger,
  lockerIds: () => readonly string[],
  staleMs: number = JOB_LOCK_STALE_MS,
): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let failing = false;
  let looking: Promise<void> = Promise.resolve();
  const look = async () => {
    try {
      const em = orm.em.fork();
      await vouchForJobLockers(em, lockerIds());
      const dead = await unlockJobsOfDeadLockers(em, staleMs / 1000);
      if (dead.length)
        logger.warn(
          { lockers: dead },
          'unlocked the jobs of a process that stopped without handing them back; they run now',
        );
      failing = false;
    } catch (error) {
      // Said once per outage: the next look tries again.
      if (!failing && !isDatabaseUnavailable(error)) logger.warn({ err: error }, 'could not vouch for the job locks');
      failing = true;
    }
    if (!stopped) schedule(staleMs / 6);
  };
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      looking = look();
    }, delayMs);
    timer.unref();
  };
  // At once: a process that starts after a crash frees the dead one's jobs within seconds.
  schedule(0);
  return {
    /** After the runner handed its jobs back: its ids are forgotten. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await looking;
      await forgetJobLockers(orm.em.fork(), lockerIds()).catch((error: unknown) =>
        logger.debug({ err: error }, 'could not forget the job lockers'),
      );
    },
  };
}
