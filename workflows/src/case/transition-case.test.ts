import { describe, expect, it } from 'vitest';
import { getShortestPaths } from 'xstate/graph';
import { CASE_STATUSES, FINAL_CASE_STATUSES, type CaseStatus } from '../domain';
import { caseMachine } from './case-machine';
import { type CaseEvent, CASE_EVENT_TYPES, type MachineEvent, type TransitionContext } from './case-types';
import {
  type PersistedCaseSnapshot,
  type TransitionAccepted,
  availableTransitions,
  transitionCase,
} from './transition-case';

const system: TransitionContext = { actor: { kind: 'system', relation: 'none' } };
const citizen: TransitionContext = { actor: { kind: 'citizen', relation: 'none' }, facts: { reopenWindowOpen: true } };
const officer: TransitionContext = {
  actor: { kind: 'officer', role: 'officer', userId: 7, relation: 'owningUnit' },
  facts: { maxExtensions: 1 },
};
const supervisor: TransitionContext = {
  actor: { kind: 'officer', role: 'supervisor', userId: 8, relation: 'ancestorUnit' },
  facts: { maxExtensions: 1 },
};
const otherUnitOfficer: TransitionContext = {
  actor: { kind: 'officer', role: 'officer', userId: 9, relation: 'none' },
};
/** The unit head, with an answer the citizen agreed to publish. */
const publishingHead: TransitionContext = {
  actor: supervisor.actor,
  facts: { publishableOn: ['consent'], published: false },
};
const headOfPublished: TransitionContext = { actor: supervisor.actor, facts: { published: true } };
/** A citizen dissatisfied a second time (or on a complaint), within the window. */
const appealingCitizen: TransitionContext = {
  actor: citizen.actor,
  facts: { reopenWindowOpen: true, appealAllowed: true },
};
const govOffice: TransitionContext = {
  actor: { kind: 'officer', role: 'govOffice', userId: 10, relation: 'ancestorUnit' },
};

function accepted(result: ReturnType<typeof transitionCase>): TransitionAccepted {
  if (!result.ok) throw new Error(`expected the transition to be accepted: ${result.message}`);
  return result;
}

/** Drives a new case through events, returning the last snapshot. */
function caseAt(...steps: Array<[CaseEvent, TransitionContext]>): PersistedCaseSnapshot {
  let snapshot: PersistedCaseSnapshot | null = null;
  for (const [event, ctx] of steps) snapshot = accepted(transitionCase(snapshot, event, ctx)).snapshot;
  return snapshot!;
}

const submitted = (unitCode: string | null = '00004') => caseAt([{ type: 'submit', unitCode }, system]);
const inProgress = () => caseAt([{ type: 'submit', unitCode: '00004' }, system], [{ type: 'accept' }, officer]);
const awaiting = () =>
  caseAt(
    [{ type: 'submit', unitCode: '00004' }, system],
    [{ type: 'accept' }, officer],
    [{ type: 'requestInfo', question: 'Địa chỉ cụ thể?' }, officer],
  );
const resolved = () =>
  caseAt(
    [{ type: 'submit', unitCode: '00004' }, system],
    [{ type: 'accept' }, officer],
    [{ type: 'respond', answer: 'Đã sửa xong.' }, officer],
  );

const approving: TransitionContext = { ...officer, facts: { maxExtensions: 1, answerNeedsApproval: true } };
const awaitingApproval = () =>
  caseAt(
    [{ type: 'submit', unitCode: '00004' }, system],
    [{ type: 'accept' }, officer],
    [{ type: 'respond', answer: 'Dự thảo trả lời.' }, approving],
  );

/** A sample of every state, and the events that make sense to try from each. */
const statesByName: Record<Exclude<CaseStatus, 'received'>, () => PersistedCaseSnapshot> = {
  triage: () => submitted(null),
  routed: () => submitted(),
  inProgress,
  awaitingApproval,
  awaitingCitizen: awaiting,
  resolved,
  closed: () =>
    caseAt(
      [{ type: 'submit', unitCode: '00004' }, system],
      [{ type: 'accept' }, officer],
      [{ type: 'respond', answer: 'Xong.' }, officer],
      [{ type: 'close' }, citizen],
    ),
  rejected: () => caseAt([{ type: 'submit', unitCode: null }, system], [{ type: 'reject', reason: 'Spam' }, officer]),
  merged: () => caseAt([{ type: 'submit', unitCode: '00004' }, system], [{ type: 'merge', intoCaseId: 1 }, officer]),
};

