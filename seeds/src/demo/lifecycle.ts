import { type ActorType, type CaseStatus, type MessageDirection, type Period, REOPEN_WINDOW, type SlaClock, type WorkingCalendar } from '@caunoi/workflows';
import { ANSWER_TEXTS, QUESTION_TEXTS } from './texts';
import type { SeededRandom } from './random';

/**
 * The history of one demo case: the audit events, the conversation and the case's resulting
 * columns, consistent with the lifecycle of DESIGN.md §3 and with deadlines computed on the
 * working calendar from the SLA rules. The demo reads like real data only if every state is
 * reached the way the machine would reach it.
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
}

export interface DemoOfficer {
  label: string;
  userId: number | null;
}

export interface LifecycleInput {
  random: SeededRandom;
  calendar: WorkingCalendar;
  periodFor: (clock: SlaClock) => Period;
  receivedAt: Date;
  asOf: Date;
  target: CaseStatus;
  autoRouted: boolean;
  triageOfficer: DemoOfficer;
  officer: DemoOfficer;
  owningUnitCode: string;
  /** Routed first to this unit, then transferred to the owning unit. */
  transferredFromUnitCode: string | null;
  trackingCode: string;
  title: string;
  body: string;
}

export interface LifecycleResult {
  status: CaseStatus;
  events: DemoEvent[];
  messages: DemoMessage[];
  acknowledgeDueAt: Date;
  transferDueAt: Date | null;
  acceptDueAt: Date | null;
  resolveDueAt: Date | null;
  citizenReplyDueAt: Date | null;
  autoCloseDueAt: Date | null;
  nextDueAt: Date | null;
  pausedAt: Date | null;
  pausedSeconds: number;
  escalationLevel: number;
  escalatedAt: Date | null;
  transferCount: number;
  reopenCount: number;
  satisfaction: number | null;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  assigned: boolean;
}

/** Working days past a breach before the next escalation level (DESIGN.md §5 ladder). */
const ESCALATION_STEP_WORKING_DAYS = 5;

