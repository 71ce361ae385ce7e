import { type ChangeableCase, type EntityManager, type MikroORM, lockCasesInScopes } from '@caunoi/db';
import type { TTransitionRequest } from '@caunoi/contract';
import { type CaseEvent as MachineCaseEvent, caseScopeFor } from '@caunoi/workflows';
import type { Principal } from '../auth/principal';
import { AppError } from '../http/app-error';
import type { RoutingReference } from '../routing/route-submission';
import type { Logger } from '../support/logger';
import { type TransitionOutcome, actorRecordOf, applyTransition } from './apply-transition';
import { type CaseChange, changeCases } from './change-case';
import type { SlaContext } from './sla-context';
import { transitionContextFor } from './transition-context';

/**
 * The transitions a group can take: those that name nothing but the case itself. The others name
 * a unit, another case, an officer, a category or files, which must be checked (and some locked)
 * first: they take the single path (`applyTransition`), one transaction each.
 */
export function goesInGroup(request: TTransitionRequest): boolean {
  switch (request.type) {
    case 'accept':
    case 'reject':
    case 'requestInfo':
    case 'postProgress':
    case 'approveAnswer':
    case 'returnAnswer':
    case 'close':
    case 'urge':
    case 'extendDeadline':
      return true;
    case 'respond':
      return !request.attachmentIds?.length;
    default:
      return false;
  }
}

export interface TransitionGroups {
  /**
   * An officer's (or agency's) transition; resolves after the commit that holds it. A request in
   * flight holds its HTTP connection, so a server that stops waits for it like for any other.
   */
  apply(principal: Principal, caseId: number, request: TTransitionRequest, now?: Date): Promise<TransitionOutcome>;
}

export interface TransitionGroupOptions {
  /** Groups being written at once (each on one pooled connection). */
  lanes?: number;
  /** The most transitions in one group. */
  maxItems?: number;
  /** The fewest waiting transitions for which a second lane opens while one is busy. */
  minExtraGroup?: number;
}

interface Waiting {
  principal: Principal;
  caseId: number;
  request: TTransitionRequest;
  now: Date;
  done: (outcome: TransitionOutcome) => void;
  failed: (error: unknown) => void;
}

/**
 * Group commit for officers' transitions, as intake has it for submissions (issue: national
 * scale). Transitions that arrive while a group is being written wait and go together in one
 * transaction: their cases read and locked in one statement (each within its own officer's
 * jurisdiction, lowest id first), each decided by the machine on its own through the one path
 * (`changeCases`, as the sweeper's batches are), written in the same few statements whatever
 * their number, and answered after that commit. A lone transition goes at once, so waiting grows
 * only with load. A refusal or a stale version refuses that transition only; a group the
 * database refuses as a whole is tried again one transition per transaction, each answered with
 * its own outcome. One case appears once in a group: a second transition of it waits for the
 * next group, where it sees the first one's version. No lane holds a connection while it waits
 * for another.
 */
export function createTransitionGroups(
  deps: {
    orm: MikroORM;
    loadSla: (em: EntityManager) => Promise<SlaContext>;
    loadRouting?: (em: EntityManager) => Promise<RoutingReference>;
    logger: Logger;
  },
  { lanes = 2, maxItems = 100, minExtraGroup = 4 }: TransitionGroupOptions = {},
): TransitionGroups {
  const queue: Waiting[] = [];
  let running = 0;

  const single = (w: Pick<Waiting, 'principal' | 'caseId' | 'request' | 'now'>) =>
    applyTransition(deps.orm.em.fork(), deps.loadSla, w.principal, w.caseId, w.request, w.now, deps.loadRouting);

  /** The oldest waiting transitions, one per case; the others keep their places for the next group. */
  const takeGroup = (): Waiting[] => {
    const group: Waiting[] = [];
    const cases = new Set<number>();
    for (let i = 0; i < queue.length && group.length < maxItems; ) {
      const w = queue[i]!;
      if (cases.has(w.caseId)) {
        i += 1;
        continue;
      }
      cases.add(w.caseId);
      group.push(w);
      queue.splice(i, 1);
    }
    return group;
  };

  const pump = (): void => {
    while (running < lanes && queue.length && (running === 0 || queue.length >= minExtraGroup)) {
      const group = takeGroup();
      running += 1;
      void write(group).finally(() => {
        running -= 1;
        pump();
      });
    }
  };

  const write = async (group: Waiting[]): Promise<void> => {
    let decided: Array<{ ok: true; outcome: TransitionOutcome } | { ok: false; error: unknown }>;
    try {
      decided = await deps.orm.em.fork().transactional((tx) => decideGroup(tx, group));
    } catch (error) {
      // Nothing of the group was written: each transition on its own, answered with its own outcome.
      if (group.length > 1)
        deps.logger.warn(
          { err: error, transitions: group.length },
          'a group of transitions failed; writing them one by one',
        );
      await Promise.all(
        group.map((w) => (group.length > 1 ? single(w) : Promise.reject(error)).then(w.done, w.failed)),
      );
      return;
    }
    for (const [i, w] of group.entries()) {
      const d = decided[i]!;
      if (d.ok) w.done(d.outcome);
      else w.failed(d.error);
    }
  };

  const decideGroup = async (tx: EntityManager, group: readonly Waiting[]) => {
    const cases = await lockCasesInScopes(
      tx,
      group.map((w) => ({ caseId: w.caseId, scope: caseScopeFor(w.principal) })),
    );
    const sla = await deps.loadSla(tx);
    const decided: Array<{ ok: true; outcome: TransitionOutcome } | { ok: false; error: unknown }> = [];
    const changes: Array<{ at: number; kase: ChangeableCase; change: CaseChange<ChangeableCase> }> = [];
    for (const [at, w] of group.entries()) {
      const kase = cases.get(w.caseId);
      if (!kase) {
        decided[at] = { ok: false, error: new AppError('NOT_FOUND', `No case ${w.caseId} in your jurisdiction`) };
        continue;
      }
      const { version, ...event } = w.request;
      changes.push({
        at,
        kase,
        change: {
          event: event as MachineCaseEvent,
          context: transitionContextFor(w.principal, kase, sla),
          actor: actorRecordOf(w.principal),
          now: w.now,
          expectedVersion: version,
        },
      });
    }
    const outcomes = await changeCases(tx, sla, changes);
    for (const [j, outcome] of outcomes.entries())
      decided[changes[j]!.at] = outcome.ok ? { ok: true, outcome } : { ok: false, error: outcome.error };
    return decided;
  };

  return {
    apply(principal, caseId, request, now = new Date()) {
      if (!goesInGroup(request)) return single({ principal, caseId, request, now });
      const decided = new Promise<TransitionOutcome>((done, failed) =>
        queue.push({ principal, caseId, request, now, done, failed }),
      );
      pump();
      return decided;
    },
  };
}
