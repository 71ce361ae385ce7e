import { type SnapshotFrom, getStateNodes, initialTransition, transition } from 'xstate';
import { type CaseStatus, isOpenStatus } from '../domain';
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

/** The stored snapshot of a case in `status` (used when cases are written without the machine, e.g. demo data). */
export function persistedSnapshotFor(status: CaseStatus, context: CaseMachineContext): PersistedCaseSnapshot {
  const isOpen = status !== 'received' && isOpenStatus(status);
  const value = isOpen ? { open: status } : status;
  return { value, context, status: isOpen || status === 'received' ? 'active' : 'done' };
}

function restore(persisted: PersistedCaseSnapshot): CaseSnapshot {
  return caseMachine.resolveState({ value: persisted.value as never, context: persisted.context });
}

/**
 * The one way a case changes state: pure, built on XState's `transition()`. Given the stored
 * snapshot (null for a new case), the event and the actor facts, it returns the next snapshot,
 * status and effects as data, or a refusal that says why. Nothing is executed here.
 */
export function transitionCase(persisted: PersistedCaseSnapshot | null, event: CaseEvent, ctx: TransitionContext): TransitionResult {
  let current: CaseSnapshot;
  if (persisted) {
    current = restore(persisted);
  } else {
    if (event.type !== 'submit') return { ok: false, reason: 'notAllowed', message: `${event.type} is not allowed on a case that does not exist yet`, status: null };
    [current] = initialTransition(caseMachine);
  }
  const from = persisted ? statusOf(persisted.value) : null;
  const machineEvent = { ...event, $ctx: ctx } as MachineEvent;

  const candidates = candidateTransitions(current, event.type);
  if (!candidates.length) return { ok: false, reason: 'notAllowed', message: `${event.type} is not allowed from ${statusOf(current.value as never)}`, status: from };

  const [next, actions] = transition(caseMachine, current, machineEvent);
  const taken = candidates.some((t) => guardsOf(t.guard).every((name) => evaluate(name, current.context, machineEvent)));
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
  const eventTypes = new Set(getStateNodes(caseMachine.root, current.value).flatMap((node) => node.ownEvents as string[]));
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
  return getStateNodes(caseMachine.root, snapshot.value).flatMap((node) => (node.on[type] ?? []) as CandidateTransition[]);
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

function firstFailingGuard(candidates: CandidateTransition[], context: CaseMachineContext, event: MachineEvent): string {
  // The last candidate is the most permissive branch; its first failing guard explains the refusal best.
  for (const candidate of [...candidates].reverse()) {
    const failing = guardsOf(candidate.guard).find((name) => !evaluate(name, context, event));
    if (failing) return failing;
  }
  return 'unknown';
}