export function buildLifecycle(input: LifecycleInput): LifecycleResult {
  const { random, calendar, periodFor, asOf } = input;
  const events: DemoEvent[] = [];
  const messages: DemoMessage[] = [];
  let now = input.receivedAt;
  let status: CaseStatus;
  const later = (minHours: number, maxHours: number) => {
    const next = new Date(now.getTime() + random.int(minHours * 60, maxHours * 60) * 60_000);
    now = next < asOf ? next : new Date(Math.max(now.getTime(), asOf.getTime() - random.int(1, 60) * 60_000));
    return now;
  };
  const record = (type: string, actor: DemoOfficer | 'citizen' | 'system', to: CaseStatus | null, extra: Partial<DemoEvent> = {}) => {
    const actorFields =
      actor === 'citizen'
        ? { actorType: 'citizen' as const, actor: 'citizen', actorUserId: null }
        : actor === 'system'
          ? { actorType: 'system' as const, actor: 'system', actorUserId: null }
          : { actorType: 'officer' as const, actor: actor.label, actorUserId: actor.userId };
    events.push({ type, ...actorFields, fromStatus: type === 'SUBMITTED' ? null : status, toStatus: to, reason: null, payload: {}, at: now, ...extra });
    if (to) status = to;
  };
  const result = {
    acknowledgeDueAt: calendar.addPeriod(input.receivedAt, periodFor('acknowledge')),
    transferDueAt: calendar.addPeriod(input.receivedAt, periodFor('transfer')),
    acceptDueAt: null as Date | null,
    resolveDueAt: null as Date | null,
    citizenReplyDueAt: null as Date | null,
    pausedAt: null as Date | null,
    pausedSeconds: 0,
    transferCount: 0,
    reopenCount: 0,
    satisfaction: null as number | null,
    acceptedAt: null as Date | null,
    resolvedAt: null as Date | null,
    closedAt: null as Date | null,
  };

  status = 'received';
  const firstUnit = input.transferredFromUnitCode ?? input.owningUnitCode;
  record('SUBMITTED', 'citizen', input.autoRouted ? 'routed' : 'triage', { payload: input.autoRouted ? { autoRoutedTo: firstUnit } : {} });
  messages.push({ direction: 'inbound', subject: input.title, body: input.body, at: now });
  later(0, 0.2);
  messages.push({ direction: 'outbound', subject: `[${input.trackingCode}] Đã tiếp nhận phản ánh, kiến nghị`, body: `Cơ quan đã tiếp nhận phản ánh, kiến nghị của ông/bà. Mã tra cứu: ${input.trackingCode}.`, at: now });

  const finish = (): LifecycleResult => finishLifecycle(input, events, messages, status, result);
  if (input.target === 'triage') return finish();
  if (input.target === 'rejected' && random.chance(0.6)) {
    later(4, 60);
    record('REJECTED', input.autoRouted ? input.officer : input.triageOfficer, 'rejected', { reason: 'Nội dung không thuộc phạm vi tiếp nhận phản ánh, kiến nghị (Nghị định 20/2008, Điều 9).' });
    return finish();
  }

  if (!input.autoRouted) {
    later(2, 40);
    record('ROUTED', input.triageOfficer, 'routed', { payload: { unitCode: firstUnit } });
  }
  result.acceptDueAt = calendar.addPeriod(now, periodFor('accept'));
  if (input.transferredFromUnitCode) {
    later(8, 70);
    record('TRANSFERRED', { label: `officer@${input.transferredFromUnitCode}`, userId: null }, 'routed', {
      reason: 'Nội dung thuộc thẩm quyền giải quyết của đơn vị khác.',
      payload: { fromUnitCode: input.transferredFromUnitCode, toUnitCode: input.owningUnitCode },
    });
    result.transferCount = 1;
    result.acceptDueAt = calendar.addPeriod(now, periodFor('accept'));
  }
  if (input.target === 'routed') return finish();
  if (input.target === 'merged' || input.target === 'rejected') {
    later(4, 50);
    if (input.target === 'rejected') record('REJECTED', input.officer, 'rejected', { reason: 'Phản ánh không có nội dung cụ thể, không xác định được địa điểm.' });
    else record('MERGED', input.officer, 'merged', { reason: 'Trùng nội dung với phản ánh đã tiếp nhận.' });
    return finish();
  }

  later(3, 50);
  record('ACCEPTED', input.officer, 'inProgress');
  result.acceptedAt = now;
  result.resolveDueAt = calendar.addPeriod(now, periodFor('resolve'));

  if (input.target === 'awaitingCitizen' || random.chance(0.2)) {
    later(10, 80);
    const question = random.pick(QUESTION_TEXTS);
    record('INFO_REQUESTED', input.officer, 'awaitingCitizen', { payload: { question } });
    messages.push({ direction: 'outbound', subject: `[${input.trackingCode}] Đề nghị bổ sung thông tin`, body: question, at: now });
    const pausedFrom = now;
    result.citizenReplyDueAt = calendar.addPeriod(now, periodFor('citizenReply'));
    if (input.target === 'awaitingCitizen') {
      result.pausedAt = pausedFrom;
      return finish();
    }
    later(6, 90);
    record('CITIZEN_REPLIED', 'citizen', 'inProgress');
    messages.push({ direction: 'inbound', subject: null, body: 'Tôi xin bổ sung thông tin như cơ quan đề nghị, kèm theo ảnh chụp hiện trạng.', at: now });
    const paused = Math.round((now.getTime() - pausedFrom.getTime()) / 1000);
    result.pausedSeconds += paused;
    result.resolveDueAt = new Date(result.resolveDueAt.getTime() + paused * 1000);
    result.citizenReplyDueAt = null;
  }
  if (input.target === 'inProgress') return finish();

  const respond = () => {
    later(12, 24 * 12);
    const answer = random.pick(ANSWER_TEXTS);
    record('RESPONDED', input.officer, 'resolved', { payload: { answer } });
    messages.push({ direction: 'outbound', subject: `[${input.trackingCode}] Kết quả giải quyết phản ánh, kiến nghị`, body: answer, at: now });
    result.resolvedAt = now;
  };
  respond();
  if (input.target === 'closed' && random.chance(0.06)) {
    later(4, 72);
    record('REOPENED', 'citizen', 'inProgress', { reason: 'Kết quả giải quyết chưa thỏa đáng, vấn đề vẫn tiếp diễn.' });
    messages.push({ direction: 'inbound', subject: null, body: 'Tôi chưa đồng ý với kết quả trả lời vì tình trạng vẫn chưa được khắc phục.', at: now });
    result.reopenCount = 1;
    respond();
  }
  if (input.target === 'resolved') return finish();

  later(24, 24 * 7);
  if (random.chance(0.6)) {
    result.satisfaction = Number(random.weighted({ '1': 1, '2': 1, '3': 3, '4': 6, '5': 6 }));
    record('CLOSED', 'citizen', 'closed', { payload: { satisfaction: result.satisfaction } });
  } else {
    record('CLOSED', 'system', 'closed', { reason: 'Hết thời hạn phản hồi sau khi có kết quả giải quyết.' });
  }
  result.closedAt = now;
  return finish();
}

