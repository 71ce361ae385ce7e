import { Case, type EntityManager, type MikroORM, claimDueCases, postponeSweep } from '@caunoi/db';
import { sweepEventFor } from '@caunoi/workflows';
import { clocksOf } from '../transitions/clocks-of';
import { changeCase } from '../transitions/change-case';
import type { Logger } from '../support/logger';
import type { SlaContext } from '../transitions/sla-context';

export interface SweepResult {
  fired: number;
  failed: number;
}

const BATCH = 200;
/** A case whose event fails is looked at again after this, instead of at every sweep. */
const RETRY_AFTER_MS = 5 * 60_000;

/**
 * Fires the deadlines that have passed (invariant 5): claims due open cases with
 * `FOR UPDATE SKIP LOCKED`, so any number of instances can sweep one database and each deadline
 * fires once, then feeds `slaBreached` / `infoTimeout` / `resolveTimeout` through the one
 * transition path, one savepoint per case. Time is a column, so a restart loses nothing: what was
 * not swept is still due. The `sweepDeadlines` task runs this on the job queue's schedule.
 */
export async function sweepDueCases(
  orm: MikroORM,
  loadSla: (em: EntityManager) => Promise<SlaContext>,
  logger: Logger,
  now: Date = new Date(),
  /** Called after each case inside the batch transaction; throwing aborts (rolls back) the batch, as a crash would. */
  onCase: (caseId: number) => void = () => {},
): Promise<SweepResult> {
  const result: SweepResult = { fired: 0, failed: 0 };
  for (;;) {
    const batch = await orm.em.fork().transactional(async (tx) => {
      const due = await claimDueCases(tx, now, BATCH);
      const sla = await loadSla(tx);
      for (const id of due) {
        try {
          await tx.transactional(async (inner) => {
            // The batch already holds the row locks (SKIP LOCKED): the case is passed, not locked again.
            const kase = await inner.findOneOrFail(Case, id, { populate: ['owningUnit', 'citizen', 'category'] });
            const event = sweepEventFor(kase.status, clocksOf(kase), now);
            if (!event) throw new Error(`nothing to fire for a ${kase.status} case`);
            await changeCase(inner, sla, kase, {
              event,
              context: { actor: { kind: 'system', relation: 'none' } },
              actor: { actorType: 'system', actor: 'system:sweeper', userId: null },
              now,
            });
          });
          result.fired += 1;
        } catch (error) {
          if (error instanceof SweepAborted) throw error;
          result.failed += 1;
          logger.error({ caseId: id, err: error }, 'sweeper could not fire a deadline; retrying later');
          await postponeSweep(tx, id, new Date(now.getTime() + RETRY_AFTER_MS));
        }
        onCase(id);
        // The row locks are the database's, not the identity map's: forgetting the cases already
        // fired keeps each flush from looking at every case of the batch again (quadratic work).
        tx.clear();
      }
      return due.length;
    });
    if (batch < BATCH) return result;
  }
}

/** Thrown by an `onCase` callback to abandon the sweep (tests use it to stand for a crash). */
export class SweepAborted extends Error {}
