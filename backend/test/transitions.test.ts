import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
let w: World;
let officer: string;
let supervisor: string;
let provinceSupervisor: string;
let triageOfficer: string;
let gov: string;

beforeAll(async () => {
  w = await startWorld(serverUrl);
  [officer, supervisor, provinceSupervisor, triageOfficer, gov] = await Promise.all(
    ['canbo.badinh', 'truong.badinh', 'lanhdao.hanoi', 'tiepnhan.vpcp', 'theodoi.vpcp'].map((n) =>
      w.login(`${n}@caunoi.local`),
    ),
  );
});
afterAll(() => w?.stop());

async function act(token: string, caseId: number, body: Record<string, unknown>) {
  const current = await w.api(token, 'GET', `/api/cases/${caseId}`);
  return w.api(token, 'POST', `/api/cases/${caseId}/transitions`, { version: current.body.version, ...body });
}
/** Audit events and effects (jobs waiting plus deliveries made) of a case, once the queue is idle. */
const counts = async (caseId: number) => {
  await w.t.server.jobs.drain();
  const [row] = await w.sql(
    `select (select count(*)::int from case_event where case_id = $1) as events,
            (select count(*)::int from delivery_receipt where case_id = $1) + (select count(*)::int from graphile_worker._private_jobs where payload->>'caseId' = $1::text) as effects`,
    [caseId],
  );
  return row as { events: number; effects: number };
};