/** A routed case that arrived by transfer: the one state where a refusal is possible. */
const transferredIn = () =>
  caseAt(
    [{ type: 'submit', unitCode: '00004' }, system],
    [{ type: 'transfer', unitCode: '00008', reason: 'Thuộc Ngọc Hà' }, officer],
  );

const sampleEvents: Record<string, [CaseEvent, TransitionContext]> = {
  submit: [{ type: 'submit', unitCode: '00004' }, system],
  route: [{ type: 'route', unitCode: '01' }, officer],
  accept: [{ type: 'accept' }, officer],
  transfer: [{ type: 'transfer', unitCode: '00007', reason: 'Không thuộc thẩm quyền' }, officer],
  reject: [{ type: 'reject', reason: 'Nội dung không rõ' }, officer],
  refuseTransfer: [{ type: 'refuseTransfer', reason: 'Không thuộc thẩm quyền' }, officer],
  merge: [{ type: 'merge', intoCaseId: 1 }, officer],
  requestInfo: [{ type: 'requestInfo', question: 'Xin ảnh chụp' }, officer],
  citizenReplied: [{ type: 'citizenReplied', message: 'Đây ạ' }, citizen],
  citizenNote: [{ type: 'citizenNote', message: 'Thêm: cột số 3 cũng tắt.' }, citizen],
  infoTimeout: [{ type: 'infoTimeout' }, system],
  respond: [{ type: 'respond', answer: 'Đã xử lý' }, officer],
  reopen: [{ type: 'reopen', reason: 'Chưa thỏa đáng' }, citizen],
  close: [{ type: 'close', satisfaction: 5 }, citizen],
  resolveTimeout: [{ type: 'resolveTimeout' }, system],
  slaWarning: [{ type: 'slaWarning', clock: 'resolve' }, system],
  slaBreached: [{ type: 'slaBreached', clock: 'resolve' }, system],
  urge: [{ type: 'urge', note: 'Đề nghị khẩn trương' }, govOffice],
  assign: [{ type: 'assign', officerId: 7 }, officer],
  extendDeadline: [{ type: 'extendDeadline', reason: 'Vụ việc phức tạp' }, supervisor],
  suggestCategory: [
    {
      type: 'suggestCategory',
      categoryCode: 'road-traffic',
      confidence: 0.97,
      because: ['den duong'],
      alternatives: [],
      signals: [],
      modelId: 1,
      unitCode: '00004',
    },
    system,
  ],
  categorise: [{ type: 'categorise', categoryCode: 'road-traffic' }, officer],
  linkRelated: [{ type: 'linkRelated', relatedCaseId: 2 }, supervisor],
  support: [{ type: 'support' }, citizen],
  offerSimilar: [{ type: 'offerSimilar', similarCaseIds: [2, 3] }, system],
  approveAnswer: [{ type: 'approveAnswer' }, supervisor],
  postProgress: [{ type: 'postProgress', note: 'Đang chờ nhà thầu thay cột đèn', expectedDate: '2026-12-15' }, officer],
  returnAnswer: [{ type: 'returnAnswer', note: 'Bổ sung căn cứ pháp lý' }, supervisor],
  setPublicationConsent: [{ type: 'setPublicationConsent', consent: true }, citizen],
  publishAnswer: [{ type: 'publishAnswer', basis: 'consent' }, publishingHead],
  withdrawPublication: [{ type: 'withdrawPublication', reason: 'Công dân rút lại đồng ý' }, headOfPublished],
  appeal: [{ type: 'appeal', reason: 'Lần thứ hai vẫn chưa được giải quyết' }, appealingCitizen],
};

