import { type ActorScope, type AnyActorScope, type SnapshotFrom, createActor, getStateNodes } from 'xstate';
import type { CaseStatus } from '../domain';
import { caseGuards, isPayloadGuard } from './case-guards';
import { caseMachine } from './case-machine';
import {
  AUDIT_TYPES,
  type CaseEffect,
  type CaseEvent,
  type CaseEventType,
  type CaseMachineContext,
  type MachineEvent,
  type TransitionContext,
} from './case-types';

type CaseSnapshot = SnapshotFrom<typeof caseMachine>;

/** The JSON form of a case's machine state, as stored in `case_file.machine_snapshot`. */
export interface PersistedCaseSnapshot {
  value: string | Record<string, string>;
  context: CaseMachineContext;
  status?: string;
  [key: string]: unknown;
}

export interface TransitionAccepted {
  ok: true;
  status: CaseStatus;
  previousStatus: CaseStatus | null;
  snapshot: PersistedCaseSnapshot;
  context: CaseMachineContext;
  effects: CaseEffect[];
  auditType: string;
}

export interface TransitionRefused {
  ok: false;
  /** `notAllowed`: the state does not take this event; `guardFailed`: it does, but not now or not from this actor. */
  reason: 'notAllowed' | 'guardFailed';
  message: string;
  guard?: string;
  status: CaseStatus | null;
}

export type TransitionResult = TransitionAccepted | TransitionRefused;

/** The persisted status is the innermost state: `{ open: 'inProgress' }` → `inProgress`. */
export function statusOf(value: PersistedCaseSnapshot['value']): CaseStatus {
  return (typeof value === 'string' ? value : Object.values(value)[0]!) as CaseStatus;
}

/**
 * XState's `transition()` builds a throwaway actor, with its initial state, for every call: most
 * of its cost. The case machine spawns, invokes and delays nothing, so one inert scope serves
 * every transition; its action executor only collects what the step decided (as `transition()`
 * does), and the case's effects are read from that list. Built on the actor-logic interface
 * (`machine.transition(snapshot, event, scope)`), which is public.
 */
const inertScope = (() => {
  const self = createActor(caseMachine);
  let collected: unknown[] = [];
  const scope = {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    defer: () => {},
    logger: () => {},
    stopChild: () => {},
    emit: () => {},
    actionExecutor: (action: unknown) => {
      collected.push(action);
    },
  } as unknown as AnyActorScope;
  return {
    run<T>(step: (scope: ActorScope<CaseSnapshot, MachineEvent>) => T): [T, Array<{ type: string; params?: unknown }>] {
      collected = [];
      const value = step(scope as unknown as ActorScope<CaseSnapshot, MachineEvent>);
      return [value, collected as Array<{ type: string; params?: unknown }>];
    },
  };
})();

function restore(persisted: PersistedCaseSnapshot): CaseSnapshot {
  return caseMachine.resolveState({ value: persisted.value as never, context: persisted.context });
}

/**
 * The one way a case changes state: pure, built on XState's `transition()`. Given the stored
 * snapshot (null for a new case), the event and the actor facts, it returns the next snapshot,
 * status and effects as data, or a refusal that says why. Nothing is executed here.
 */
export function transitionCase(
  persisted: PersistedCaseSnapshot | null,
  event: CaseEvent,
  ctx: TransitionContext,
): TransitionResult {
  let current: CaseSnapshot;
  if (persisted) {
    current = restore(persisted);
  } else {
    if (event.type !== 'submit')
      return {
        ok: false,
        reason: 'notAllowed',
        message: `${event.type} is not allowed on a case that does not exist yet`,
        status: null,
      };
    [current] = inertScope.run((scope) => caseMachine.getInitialSnapshot(scope as never));
  }
  const from = persisted ? statusOf(persisted.value) : null;
  const machineEvent = { ...event, $ctx: ctx } as MachineEvent;

  const candidates = candidateTransitions(current, event.type);
  if (!candidates.length)
    return {
      ok: false,
      reason: 'notAllowed',
      message: `${event.type} is not allowed from ${statusOf(current.value as never)}`,
      status: from,
    };

  const [next, actions] = inertScope.run((scope) => caseMachine.transition(current, machineEvent, scope as never));
  const taken = candidates.some((t) =>
    guardsOf(t.guard).every((name) => evaluate(name, current.context, machineEvent)),
  );
  if (!taken) {
    const failed = firstFailingGuard(candidates, current.context, machineEvent);
    return { ok: false, reason: 'guardFailed', guard: failed, message: `guard ${failed} failed`, status: from };
  }

  const effects = actions
    .filter((a) => !a.type.startsWith('xstate.'))
    .map((a) => ({ type: a.type, ...(a.params as object) }) as CaseEffect);
  const snapshot = caseMachine.getPersistedSnapshot(next) as unknown as PersistedCaseSnapshot;
  return {
    ok: true,
    status: statusOf(next.value as never),
    previousStatus: from,
    snapshot: JSON.parse(JSON.stringify(snapshot)) as PersistedCaseSnapshot,
    context: next.context,
    effects,
    auditType: AUDIT_TYPES[event.type],
  };
}

/**
 * The events this actor may start on the case now, for the UI's buttons and the API's
 * `availableTransitions`. Payload guards are skipped: the form asks for the payload.
 */
export function availableTransitions(persisted: PersistedCaseSnapshot, ctx: TransitionContext): CaseEventType[] {
  const current = restore(persisted);
  const eventTypes = new Set(
    getStateNodes(caseMachine.root, current.value).flatMap((node) => node.ownEvents as string[]),
  );
  const available: CaseEventType[] = [];
  for (const type of eventTypes) {
    if (type === 'submit') continue;
    const probe = { type, $ctx: ctx } as MachineEvent;
    const possible = candidateTransitions(current, type as CaseEventType).some((t) =>
      guardsOf(t.guard)
        .filter((name) => !isPayloadGuard(name))
        .every((name) => evaluate(name, current.context, probe)),
    );
    if (possible) available.push(type as CaseEventType);
  }
  return available.sort();
}

interface CandidateTransition {
  guard: unknown;
}

function candidateTransitions(snapshot: CaseSnapshot, type: CaseEventType): CandidateTransition[] {
  return getStateNodes(caseMachine.root, snapshot.value).flatMap(
    (node) => (node.on[type] ?? []) as CandidateTransition[],
  );
}

/** Flattens `and([...])`, `'name'` and `{ type: 'name' }` into guard names. */
function guardsOf(guard: unknown): string[] {
  if (!guard) return [];
  if (typeof guard === 'string') return [guard];
  if (typeof guard === 'function' && 'guards' in guard) return (guard.guards as unknown[]).flatMap(guardsOf);
  if (typeof guard === 'object' && guard !== null && 'type' in guard) return [String((guard as { type: string }).type)];
  throw new Error(`unsupported guard shape in the case machine: ${String(guard)}`);
}

function evaluate(name: string, context: CaseMachineContext, event: MachineEvent): boolean {
  const guard = caseGuards[name as keyof typeof caseGuards];
  if (!guard) throw new Error(`unknown guard ${name}`);
  return guard({ context, event });
}

function firstFailingGuard(
  candidates: CandidateTransition[],
  context: CaseMachineContext,
  event: MachineEvent,
): string {
  // The last candidate is the most permissive branch; its first failing guard explains the refusal best.
  for (const candidate of [...candidates].reverse()) {
    const failing = guardsOf(candidate.guard).find((name) => !evaluate(name, context, event));
    if (failing) return failing;
  }
  return 'unknown';
}
