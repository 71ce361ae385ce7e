import {
  type ActorType,
  type CaseClocks,
  NO_CLOCKS,
  type CaseColumnChanges,
  type CaseEvent,
  type CaseStatus,
  type ClockSetting,
  type MessageDirection,
  type PersistedCaseSnapshot,
  type TransitionActor,
  type TransitionFacts,
  auditPayloadFor,
  recordTransition,
  sweepEventFor,
  transitionCase,
} from '@caunoi/workflows';
import { ANSWER_TEXTS, QUESTION_TEXTS } from './texts';
import type { SeededRandom } from './random';

/**
 * The history of one demo case, replayed through the case machine on a simulated clock: every
 * event goes through workflows' `transitionCase` and `recordTransition` (the same functions the
 * backend's one transition path uses), and before each of them the deadlines that have passed
 * fire as the sweeper would fire them (`sweepEventFor`). The rows are therefore exactly what
 * production would have written, only written in bulk.
 */
export interface DemoEvent {
  type: string;
  actorType: ActorType;
  actor: string;
  actorUserId: number | null;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  reason: string | null;
  payload: Record<string, unknown>;
  at: Date;
}

export interface DemoMessage {
  direction: MessageDirection;
  body: string;
  subject: string | null;
  at: Date;
  /** A drafted answer waiting for the head: stored, never delivered. */
  draft?: boolean;
}

export interface DemoOfficer {
  label: string;
  userId: number | null;
}

export interface LifecycleInput {
  random: SeededRandom;
  setting: ClockSetting;
  receivedAt: Date;
  asOf: Date;
  target: CaseStatus;
  autoRouted: boolean;
  triageOfficer: DemoOfficer;
  officer: DemoOfficer;
  /** The unit that received it (the Government Office's desk unless it was routed on arrival). */
  receivingUnitCode: string;
  owningUnitCode: string;
  /** Routed first to this unit, then transferred to the owning unit. */
  transferredFromUnitCode: string | null;
  /** An open case on the same topic, for a demo case that turns out to be a duplicate. */
  mergeIntoCaseId: number | null;
  channel: string;
  title: string;
  body: string;
  /** The citizen agreed on the form that the question and its answer may be published. */
  publicationConsent: boolean;
  /** The unit head who publishes answers in the register (none: nothing is published). */
  head: DemoOfficer | null;
}

export interface LifecycleResult {
  status: CaseStatus;
  snapshot: PersistedCaseSnapshot;
  owningUnitCode: string;
  assigneeId: number | null;
  escalationLevel: number;
  escalatedAt: Date | null;
  transferCount: number;
  reopenCount: number;
  extensionCount: number;
  clocks: CaseClocks;
  columns: CaseColumnChanges;
  nextDueAt: Date | null;
  expectedAnswerAt: Date | null;
  duplicateOf: number | null;
  events: DemoEvent[];
  messages: DemoMessage[];
  /** When the head published the answer in the public register (with the citizen's consent), and who. */
  published: { at: Date; by: DemoOfficer } | null;
}

type Actor = { kind: 'citizen' } | { kind: 'system' } | { kind: 'officer'; officer: DemoOfficer; role?: 'supervisor' };