/** DESIGN.md §3, row by row: from, event, to. */
const table: Array<[Exclude<CaseStatus, 'received'> | 'new' | 'transferredIn', string, CaseStatus]> = [
  ['new', 'submit', 'routed'],
  ['triage', 'route', 'routed'],
  ['routed', 'accept', 'inProgress'],
  ['routed', 'transfer', 'routed'],
  ['inProgress', 'transfer', 'routed'],
  ['triage', 'reject', 'rejected'],
  ['routed', 'reject', 'rejected'],
  ['transferredIn', 'refuseTransfer', 'routed'],
  ['inProgress', 'reject', 'rejected'],
  ['triage', 'merge', 'merged'],
  ['routed', 'merge', 'merged'],
  ['inProgress', 'merge', 'merged'],
  ['awaitingCitizen', 'merge', 'merged'],
  ['resolved', 'merge', 'merged'],
  ['inProgress', 'requestInfo', 'awaitingCitizen'],
  ['awaitingCitizen', 'citizenReplied', 'inProgress'],
  ['awaitingCitizen', 'infoTimeout', 'closed'],
  ['inProgress', 'respond', 'resolved'],
  ['resolved', 'reopen', 'inProgress'],
  ['resolved', 'close', 'closed'],
  ['resolved', 'resolveTimeout', 'closed'],
  ['triage', 'slaWarning', 'triage'],
  ['routed', 'slaWarning', 'routed'],
  ['inProgress', 'slaWarning', 'inProgress'],
  ['awaitingCitizen', 'slaWarning', 'awaitingCitizen'],
  ['resolved', 'slaWarning', 'resolved'],
  ['triage', 'slaBreached', 'triage'],
  ['routed', 'slaBreached', 'routed'],
  ['inProgress', 'slaBreached', 'inProgress'],
  ['awaitingCitizen', 'slaBreached', 'awaitingCitizen'],
  ['resolved', 'slaBreached', 'resolved'],
  ['triage', 'citizenNote', 'triage'],
  ['routed', 'citizenNote', 'routed'],
  ['inProgress', 'citizenNote', 'inProgress'],
  ['awaitingCitizen', 'citizenNote', 'awaitingCitizen'],
  ['resolved', 'citizenNote', 'resolved'],
  ['triage', 'urge', 'triage'],
  ['routed', 'urge', 'routed'],
  ['inProgress', 'urge', 'inProgress'],
  ['awaitingCitizen', 'urge', 'awaitingCitizen'],
  ['resolved', 'urge', 'resolved'],
  ['routed', 'assign', 'routed'],
  ['inProgress', 'assign', 'inProgress'],
  ['inProgress', 'extendDeadline', 'inProgress'],
  // A confident suggestion naming a unit routes a case in triage; elsewhere it is only recorded.
  ['triage', 'suggestCategory', 'routed'],
  ['routed', 'suggestCategory', 'routed'],
  ['inProgress', 'suggestCategory', 'inProgress'],
  ['awaitingCitizen', 'suggestCategory', 'awaitingCitizen'],
  ['resolved', 'suggestCategory', 'resolved'],
  // An officer's category without a unit keeps the case where it is.
  ['triage', 'categorise', 'triage'],
  ['routed', 'categorise', 'routed'],
  ['inProgress', 'categorise', 'inProgress'],
  ['awaitingCitizen', 'categorise', 'awaitingCitizen'],
  ['resolved', 'categorise', 'resolved'],
  // Related, not merged: a supervisor's link changes no state.
  ['triage', 'linkRelated', 'triage'],
  ['routed', 'linkRelated', 'routed'],
  ['inProgress', 'linkRelated', 'inProgress'],
  ['awaitingCitizen', 'linkRelated', 'awaitingCitizen'],
  ['resolved', 'linkRelated', 'resolved'],
  // Another citizen's support changes no state.
  ['triage', 'support', 'triage'],
  ['routed', 'support', 'routed'],
  ['inProgress', 'support', 'inProgress'],
  ['awaitingCitizen', 'support', 'awaitingCitizen'],
  ['resolved', 'support', 'resolved'],
  // Similar cases offered in chat are recorded; the state stays.
  ['triage', 'offerSimilar', 'triage'],
  ['routed', 'offerSimilar', 'routed'],
  ['inProgress', 'offerSimilar', 'inProgress'],
  ['awaitingCitizen', 'offerSimilar', 'awaitingCitizen'],
  ['resolved', 'offerSimilar', 'resolved'],
  // A progress note tells the citizen; the state stays.
  ['inProgress', 'postProgress', 'inProgress'],
  ['awaitingApproval', 'postProgress', 'awaitingApproval'],
  ['awaitingCitizen', 'postProgress', 'awaitingCitizen'],
  // An answer that needs the head's approval waits for it (ký duyệt), on the running clock.
  ['awaitingApproval', 'approveAnswer', 'resolved'],
  ['awaitingApproval', 'returnAnswer', 'inProgress'],
  ['awaitingApproval', 'transfer', 'routed'],
  ['awaitingApproval', 'assign', 'awaitingApproval'],
  ['awaitingApproval', 'merge', 'merged'],
  ['awaitingApproval', 'slaWarning', 'awaitingApproval'],
  ['awaitingApproval', 'slaBreached', 'awaitingApproval'],
  ['awaitingApproval', 'citizenNote', 'awaitingApproval'],
  ['awaitingApproval', 'urge', 'awaitingApproval'],
  ['awaitingApproval', 'suggestCategory', 'awaitingApproval'],
  ['awaitingApproval', 'categorise', 'awaitingApproval'],
  ['awaitingApproval', 'linkRelated', 'awaitingApproval'],
  ['awaitingApproval', 'support', 'awaitingApproval'],
  ['awaitingApproval', 'offerSimilar', 'awaitingApproval'],
  // The citizen's choice about publication, on an open or closed case; publication is the head's, once answered.
  ['triage', 'setPublicationConsent', 'triage'],
  ['routed', 'setPublicationConsent', 'routed'],
  ['inProgress', 'setPublicationConsent', 'inProgress'],
  ['awaitingApproval', 'setPublicationConsent', 'awaitingApproval'],
  ['awaitingCitizen', 'setPublicationConsent', 'awaitingCitizen'],
  ['resolved', 'setPublicationConsent', 'resolved'],
  ['closed', 'setPublicationConsent', 'closed'],
  ['resolved', 'publishAnswer', 'resolved'],
  ['closed', 'publishAnswer', 'closed'],
  ['resolved', 'withdrawPublication', 'resolved'],
  ['closed', 'withdrawPublication', 'closed'],
  // To the level above: the case ends here, a linked one opens there.
  ['resolved', 'appeal', 'closed'],
];

