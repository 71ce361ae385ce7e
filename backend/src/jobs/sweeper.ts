import {
  Case,
  type ChangeableCase,
  type EntityManager,
  type MikroORM,
  claimDueCases,
  postponeSweep,
  readClaimedCases,
} from '@caunoi/db';
import { type CaseEvent, sweepEventFor } from '@caunoi/workflows';
import { clocksOf } from '../transitions/clocks-of';
import { type CaseChange, changeCase, changeCases } from '../transitions/change-case';
import type { Logger } from '../support/logger';
import type { SlaContext } from '../transitions/sla-context';

export interface SweepResult {
  fired: number;
  failed: number;
  /** The SLA warnings and breaches among the fired, once committed (for the metrics). */
  sla: SlaFired[];
}

/** One warning or breach, by what an operator groups them by (no unit codes: bounded labels). */
export interface SlaFired {
  kind: 'warning' | 'breach';
  clock: string;
  unitLevel: string;
  /** The escalation level after the event (0 for a warning). */
  escalationLevel: number;
}

function slaFired(kase: ChangeableCase, event: CaseEvent): SlaFired | null {
  if (event.type !== 'slaWarning' && event.type !== 'slaBreached') return null;
  return {
    kind: event.type === 'slaWarning' ? 'warning' : 'breach',
    clock: event.clock,
    unitLevel: kase.owningUnit.level,
    escalationLevel: event.type === 'slaWarning' ? 0 : (kase.escalationLevel ?? 0),
  };
}

const BATCH = 500;
const LANES = 2;
/** A case whose event fails is looked at again after this, instead of at every sweep. */
const RETRY_AFTER_MS = 5 * 60_000;

export interface SweepOptions {
  /** Cases per transaction (default 500). */
  batchSize?: number;
  /** Called for each case inside the batch transaction; throwing aborts (rolls back) the batch, as a crash would. */
  onCase?: (caseId: number) => void;
}

interface Lane {
  batch: number;
  onCase: (caseId: number) => void;
}

const SWEEPER = { actorType: 'system', actor: 'system:sweeper', userId: null } as const;

/**
 * Fires the deadlines that have passed (invariant 5): claims due open cases with
 * `FOR UPDATE SKIP LOCKED`, so any number of instances can sweep one database and each deadline
 * fires once, then feeds `slaBreached` / `infoTimeout` / `resolveTimeout` through the one
 * transition path for the whole batch at once (one read of the cases, one write of all of them:
 * set-based work, not a dozen round trips per case). A batch the database refuses is fired again
 * case by case, so one bad case delays no other. Time is a column, so a restart loses nothing:
 * what was not swept is still due. The `sweepDeadlines` task runs this on the job queue's schedule.
 */
export async function sweepDueCases(
  orm: MikroORM,
  loadSla: (em: EntityManager) => Promise<SlaContext>,
  logger: Logger,
  now: Date = new Date(),
  options: SweepOptions = {},
): Promise<SweepResult> {
  const result: SweepResult = { fired: 0, failed: 0, sla: [] };
  const lane: Lane = { batch: options.batchSize ?? BATCH, onCase: options.onCase ?? (() => {}) };
  // Two batches in flight: while one waits for the database, the other runs the machine.
  // A lane that fails ends the sweep only once the other has settled: nothing of this sweep is
  // still writing when its caller hears it ended (a lane left running held its batch's locks).
  const lanes = await Promise.allSettled(
    Array.from({ length: LANES }, () => sweepLane(orm, loadSla, logger, now, lane, result)),
  );
  const failed = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
  if (failed) throw failed.reason;
  return result;
}