/** Replays a planned case; an event the machine refuses (a deadline got there first) ends the plan there. */
export function buildLifecycle(input: LifecycleInput): LifecycleResult {
  const { random, asOf } = input;
  let now = input.receivedAt;
  const state: LifecycleResult = {
    status: 'received',
    snapshot: null as unknown as PersistedCaseSnapshot,
    owningUnitCode: input.receivingUnitCode,
    assigneeId: null,
    escalationLevel: 0,
    escalatedAt: null,
    transferCount: 0,
    reopenCount: 0,
    extensionCount: 0,
    clocks: { ...NO_CLOCKS },
    columns: {},
    nextDueAt: null,
    expectedAnswerAt: null,
    duplicateOf: null,
    events: [],
    messages: [{ direction: 'inbound', subject: input.title, body: input.body, at: input.receivedAt }],
    published: null,
  };
  let exists = false;

  /** Applies one event at `at`; false when the machine refuses it. */
  const apply = (
    event: CaseEvent,
    actor: Actor,
    at: Date,
    facts: TransitionFacts = {},
    auditExtra: Record<string, unknown> = {},
  ): boolean => {
    const machineActor: TransitionActor =
      actor.kind === 'officer'
        ? {
            kind: 'officer',
            role: actor.role ?? 'officer',
            ...(actor.officer.userId ? { userId: actor.officer.userId } : {}),
            relation: 'owningUnit',
          }
        : { kind: actor.kind, relation: 'none' };
    const result = transitionCase(exists ? state.snapshot : null, event, { actor: machineActor, facts });
    if (!result.ok) return false;
    const fromStatus = exists ? state.status : null;
    const recorded = recordTransition(
      {
        status: fromStatus,
        escalationLevel: state.escalationLevel,
        escalatedAt: state.escalatedAt,
        clocks: state.clocks,
      },
      event,
      result,
      at,
      input.setting,
    );
    const previousUnit = state.owningUnitCode;
    state.status = recorded.status;
    state.snapshot = recorded.snapshot;
    state.owningUnitCode = recorded.context.owningUnitCode ?? state.owningUnitCode;
    state.assigneeId = recorded.context.assigneeId;
    state.escalationLevel = recorded.escalationLevel;
    state.transferCount = recorded.context.transferCount;
    state.reopenCount = recorded.context.reopenCount;
    state.extensionCount = recorded.context.extensionCount;
    state.columns = { ...state.columns, ...recorded.columns };
    if (recorded.columns.escalatedAt) state.escalatedAt = recorded.columns.escalatedAt;
    state.clocks = recorded.clocks;
    state.nextDueAt = recorded.nextDueAt;
    if (recorded.expectedAnswerAt !== undefined) state.expectedAnswerAt = recorded.expectedAnswerAt;
    if (event.type === 'merge') state.duplicateOf = event.intoCaseId;
    const extra = {
      ...(previousUnit !== state.owningUnitCode && exists ? { fromUnitCode: previousUnit } : {}),
      ...(recorded.pause ? { pause: recorded.pause } : {}),
      ...auditExtra,
    };
    state.events.push({
      type: result.auditType,
      ...(actor.kind === 'officer'
        ? { actorType: 'officer' as const, actor: actor.officer.label, actorUserId: actor.officer.userId }
        : actor.kind === 'citizen'
          ? { actorType: 'citizen' as const, actor: 'citizen', actorUserId: null }
          : { actorType: 'system' as const, actor: 'system:sweeper', actorUserId: null }),
      fromStatus,
      toStatus: result.status === fromStatus ? null : result.status,
      reason: 'reason' in event ? (event.reason ?? null) : null,
      payload: auditPayloadFor(event, extra),
      at,
    });
    if (recorded.entry)
      state.messages.push({
        direction: recorded.entry.direction,
        subject: recorded.entry.subject,
        body: recorded.entry.body,
        at,
        ...(result.status === 'awaitingApproval' ? { draft: true } : {}),
      });
    exists = true;
    return true;
  };

  /** Fires, in order, every deadline that passes before `until`, at its own time, as the sweeper does. */
  const sweepUntil = (until: Date) => {
    while (state.nextDueAt && state.nextDueAt <= until) {
      const at = state.nextDueAt;
      const event = sweepEventFor(state.status, state.clocks, at);
      if (!event || !apply(event, { kind: 'system' }, at)) return;
    }
  };

  /** The next planned event, some hours later (never after the demo's "now"), after the deadlines before it. */
  const step = (
    minHours: number,
    maxHours: number,
    event: CaseEvent,
    actor: Actor,
    facts: TransitionFacts = {},
  ): boolean => {
    const next = new Date(now.getTime() + random.int(minHours * 60, maxHours * 60) * 60_000);
    // A step that would fall after the demo's "now" happens just before it: the plan's state is reached.
    now = next < asOf ? next : new Date(Math.max(now.getTime(), asOf.getTime() - random.int(1, 60) * 60_000));
    sweepUntil(now);
    return apply(event, actor, now, facts);
  };

  const staff = (officer: DemoOfficer): Actor => ({ kind: 'officer', officer });
  const firstUnit = input.transferredFromUnitCode ?? input.owningUnitCode;
  apply(
    { type: 'submit', unitCode: input.autoRouted ? firstUnit : null },
    { kind: 'citizen' },
    now,
    {},
    { channel: input.channel, ...(input.autoRouted ? { autoRoutedTo: firstUnit } : {}) },
  );

  const plan = (): void => {
    if (input.target === 'triage') return;
    if (input.target === 'rejected' && random.chance(0.6)) {
      step(
        4,
        60,
        {
          type: 'reject',
          reason: 'Nội dung không thuộc phạm vi tiếp nhận phản ánh, kiến nghị (Nghị định 20/2008, Điều 9).',
        },
        staff(input.autoRouted ? input.officer : input.triageOfficer),
      );
      return;
    }
    if (!input.autoRouted && !step(2, 40, { type: 'route', unitCode: firstUnit }, staff(input.triageOfficer))) return;
    if (input.transferredFromUnitCode) {
      const from = { label: `officer@${input.transferredFromUnitCode}`, userId: null };
      if (
        !step(
          8,
          70,
          {
            type: 'transfer',
            unitCode: input.owningUnitCode,
            reason: 'Nội dung thuộc thẩm quyền giải quyết của đơn vị khác.',
          },
          staff(from),
        )
      )
        return;
    }
    if (input.target === 'routed') return;
    if (input.target === 'rejected') {
      step(
        4,
        50,
        { type: 'reject', reason: 'Phản ánh không có nội dung cụ thể, không xác định được địa điểm.' },
        staff(input.officer),
      );
      return;
    }
    if (input.target === 'merged' && input.mergeIntoCaseId !== null) {
      step(
        4,
        50,
        { type: 'merge', intoCaseId: input.mergeIntoCaseId, reason: 'Trùng nội dung với phản ánh đã tiếp nhận.' },
        staff(input.officer),
      );
      return;
    }
    if (!step(3, 50, { type: 'accept' }, staff(input.officer))) return;
    if (input.target === 'awaitingCitizen' || random.chance(0.2)) {
      if (!step(10, 80, { type: 'requestInfo', question: random.pick(QUESTION_TEXTS) }, staff(input.officer))) return;
      if (input.target === 'awaitingCitizen') return;
      if (
        !step(
          6,
          90,
          {
            type: 'citizenReplied',
            message: 'Tôi xin bổ sung thông tin như cơ quan đề nghị, kèm theo ảnh chụp hiện trạng.',
          },
          { kind: 'citizen' },
        )
      )
        return;
    }
    if (input.target === 'inProgress') return;
    if (input.target === 'awaitingApproval') {
      // A draft on the head's desk (ký duyệt): drafted, not yet approved.
      step(12, 24 * 10, { type: 'respond', answer: random.pick(ANSWER_TEXTS) }, staff(input.officer), {
        answerNeedsApproval: true,
      });
      return;
    }
    if (!step(12, 24 * 12, { type: 'respond', answer: random.pick(ANSWER_TEXTS) }, staff(input.officer))) return;
    if (input.target === 'closed' && random.chance(0.06)) {
      if (
        !step(
          4,
          72,
          { type: 'reopen', reason: 'Kết quả giải quyết chưa thỏa đáng, vấn đề vẫn tiếp diễn.' },
          { kind: 'citizen' },
          { reopenWindowOpen: true },
        )
      )
        return;
      if (!step(12, 24 * 12, { type: 'respond', answer: random.pick(ANSWER_TEXTS) }, staff(input.officer))) return;
    }
    if (input.target === 'resolved') return;
    // Most citizens rate the answer within the week; the others' cases close when the window ends (the sweeper's resolveTimeout).
    if (random.chance(0.6))
      step(
        24,
        24 * 6,
        { type: 'close', satisfaction: Number(random.weighted({ '1': 1, '2': 1, '3': 3, '4': 6, '5': 6 })) },
        { kind: 'citizen' },
      );
  };
  plan();
  // Half the closed answers whose citizen agreed are in the public register, published by the head.
  if (input.target === 'closed' && state.status === 'closed' && input.publicationConsent && input.head) {
    if (state.columns.resolvedAt && random.chance(0.5)) {
      const by = input.head;
      if (
        step(
          4,
          72,
          { type: 'publishAnswer', basis: 'consent' },
          { kind: 'officer', officer: by, role: 'supervisor' },
          {
            publishableOn: ['consent'],
            published: false,
          },
        )
      )
        state.published = { at: now, by };
    }
  }
  sweepUntil(asOf);
  return state;
}