describe('progress the citizen can see', () => {
  it('needs words and a real date, and tells the citizen on their channel', () => {
    const posted = accepted(
      transitionCase(
        inProgress(),
        { type: 'postProgress', note: 'Chờ vật tư thay thế', expectedDate: '2026-12-20' },
        officer,
      ),
    );
    expect(posted.effects).toContainEqual({ type: 'notifyCitizen', template: 'progress' });
    for (const expectedDate of ['20/12/2026', '2026-13-45', ''])
      expect(transitionCase(inProgress(), { type: 'postProgress', note: 'Chờ vật tư', expectedDate }, officer).ok).toBe(
        false,
      );
    expect(
      transitionCase(inProgress(), { type: 'postProgress', note: '', expectedDate: '2026-12-20' }, officer).ok,
    ).toBe(false);
  });
});

describe("answers that need the head's approval (ký duyệt)", () => {
  it("keeps an officer's answer as a draft: nothing goes to the citizen and the resolve clock runs on", () => {
    const draft = accepted(transitionCase(inProgress(), { type: 'respond', answer: 'Dự thảo trả lời.' }, approving));
    expect(draft.status).toBe('awaitingApproval');
    expect(draft.effects).toEqual([
      { type: 'notifyUnit', template: 'answerToApprove' },
      { type: 'broadcast', event: 'case.updated' },
    ]);
  });

  it('sends it when the head approves, and back to the officer with a note when not', () => {
    const approved = accepted(transitionCase(awaitingApproval(), { type: 'approveAnswer' }, supervisor));
    expect(approved.effects).toEqual(
      expect.arrayContaining([
        { type: 'notifyCitizen', template: 'answered' },
        { type: 'cancelDeadline', clock: 'resolve' },
      ]),
    );
    const refused = transitionCase(awaitingApproval(), { type: 'returnAnswer', note: '' }, supervisor);
    expect(refused.ok).toBe(false);
    expect(transitionCase(awaitingApproval(), { type: 'approveAnswer' }, officer).ok).toBe(false);
  });

  it("lets a head's own answer go out at once", () => {
    const head = { ...supervisor, facts: { maxExtensions: 1, answerNeedsApproval: true } };
    expect(accepted(transitionCase(inProgress(), { type: 'respond', answer: 'Trả lời.' }, head)).status).toBe(
      'resolved',
    );
  });
});

