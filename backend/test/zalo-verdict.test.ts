import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type FakeZalo, startFakeZalo } from '../src/dev/fake-zalo';
import { BA_DINH_OA, connectBaDinhOa } from './citizens-write';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

/**
 * Satisfaction asked on the answer's channel: on Zalo the answer comes with "Hài lòng" and "Chưa
 * hài lòng" under it; a tap rates and closes the case, or reopens it for the unit.
 */
describe("the citizen's verdict on a Zalo answer", () => {
  let w: World;
  let zalo: FakeZalo;
  let officer: string;
  beforeAll(async () => {
    zalo = await startFakeZalo({ apps: [BA_DINH_OA], retryDelaysMs: [20, 20], deliveryReceipts: false });
    w = await startWorld(serverUrl, { ZALO_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url });
    await connectBaDinhOa(w, zalo);
    officer = await w.login('canbo.badinh@caunoi.local');
  });
  afterAll(async () => {
    await w?.stop();
    await zalo?.stop();
  });

  const answered = async (userId: string, answer: string) => {
    const kase = await w.submit('00004', {
      channel: 'zalo',
      citizen: { name: null, email: null, phone: null, zaloIds: { [BA_DINH_OA.oaId]: userId } },
    });
    // The chat's similar-cases offer is a change of its own: let it land before the officer acts.
    await w.t.server.jobs.drain();
    for (const body of [{ type: 'accept' }, { type: 'respond', answer }]) {
      const page = (await w.api(officer, 'GET', `/api/cases/${kase.caseId}`)).body;
      expect(
        (await w.api(officer, 'POST', `/api/cases/${kase.caseId}/transitions`, { ...body, version: page.version }))
          .status,
      ).toBe(200);
    }
    await w.t.server.jobs.drain();
    return kase;
  };
  const tap = async (userId: string, payload: string) => {
    await zalo.emit(zalo.userEvent('user_send_text', userId, { text: payload }));
    await w.t.server.jobs.drain();
  };
  const sentTo = (userId: string) => zalo.sent.filter((m) => m.userId === userId);
  const caseRow = async (id: number) =>
    (await w.sql('select status, satisfaction from case_file where id = $1', [id]))[0] as {
      status: string;
      satisfaction: number | null;
    };

  it('sends the answer with the two buttons; "Hài lòng" rates it and closes the case', async () => {
    const user = '7000000000000000001';
    const kase = await answered(user, 'Đã khơi thông cống trước trường học.');
    const answer = sentTo(user).find((m) => m.text.includes('Đã khơi thông cống'))!;
    expect(answer.buttons).toEqual([
      { type: 'oa.query.show', title: 'Hài lòng', payload: `#hailong ${kase.trackingCode}` },
      { type: 'oa.query.show', title: 'Chưa hài lòng', payload: `#chuahailong ${kase.trackingCode}` },
    ]);
    await tap(user, answer.buttons![0]!.payload as string);
    expect(await caseRow(kase.caseId)).toEqual({ status: 'closed', satisfaction: 5 });
    expect(sentTo(user).at(-1)!.text).toContain('Cảm ơn');
    // Again, on a closed case: answered with why, nothing changes.
    await tap(user, answer.buttons![0]!.payload as string);
    expect(sentTo(user).at(-1)!.text).toContain('không ở giai đoạn chờ ý kiến');
  });

  it('"Chưa hài lòng" reopens it for the unit; nobody else can rate the case', async () => {
    const user = '7000000000000000002';
    const kase = await answered(user, 'Đã kiểm tra, không có vi phạm.');
    await tap('7000000000000000999', `#hailong ${kase.trackingCode}`);
    expect((await caseRow(kase.caseId)).status).toBe('resolved');
    await tap(user, `#chuahailong ${kase.trackingCode}`);
    expect((await caseRow(kase.caseId)).status).toBe('inProgress');
    const [event] = await w.sql(`select actor from case_event where case_id = $1 and type = 'REOPENED'`, [kase.caseId]);
    expect(event.actor).toBe('citizen:zalo');
    expect(sentTo(user).at(-1)!.text).toContain('chuyển lại');
  });

  it('offers "Kiến nghị lên cấp trên" once the answer was reopened; a tap opens a linked case at the province', async () => {
    const user = '7000000000000000003';
    const kase = await answered(user, 'Đã nhắc nhở hộ kinh doanh lấn chiếm.');
    const first = sentTo(user).find((m) => m.text.includes('Đã nhắc nhở hộ kinh doanh'))!;
    expect(first.buttons).toHaveLength(2);
    // Typed too early: answered with why, nothing changes.
    await tap(user, `#len cap tren ${kase.trackingCode}`);
    expect(sentTo(user).at(-1)!.text).toContain('đề nghị xem xét lại trước');
    expect((await caseRow(kase.caseId)).status).toBe('resolved');

    await tap(user, `#chuahailong ${kase.trackingCode}`);
    const page = (await w.api(officer, 'GET', `/api/cases/${kase.caseId}`)).body;
    await w.api(officer, 'POST', `/api/cases/${kase.caseId}/transitions`, {
      type: 'respond',
      answer: 'Đã lập biên bản lần hai.',
      version: page.version,
    });
    await w.t.server.jobs.drain();
    const second = sentTo(user).find((m) => m.text.includes('Đã lập biên bản lần hai'))!;
    expect(second.buttons!.map((b) => b.title)).toEqual(['Hài lòng', 'Chưa hài lòng', 'Kiến nghị lên cấp trên']);
    await tap(user, second.buttons![2]!.payload as string);
    expect((await caseRow(kase.caseId)).status).toBe('closed');
    const [appeal] = await w.sql(
      `select c.tracking_code, u.code as unit, c.channel from case_file c join org_unit u on u.id = c.owning_unit_id where c.appeal_of_id = $1`,
      [kase.caseId],
    );
    expect(appeal).toMatchObject({ unit: '01', channel: 'zalo' });
    expect(sentTo(user).some((m) => m.text.includes(appeal.tracking_code) && m.text.includes('cấp trên'))).toBe(true);
  });
});