async function sweepLane(
  orm: MikroORM,
  loadSla: (em: EntityManager) => Promise<SlaContext>,
  logger: Logger,
  now: Date,
  { batch, onCase }: Lane,
  result: SweepResult,
): Promise<void> {
  for (;;) {
    let claimed: number[] = [];
    let slaEvents: SlaFired[] = [];
    try {
      const fired = await orm.em.fork().transactional(async (tx) => {
        slaEvents = [];
        claimed = await claimDueCases(tx, now, batch);
        if (claimed.length === 0) return 0;
        const sla = await loadSla(tx);
        // The batch already holds the row locks (SKIP LOCKED): the cases are read, not locked again,
        // as plain records (the writer writes their rows itself; no unit of work is needed).
        const cases = await readClaimedCases(tx, claimed);
        const changes: Array<{ kase: ChangeableCase; change: CaseChange<ChangeableCase> }> = [];
        for (const kase of cases) {
          const event = sweepEventFor(kase.status, clocksOf(kase), now);
          if (event) changes.push({ kase, change: sweepChange(event, now) });
          else await postponeUnfired(tx, logger, kase.id, `nothing to fire for a ${kase.status} case`, now, result);
          onCase(kase.id);
        }
        const outcomes = await changeCases(tx, sla, changes);
        for (const [i, outcome] of outcomes.entries()) {
          if (!outcome.ok) await postponeUnfired(tx, logger, outcome.kase.id, outcome.error, now, result);
          else {
            const fired = slaFired(outcome.kase, changes[i]!.change.event);
            if (fired) slaEvents.push(fired);
          }
        }
        // Everything is written; the references the writer took need not be compared again at commit.
        tx.clear();
        return outcomes.filter((o) => o.ok).length;
      });
      result.fired += fired;
      result.sla.push(...slaEvents);
    } catch (error) {
      if (error instanceof SweepAborted || claimed.length === 0) throw error;
      // The database refused the batch as a whole: fire its cases one by one, so the bad one is found and set aside.
      logger.warn({ err: error, cases: claimed.length }, 'sweeper batch failed; firing its cases one by one');
      for (const id of claimed) await sweepOne(orm, loadSla, logger, id, now, result);
    }
    if (claimed.length < batch) return;
  }
}

function sweepChange(event: NonNullable<ReturnType<typeof sweepEventFor>>, now: Date): CaseChange<ChangeableCase> {
  return { event, context: { actor: { kind: 'system', relation: 'none' } }, actor: SWEEPER, now };
}

/** One case on its own transaction (the fallback for a refused batch); a failure postpones it. */
async function sweepOne(
  orm: MikroORM,
  loadSla: (em: EntityManager) => Promise<SlaContext>,
  logger: Logger,
  caseId: number,
  now: Date,
  result: SweepResult,
): Promise<void> {
  try {
    const fired = await orm.em.fork().transactional(async (tx) => {
      const [locked] = await claimDueCases(tx, now, 1, caseId);
      if (locked === undefined) return { fired: false, sla: null }; // fired meanwhile by another instance, or no longer due
      const kase = await tx.findOneOrFail(Case, caseId, { populate: ['owningUnit', 'citizen'] });
      const event = sweepEventFor(kase.status, clocksOf(kase), now);
      if (!event) throw new Error(`nothing to fire for a ${kase.status} case`);
      await changeCase(tx, await loadSla(tx), kase, sweepChange(event, now));
      return { fired: true, sla: slaFired(kase, event) };
    });
    if (fired.fired) result.fired += 1;
    if (fired.sla) result.sla.push(fired.sla);
  } catch (error) {
    await orm.em.fork().transactional((tx) => postponeUnfired(tx, logger, caseId, error, now, result));
  }
}

async function postponeUnfired(
  tx: EntityManager,
  logger: Logger,
  caseId: number,
  error: unknown,
  now: Date,
  result: SweepResult,
): Promise<void> {
  result.failed += 1;
  logger.error({ caseId, err: error }, 'sweeper could not fire a deadline; retrying later');
  await postponeSweep(tx, caseId, new Date(now.getTime() + RETRY_AFTER_MS));
}

/** Thrown by an `onCase` callback to abandon the sweep (tests use it to stand for a crash). */
export class SweepAborted extends Error {}