describe('the case lifecycle, row by row (DESIGN.md §3)', () => {
  it.each(table)('from %s, %s leads to %s', (from, eventType, to) => {
    const [event, ctx] = sampleEvents[eventType]!;
    const start = from === 'new' ? null : from === 'transferredIn' ? transferredIn() : statesByName[from]();
    const result = accepted(transitionCase(start, event, ctx));
    expect(result.status).toBe(to);
  });

  it('sends an unclear submission to triage, and a routable one straight to the unit', () => {
    expect(accepted(transitionCase(null, { type: 'submit', unitCode: null }, system)).status).toBe('triage');
    const routed = accepted(transitionCase(null, { type: 'submit', unitCode: '00004' }, system));
    expect(routed.context.owningUnitCode).toBe('00004');
    expect(routed.effects).toEqual(
      expect.arrayContaining([
        { type: 'notifyCitizen', template: 'acknowledged' },
        { type: 'broadcast', event: 'case.created' },
        { type: 'scheduleDeadline', clock: 'accept' },
      ]),
    );
    expect(routed.auditType).toBe('SUBMITTED');
  });

  it('pauses the SLA clock while awaiting the citizen and resumes it on the reply', () => {
    const asked = accepted(transitionCase(inProgress(), { type: 'requestInfo', question: 'Xin địa chỉ' }, officer));
    expect(asked.effects).toEqual(
      expect.arrayContaining([
        { type: 'pauseClock', clock: 'resolve' },
        { type: 'scheduleDeadline', clock: 'citizenReply' },
      ]),
    );
    const replied = accepted(transitionCase(asked.snapshot, { type: 'citizenReplied' }, citizen));
    expect(replied.effects).toEqual(
      expect.arrayContaining([
        { type: 'resumeClock', clock: 'resolve' },
        { type: 'cancelDeadline', clock: 'citizenReply' },
      ]),
    );
  });

  it('sends a refused transfer back to the unit that sent it, and refuses a refusal of what was never transferred', () => {
    const back = accepted(
      transitionCase(transferredIn(), { type: 'refuseTransfer', reason: 'Địa chỉ thuộc Ba Đình' }, officer),
    );
    expect(back.context).toMatchObject({ owningUnitCode: '00004', previousUnitCode: '00008', transferCount: 2 });
    expect(back.auditType).toBe('TRANSFER_REFUSED');
    expect(transitionCase(submitted(), { type: 'refuseTransfer', reason: 'x' }, officer)).toMatchObject({
      ok: false,
      guard: 'wasTransferredHere',
    });
  });

  it('counts transfers, moves the case and forgets the assignee', () => {
    const assigned = accepted(transitionCase(inProgress(), { type: 'assign', officerId: 7 }, officer));
    expect(assigned.context.assigneeId).toBe(7);
    const moved = accepted(
      transitionCase(assigned.snapshot, { type: 'transfer', unitCode: '00007', reason: 'Sai địa bàn' }, officer),
    );
    expect(moved.context).toMatchObject({ owningUnitCode: '00007', transferCount: 1, assigneeId: null });
    expect(moved.effects).toEqual(
      expect.arrayContaining([
        { type: 'notifyUnit', template: 'newCase' },
        { type: 'cancelDeadline', clock: 'resolve' },
      ]),
    );
  });

  it('raises the escalation level on each breach, up to the Government Office (3)', () => {
    let snapshot = submitted();
    const levels: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const result = accepted(transitionCase(snapshot, { type: 'slaBreached', clock: 'accept' }, system));
      levels.push(result.context.escalationLevel);
      expect(result.effects).toContainEqual({ type: 'broadcast', event: 'escalation.raised' });
      snapshot = result.snapshot;
    }
    expect(levels).toEqual([1, 2, 3, 3]);
  });

  it('allows only as many extensions as the rule does', () => {
    const once = accepted(transitionCase(inProgress(), { type: 'extendDeadline', reason: 'Phức tạp' }, supervisor));
    expect(once.effects).toContainEqual({ type: 'extendDeadline', clock: 'resolve' });
    const twice = transitionCase(once.snapshot, { type: 'extendDeadline', reason: 'Lần nữa' }, supervisor);
    expect(twice).toMatchObject({ ok: false, reason: 'guardFailed', guard: 'canExtendDeadline' });
  });
});