type ClockColumns = Omit<LifecycleResult, 'status' | 'events' | 'messages' | 'nextDueAt' | 'escalationLevel' | 'escalatedAt' | 'assigned' | 'autoCloseDueAt'>;

/** Adds the SLA breaches the case has run into by `asOf`, and what the sweeper must look at next. */
function finishLifecycle(input: LifecycleInput, events: DemoEvent[], messages: DemoMessage[], status: CaseStatus, result: ClockColumns): LifecycleResult {
  const { calendar, asOf } = input;
  const clock: { name: SlaClock; due: Date | null; end: Date } =
    status === 'triage'
      ? { name: 'transfer', due: result.transferDueAt, end: asOf }
      : status === 'routed'
        ? { name: 'accept', due: result.acceptDueAt, end: asOf }
        : status === 'inProgress'
          ? { name: 'resolve', due: result.resolveDueAt, end: asOf }
          : status === 'resolved' || status === 'closed'
            ? { name: 'resolve', due: result.resolveDueAt, end: result.resolvedAt ?? asOf }
            : { name: 'resolve', due: null, end: asOf };

  let escalationLevel = 0;
  let escalatedAt: Date | null = null;
  let nextDueAt: Date | null = null;
  if (clock.due) {
    let stepAt = clock.due;
    while (stepAt < clock.end && escalationLevel < 3) {
      escalationLevel += 1;
      escalatedAt = stepAt;
      events.push({ type: 'SLA_BREACHED', actorType: 'system', actor: 'system:sweeper', actorUserId: null, fromStatus: null, toStatus: null, reason: null, payload: { clock: clock.name, level: escalationLevel, dueAt: clock.due.toISOString() }, at: stepAt });
      // Only open cases climb the ladder; a late answer is one breach on the record.
      if (status === 'resolved' || status === 'closed') break;
      stepAt = calendar.addWorkingDays(stepAt, ESCALATION_STEP_WORKING_DAYS);
    }
    const isOpenClock = status === 'triage' || status === 'routed' || status === 'inProgress';
    if (isOpenClock && escalationLevel < 3) nextDueAt = stepAt;
  }
  if (status === 'awaitingCitizen') nextDueAt = result.citizenReplyDueAt;
  const autoCloseDueAt = status === 'resolved' && result.resolvedAt ? calendar.addPeriod(result.resolvedAt, REOPEN_WINDOW) : null;
  if (status === 'resolved') nextDueAt = autoCloseDueAt;

  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  const isPostAccept = status === 'inProgress' || status === 'awaitingCitizen' || status === 'resolved' || status === 'closed';
  return {
    ...result,
    status,
    events,
    messages,
    autoCloseDueAt,
    nextDueAt,
    escalationLevel,
    escalatedAt,
    assigned: isPostAccept,
  };
}