describe('a case through its lifecycle, over HTTP', () => {
  it('is routed from triage, accepted, asked about, answered and closed, with an event for each step', async () => {
    const { caseId } = await w.submit(null);
    expect((await act(triageOfficer, caseId, { type: 'route', unitCode: '00004' })).body).toMatchObject({
      status: 'routed',
      owningUnit: { code: '00004' },
      inYourJurisdiction: false,
    });
    const accepted = await act(officer, caseId, { type: 'accept' });
    expect(accepted.body).toMatchObject({ status: 'inProgress', acceptedAt: expect.any(String) });
    expect(accepted.body.deadlines.resolve).not.toBeNull();

    const asked = await act(officer, caseId, {
      type: 'requestInfo',
      question: 'Xin cung cấp địa chỉ cụ thể và ảnh chụp.',
    });
    expect(asked.body).toMatchObject({ status: 'awaitingCitizen', isPaused: true });
    expect(asked.body.messages.at(-1)).toMatchObject({
      direction: 'outbound',
      body: 'Xin cung cấp địa chỉ cụ thể và ảnh chụp.',
      deliveryStatus: expect.stringMatching(/^(queued|sent)$/),
    }); // the mail may already be out
    // The citizen takes two days to answer (the pause is moved back two days), then answers on their
    // channel; the channel hands the reply to the case.
    await w.sql(`update case_file set paused_at = paused_at - interval '2 days' where id = $1`, [caseId]);
    await w.caseEvent(
      caseId,
      { type: 'citizenReplied', message: 'Số 12 ngõ 5, có ảnh đính kèm.' },
      { kind: 'citizen', label: 'citizen' },
    );
    const resumed = (await w.api(officer, 'GET', `/api/cases/${caseId}`)).body;
    expect(resumed).toMatchObject({ status: 'inProgress', isPaused: false });
    expect(resumed.messages.at(-1)).toMatchObject({ direction: 'inbound', body: 'Số 12 ngõ 5, có ảnh đính kèm.' });
    const { pause } = resumed.timeline.at(-1).payload;
    expect(resumed.timeline.at(-1).type).toBe('CITIZEN_REPLIED');
    // Two days paused, all of it counted (under MAX_PAUSE_DAYS): the resolve deadline moves by exactly that.
    expect(pause.seconds).toBeGreaterThanOrEqual(2 * 86_400);
    expect(pause.seconds).toBeLessThan(2 * 86_400 + 60);
    expect(pause.countedSeconds).toBe(pause.seconds);
    const moved = new Date(resumed.deadlines.resolve).getTime() - new Date(asked.body.deadlines.resolve).getTime();
    expect(Math.abs(moved - pause.countedSeconds * 1000)).toBeLessThan(1_000);

    const answered = await act(officer, caseId, {
      type: 'respond',
      answer: 'Đơn vị đã khơi thông cống, đường hết ngập.',
    });
    expect(answered.body).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
    expect(answered.body.deadlines.autoClose).not.toBeNull();
    const closed = await act(officer, caseId, { type: 'close' });
    expect(closed.body).toMatchObject({ status: 'closed', availableTransitions: [] });
    expect(closed.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'SUBMITTED',
      'ROUTED',
      'ACCEPTED',
      'INFO_REQUESTED',
      'CITIZEN_REPLIED',
      'RESPONDED',
      'CLOSED',
    ]);
  });

  it('answers with the new state only when the client asks for a minimal reply (as the admin UI does)', async () => {
    const { caseId, trackingCode } = await w.submit('00004');
    const res = await fetch(`${w.url}/api/cases/${caseId}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json', prefer: 'return=minimal' },
      body: JSON.stringify({ type: 'accept', version: 1 }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('preference-applied')).toBe('return=minimal');
    expect(await res.json()).toEqual({
      id: caseId,
      trackingCode,
      status: 'inProgress',
      version: 2,
      owningUnit: { code: '00004' },
    });
    // The page says the same, and its timeline has the step.
    const page = (await w.api(officer, 'GET', `/api/cases/${caseId}`)).body;
    expect(page).toMatchObject({ status: 'inProgress', version: 2 });
    expect(page.timeline.at(-1)).toMatchObject({ seq: 2, type: 'ACCEPTED' });
  });

  it('transfers a case to another unit, which then owns it; the sender loses it', async () => {
    const { caseId } = await w.submit('00004');
    const moved = await act(officer, caseId, {
      type: 'transfer',
      unitCode: '00008',
      reason: 'Địa điểm thuộc phường Ngọc Hà',
    });
    expect(moved.body).toMatchObject({ status: 'routed', owningUnit: { code: '00008' }, inYourJurisdiction: false });
    expect((await w.api(officer, 'GET', `/api/cases/${caseId}`)).status).toBe(404);
    const receiver = await w.login('canbo.ngocha@caunoi.local');
    const arrived = (await w.api(receiver, 'GET', `/api/cases/${caseId}`)).body;
    expect(arrived).toMatchObject({ owningUnit: { code: '00008' }, transferCount: 1 });
    expect(arrived.availableTransitions).toContain('accept');
    expect(arrived.timeline.at(-1)).toMatchObject({
      type: 'TRANSFERRED',
      reason: 'Địa điểm thuộc phường Ngọc Hà',
      payload: { unitCode: '00008', fromUnitCode: '00004' },
    });
  });

  it('lets the receiving unit refuse a transfer with a reason, which sends the case back', async () => {
    const { caseId } = await w.submit('00004');
    await act(officer, caseId, { type: 'transfer', unitCode: '00008', reason: 'Thuộc Ngọc Hà' });
    const ngocHa = await w.login('canbo.ngocha@caunoi.local');
    expect((await w.api(ngocHa, 'GET', `/api/cases/${caseId}`)).body.availableTransitions).toEqual(
      expect.arrayContaining(['accept', 'refuseTransfer']),
    );
    await act(ngocHa, caseId, { type: 'refuseTransfer', reason: 'Địa chỉ nằm ở phường Ba Đình' });
    const back = (await w.api(officer, 'GET', `/api/cases/${caseId}`)).body;
    expect(back).toMatchObject({ owningUnit: { code: '00004' }, transferCount: 2, status: 'routed' });
    expect(back.timeline.at(-1)).toMatchObject({
      type: 'TRANSFER_REFUSED',
      reason: 'Địa chỉ nằm ở phường Ba Đình',
      payload: { fromUnitCode: '00008' },
    });
  });

  it('sends a case bounced between two communes to their province on the third transfer', async () => {
    const { caseId } = await w.submit('00004');
    const ngocHa = await w.login('canbo.ngocha@caunoi.local');
    await act(officer, caseId, { type: 'transfer', unitCode: '00008', reason: 'Thuộc Ngọc Hà' });
    await act(ngocHa, caseId, { type: 'transfer', unitCode: '00004', reason: 'Không, thuộc Ba Đình' });
    const third = await act(officer, caseId, { type: 'transfer', unitCode: '00008', reason: 'Vẫn thuộc Ngọc Hà' });
    expect(third.body).toMatchObject({ owningUnit: { code: '01' } });
    const province = await w.login('canbo.hanoi@caunoi.local');
    const atProvince = (await w.api(province, 'GET', `/api/cases/${caseId}`)).body;
    expect(atProvince).toMatchObject({ transferCount: 3, owningUnit: { code: '01' } });
    expect(atProvince.timeline.at(-1).payload).toMatchObject({
      requestedUnitCode: '00008',
      escalatedTo: '01',
      fromUnitCode: '00004',
    });
  });

  it('rejects with a reason, merges a duplicate into its master, and counts the supporter', async () => {
    const { caseId: spam } = await w.submit('00004');
    expect(
      (await act(officer, spam, { type: 'reject', reason: 'Nội dung quảng cáo, không phải phản ánh' })).body.status,
    ).toBe('rejected');
    const { caseId: master } = await w.submit('00004');
    const { caseId: duplicate } = await w.submit('00004');
    const merged = await act(officer, duplicate, { type: 'merge', intoCaseId: master });
    expect(merged.body).toMatchObject({ status: 'merged', duplicateOf: { id: master } });
    expect((await w.api(officer, 'GET', `/api/cases/${master}`)).body.supportCount).toBe(2);
  });

  it('lets a supervisor assign and extend, a province supervisor act on its commune, and the Government Office urge', async () => {
    const { caseId } = await w.submit('00004');
    const [me] = await w.sql(`select id from app_user where email = 'canbo.badinh@caunoi.local'`);
    expect((await act(supervisor, caseId, { type: 'assign', officerId: me.id })).body.assignee).toMatchObject({
      id: me.id,
    });
    await act(officer, caseId, { type: 'accept' });
    const before = (await w.api(officer, 'GET', `/api/cases/${caseId}`)).body.deadlines.resolve;
    const extended = await act(supervisor, caseId, {
      type: 'extendDeadline',
      reason: 'Vụ việc phức tạp, cần khảo sát thực địa',
    });
    expect(extended.body.extensionCount).toBe(1);
    expect(new Date(extended.body.deadlines.resolve).getTime()).toBeGreaterThan(new Date(before).getTime());
    expect(
      (await act(provinceSupervisor, caseId, { type: 'urge', note: 'Đề nghị phường xử lý trước ngày 30' })).status,
    ).toBe(200);
    const urged = await act(gov, caseId, { type: 'urge', note: 'Văn phòng Chính phủ đôn đốc' });
    expect(urged.body.timeline.filter((e: { type: string }) => e.type === 'URGED')).toHaveLength(2);
  });
});

describe("citizens' and the system's events, through the channels' entry point", () => {
  const citizen = { kind: 'citizen', label: 'citizen' } as const;
  const sweeper = { kind: 'system', label: 'system:sweeper' } as const;

  it('reopens an answer the citizen is not satisfied with, within the window, and closes one left alone', async () => {
    const { caseId } = await w.submit('00004');
    await act(officer, caseId, { type: 'accept' });
    await act(officer, caseId, { type: 'respond', answer: 'Đã sửa đèn đường.' });
    await w.caseEvent(caseId, { type: 'reopen', reason: 'Đèn lại hỏng sau hai ngày' }, citizen, {
      reopenWindowOpen: true,
    });
    const reopened = (await w.api(officer, 'GET', `/api/cases/${caseId}`)).body;
    expect(reopened).toMatchObject({ status: 'inProgress', reopenCount: 1, resolvedAt: null });
    await act(officer, caseId, { type: 'respond', answer: 'Đã thay bộ đèn mới.' });
    await w.caseEvent(caseId, { type: 'resolveTimeout' }, sweeper);
    const closed = (await w.api(officer, 'GET', `/api/cases/${caseId}`)).body;
    expect(closed).toMatchObject({ status: 'closed', nextDueAt: null });
    expect(closed.timeline.at(-1)).toMatchObject({ type: 'RESOLVE_TIMED_OUT', actor: 'system:sweeper' });
  });

  it('closes a case whose citizen never answered the question', async () => {
    const { caseId } = await w.submit('00004');
    await act(officer, caseId, { type: 'accept' });
    await act(officer, caseId, { type: 'requestInfo', question: 'Xin số điện thoại liên hệ.' });
    await w.caseEvent(caseId, { type: 'infoTimeout' }, sweeper);
    expect((await w.api(officer, 'GET', `/api/cases/${caseId}`)).body).toMatchObject({
      status: 'closed',
      isPaused: false,
    });
  });

  it('refuses a reopen after the window, and a timeout the state does not have', async () => {
    const { caseId } = await w.submit('00004');
    await expect(w.caseEvent(caseId, { type: 'infoTimeout' }, sweeper)).rejects.toThrow(
      'infoTimeout is not allowed from routed',
    );
    await act(officer, caseId, { type: 'accept' });
    await act(officer, caseId, { type: 'respond', answer: 'Đã xử lý xong.' });
    await expect(
      w.caseEvent(caseId, { type: 'reopen', reason: 'Quá hạn' }, citizen, { reopenWindowOpen: false }),
    ).rejects.toThrow('guard isReopenWindowOpen failed');
  });
});

describe('refusals write nothing', () => {
  it('answers 409 naming the state for a transition the state does not take', async () => {
    const { caseId } = await w.submit('00004');
    const before = await counts(caseId);
    const res = await act(officer, caseId, { type: 'respond', answer: 'Trả lời khi chưa thụ lý' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'CONFLICT',
      reason: 'notAllowed',
      message: 'respond is not allowed from routed',
    });
    expect(await counts(caseId)).toEqual(before);
  });

  it('answers 409 naming the rule when the actor may not do it', async () => {
    const { caseId } = await w.submit('00004');
    const before = await counts(caseId);
    const res = await act(gov, caseId, { type: 'accept' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ reason: 'guardFailed', guard: 'isStaffOfOwningUnit' });
    expect(await counts(caseId)).toEqual(before);
  });

  it('answers 400 naming the field for bad input, and writes nothing', async () => {
    const { caseId } = await w.submit('00004');
    const before = await counts(caseId);
    const post = (body: unknown) => w.api(officer, 'POST', `/api/cases/${caseId}/transitions`, body);
    const malformed = await post('{"type": "accept", ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe('The request body is not valid JSON');
    const unknownType = await post({ type: 'teleport', version: 1 });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.error.fields[0].field).toBe('type');
    const missingReason = await post({ type: 'reject', version: 1 });
    expect(missingReason.body.error.fields).toEqual([expect.objectContaining({ field: 'reason' })]);
    const wrongType = await post({ type: 'merge', version: '1', intoCaseId: 'abc' });
    expect(wrongType.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'intoCaseId',
      'version',
    ]);
    const unknownUnit = await post({ type: 'transfer', version: 1, unitCode: '99999', reason: 'Chuyển đi' });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.error.fields).toEqual([
      { field: 'unitCode', message: 'no current unit has the code 99999' },
    ]);
    expect(await counts(caseId)).toEqual(before);
  });

  it('lets exactly one of two concurrent transitions with the same version through', async () => {
    const { caseId } = await w.submit('00004');
    const version = (await w.api(officer, 'GET', `/api/cases/${caseId}`)).body.version;
    const [a, b] = await Promise.all([
      w.api(officer, 'POST', `/api/cases/${caseId}/transitions`, { type: 'accept', version }),
      w.api(supervisor, 'POST', `/api/cases/${caseId}/transitions`, { type: 'reject', version, reason: 'Trùng lặp' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error).toMatchObject({ reason: 'staleVersion', currentVersion: version + 1 });
    const events = await w.sql(`select type from case_event where case_id = $1 order by seq`, [caseId]);
    expect(events).toHaveLength(2);
  });
});

describe('the audit trail', () => {
  it('verifies, and names the first event someone edited in SQL', async () => {
    const { caseId } = await w.submit('00004');
    await act(officer, caseId, { type: 'accept' });
    await act(officer, caseId, { type: 'respond', answer: 'Đã xử lý xong phản ánh.' });
    expect((await w.api(officer, 'GET', `/api/cases/${caseId}/audit/verify`)).body).toEqual({
      caseId,
      ok: true,
      length: 3,
    });
    await w.sql(
      `update case_event set payload = '{"answer": "Câu trả lời đã bị sửa"}' where case_id = $1 and seq = 3`,
      [caseId],
    );
    expect((await w.api(officer, 'GET', `/api/cases/${caseId}/audit/verify`)).body).toMatchObject({
      caseId,
      ok: false,
      brokenAtSeq: 3,
    });
  });
});

describe('the outbox', () => {
  it('queues one row per outward effect in the transition transaction and delivers the broadcasts', async () => {
    const { caseId } = await w.submit('00004');
    await act(officer, caseId, { type: 'accept' });
    await w.t.server.jobs.drain();
    // Every job the two transitions queued ran (live updates included); each notice reached its citizen once.
    expect(
      await w.sql(`select key from graphile_worker._private_jobs where payload->>'caseId' = $1`, [String(caseId)]),
    ).toEqual([]);
    const receipts = await w.sql(
      `select dedupe_key, recipient from delivery_receipt where case_id = $1 and dedupe_key like 'citizen:%' order by id`,
      [caseId],
    );
    expect(receipts).toEqual([
      { dedupe_key: `citizen:acknowledged:${caseId}:1`, recipient: 'an.nguyen@example.test' },
      { dedupe_key: `citizen:accepted:${caseId}:2`, recipient: 'an.nguyen@example.test' },
    ]);
  });
});