describe('refusals say why', () => {
  it('refuses every event a state does not take, naming the state', () => {
    for (const [name, make] of Object.entries(statesByName)) {
      const snapshot = make();
      const allowedHere = new Set(table.filter(([from]) => from === name).map(([, event]) => event));
      for (const eventType of CASE_EVENT_TYPES.filter((t) => !allowedHere.has(t))) {
        const [event, ctx] = sampleEvents[eventType]!;
        const result = transitionCase(snapshot, event, ctx);
        if (result.ok) throw new Error(`${eventType} from ${name} should be refused`);
        // A routed case takes a refusal only when it arrived by transfer (guard wasTransferredHere).
        const expected = name === 'routed' && eventType === 'refuseTransfer' ? 'guardFailed' : 'notAllowed';
        expect(result.reason, `${eventType} from ${name}`).toBe(expected);
      }
    }
  });

  it('accepts nothing in a final state but its publication', () => {
    for (const status of FINAL_CASE_STATUSES) {
      const snapshot = statesByName[status]();
      const publication = new Set(table.filter(([from]) => from === status).map(([, event]) => event));
      for (const eventType of CASE_EVENT_TYPES.filter((t) => !publication.has(t))) {
        const [event, ctx] = sampleEvents[eventType]!;
        expect(transitionCase(snapshot, event, ctx)).toMatchObject({
          ok: false,
          reason: 'notAllowed',
          message: `${eventType} is not allowed from ${status}`,
        });
      }
    }
  });

  it('names the guard: a reject needs a reason, a transfer a different unit, a respond an answer', () => {
    expect(transitionCase(submitted(), { type: 'reject', reason: '  ' }, officer)).toMatchObject({
      ok: false,
      guard: 'hasReason',
      message: 'guard hasReason failed',
    });
    expect(transitionCase(submitted(), { type: 'transfer', unitCode: '00004', reason: 'x' }, officer)).toMatchObject({
      ok: false,
      guard: 'hasDifferentUnit',
    });
    expect(transitionCase(inProgress(), { type: 'respond', answer: '' }, officer)).toMatchObject({
      ok: false,
      guard: 'hasAnswer',
    });
  });

  it('lets only staff of the owning unit act, and only the citizen reopen', () => {
    expect(transitionCase(submitted(), { type: 'accept' }, otherUnitOfficer)).toMatchObject({
      ok: false,
      guard: 'isStaffOfOwningUnit',
    });
    expect(transitionCase(submitted(), { type: 'accept' }, govOffice)).toMatchObject({
      ok: false,
      guard: 'isStaffOfOwningUnit',
    });
    expect(accepted(transitionCase(submitted(), { type: 'accept' }, supervisor)).status).toBe('inProgress');
    expect(transitionCase(resolved(), { type: 'reopen', reason: 'x' }, officer)).toMatchObject({
      ok: false,
      guard: 'isCitizen',
    });
    expect(
      transitionCase(resolved(), { type: 'reopen', reason: 'x' }, { ...citizen, facts: { reopenWindowOpen: false } }),
    ).toMatchObject({ ok: false, guard: 'isReopenWindowOpen' });
    expect(transitionCase(submitted(), { type: 'slaBreached', clock: 'accept' }, officer)).toMatchObject({
      ok: false,
      guard: 'isSystem',
    });
  });

  it('refuses anything but submit for a case that does not exist yet', () => {
    expect(transitionCase(null, { type: 'accept' }, officer)).toMatchObject({ ok: false, reason: 'notAllowed' });
  });
});

describe('what a person may do now', () => {
  it('offers an officer of the owning unit the buttons of the state, without payload checks', () => {
    expect(availableTransitions(submitted(), officer)).toEqual([
      'accept',
      'assign',
      'categorise',
      'merge',
      'reject',
      'transfer',
    ]);
    expect(availableTransitions(inProgress(), officer)).toEqual([
      'assign',
      'categorise',
      'merge',
      'postProgress',
      'reject',
      'requestInfo',
      'respond',
      'transfer',
    ]);
  });

  it('lets an officer take a case for itself but not hand it to a colleague; a supervisor may', () => {
    expect(accepted(transitionCase(submitted(), { type: 'assign', officerId: 7 }, officer)).context.assigneeId).toBe(7);
    expect(transitionCase(submitted(), { type: 'assign', officerId: 99 }, officer)).toMatchObject({
      ok: false,
      guard: 'canAssign',
    });
    expect(
      accepted(transitionCase(submitted(), { type: 'assign', officerId: 99 }, supervisor)).context.assigneeId,
    ).toBe(99);
  });

  it('offers the Government Office only urging, and another unit nothing', () => {
    expect(availableTransitions(inProgress(), govOffice)).toEqual(['urge']);
    expect(availableTransitions(inProgress(), otherUnitOfficer)).toEqual([]);
  });

  it('offers nothing on a closed case', () => {
    expect(availableTransitions(statesByName.closed(), officer)).toEqual([]);
  });
});

describe('the stored snapshot', () => {
  it('survives a JSON round trip and restores to the same state and context', () => {
    const stored = JSON.parse(JSON.stringify(awaiting())) as PersistedCaseSnapshot;
    const restored = caseMachine.resolveState({ value: stored.value as never, context: stored.context });
    expect(restored.value).toEqual({ open: 'awaitingCitizen' });
    expect(restored.context.owningUnitCode).toBe('00004');
    expect(accepted(transitionCase(stored, { type: 'citizenReplied' }, citizen)).status).toBe('inProgress');
  });
});

describe('reachability (xstate/graph)', () => {
  it('reaches every state by a shortest path', () => {
    const events = Object.values(sampleEvents).map(([event, ctx]) => ({ ...event, $ctx: ctx }) as MachineEvent);
    const triageSubmit = { type: 'submit', unitCode: null, $ctx: system } as MachineEvent;
    const draft = { type: 'respond', answer: 'Dự thảo.', $ctx: approving } as MachineEvent;
    // States differ by their value; counters in the context would make the graph infinite.
    const paths = getShortestPaths(caseMachine, {
      events: [...events, triageSubmit, draft],
      serializeState: (state) => JSON.stringify(state.value),
      limit: 1_000,
    });
    const reached = new Set(
      paths.map((p) => (typeof p.state.value === 'string' ? p.state.value : Object.values(p.state.value)[0])),
    );
    expect([...reached].sort()).toEqual([...CASE_STATUSES].sort());
  });
});

describe('publication and appeal', () => {
  it('lets the head publish only on a basis the rules allow, the public interest with its reason', () => {
    const head = (publishableOn: Array<'consent' | 'publicInterest'>) => ({
      actor: supervisor.actor,
      facts: { publishableOn, published: false },
    });
    expect(transitionCase(resolved(), { type: 'publishAnswer', basis: 'consent' }, head([]))).toMatchObject({
      ok: false,
      guard: 'mayBePublished',
    });
    expect(
      transitionCase(resolved(), { type: 'publishAnswer', basis: 'consent' }, head(['publicInterest'])),
    ).toMatchObject({ ok: false, guard: 'hasPublicationBasis' });
    expect(
      transitionCase(resolved(), { type: 'publishAnswer', basis: 'publicInterest' }, head(['publicInterest'])),
    ).toMatchObject({ ok: false, guard: 'hasPublicationBasis' });
    const published = accepted(
      transitionCase(
        resolved(),
        { type: 'publishAnswer', basis: 'publicInterest', reason: 'Nhiều người cùng quan tâm' },
        head(['publicInterest']),
      ),
    );
    expect(published.auditType).toBe('ANSWER_PUBLISHED');
    // An officer drafts and answers; publishing is the head's.
    expect(
      transitionCase(
        resolved(),
        { type: 'publishAnswer', basis: 'consent' },
        { ...publishingHead, actor: officer.actor },
      ),
    ).toMatchObject({ ok: false, guard: 'isSupervisorOfOwningUnit' });
  });

  it('lets the citizen appeal only when the rule allows it, within the window, with words', () => {
    const tooEarly = { actor: citizen.actor, facts: { reopenWindowOpen: true, appealAllowed: false } };
    expect(transitionCase(resolved(), { type: 'appeal', reason: 'Chưa thỏa đáng' }, tooEarly)).toMatchObject({
      ok: false,
      guard: 'canAppeal',
    });
    const late = { actor: citizen.actor, facts: { reopenWindowOpen: false, appealAllowed: true } };
    expect(transitionCase(resolved(), { type: 'appeal', reason: 'Chưa thỏa đáng' }, late).ok).toBe(false);
    const appealed = accepted(
      transitionCase(resolved(), { type: 'appeal', reason: 'Chưa thỏa đáng' }, appealingCitizen),
    );
    expect(appealed.status).toBe('closed');
    expect(appealed.effects).toContainEqual({ type: 'cancelDeadline', clock: 'all' });
  });

  it('tells the citizen of an extension, as a progress note', () => {
    const extended = accepted(transitionCase(inProgress(), { type: 'extendDeadline', reason: 'Phức tạp' }, supervisor));
    expect(extended.effects).toContainEqual({ type: 'notifyCitizen', template: 'extended' });
  });
});
