import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type FakeZalo, startFakeZalo } from '../src/dev/fake-zalo';
import { BA_DINH_OA, connectBaDinhOa } from './citizens-write';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
const LAN = '2468458835296197001';
const MINH = '2468458835296197002';

/**
 * Zalo has no form to compare before sending, so the chat asks after: "Có phải bạn muốn phản ánh
 * về …?" with the similar open cases of the commune as buttons. A tap merges the citizen's case
 * into the one they chose; they follow it and hear its answer in the same chat.
 */
describe('similar cases offered in a Zalo chat', () => {
  let w: World;
  let zalo: FakeZalo;
  let masterCode: string;
  let masterId: number;
  beforeAll(async () => {
    zalo = await startFakeZalo({ apps: [BA_DINH_OA], retryDelaysMs: [20, 20], deliveryReceipts: false });
    w = await startWorld(serverUrl, { ZALO_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url });
    await connectBaDinhOa(w, zalo);
    const master = await w.api(null, 'POST', '/api/public/submissions', {
      title: 'Đèn đường hỏng ở ngõ 5 Đội Cấn',
      body: 'Ba cột đèn đường ở ngõ 5 phố Đội Cấn tắt cả tuần nay, buổi tối rất tối và nguy hiểm.',
      communeCode: '00004',
      categoryCode: 'road-traffic',
    });
    masterCode = master.body.trackingCode;
    [{ id: masterId }] = await w.sql('select id from case_file where tracking_code = $1', [masterCode]);
    await w.api(null, 'POST', '/api/public/submissions', {
      title: 'Rác thải ùn ứ ở chợ Ngọc Hà',
      body: 'Rác ở chợ không được thu gom cả tuần, bốc mùi.',
      communeCode: '00004',
      categoryCode: 'environment',
    });
    await w.t.server.jobs.drain();
  });
  afterAll(async () => {
    await w?.stop();
    await zalo?.stop();
  });

  const write = async (userId: string, text: string) => {
    const [delivery] = await zalo.emit(zalo.userEvent('user_send_text', userId, { text }));
    expect(delivery!.status).toBe(200);
    await w.t.server.jobs.drain();
  };
  const sentTo = (userId: string) => zalo.sent.filter((m) => m.userId === userId);
  const casesOf = (userId: string) =>
    w.sql(
      `select c.id, c.tracking_code, c.status, c.duplicate_of_id, m.code as commune from case_file c
         join citizen z on z.id = c.citizen_id left join org_unit m on m.id = c.commune_id
        where z.zalo_ids ->> $1 = $2 order by c.id`,
      [BA_DINH_OA.oaId, userId],
    );

  it('asks the citizen whether they mean a similar open case of the commune, with buttons, after the acknowledgement', async () => {
    await write(LAN, 'den duong ngo 5 doi can hong may hom nay roi, toi lam');
    const [own] = await casesOf(LAN);
    expect(own).toMatchObject({ status: 'routed', commune: '00004' });
    const [ack, offer] = sentTo(LAN);
    expect(ack!.text).toContain(own.tracking_code);
    expect(offer!.text).toContain('Có phải bạn muốn phản ánh về');
    expect(offer!.text).toContain('Đèn đường hỏng ở ngõ 5 Đội Cấn');
    expect(offer!.text).not.toContain('Rác');
    expect(offer!.buttons).toEqual([
      { type: 'oa.query.show', title: '1. Đèn đường hỏng ở ngõ 5 Đội Cấn', payload: `#ungho ${masterCode}` },
    ]);
    const [event] = await w.sql(
      `select actor, payload from case_event where case_id = $1 and type = 'SIMILAR_OFFERED'`,
      [own.id],
    );
    expect(event).toMatchObject({ actor: 'system:similar', payload: { offered: [masterCode] } });
  });

  it('merges their case into the one they tap: they follow it, its support grows, and the chat says so', async () => {
    await write(LAN, sentTo(LAN)[1]!.buttons![0]!.payload as string);
    const [own] = await casesOf(LAN);
    expect(own).toMatchObject({ status: 'merged', duplicate_of_id: masterId });
    const [master] = await w.sql('select support_count from case_file where id = $1', [masterId]);
    expect(master.support_count).toBe(2);
    const [merged] = await w.sql(`select actor, payload from case_event where case_id = $1 and type = 'MERGED'`, [
      own.id,
    ]);
    expect(merged).toMatchObject({
      actor: 'citizen:zalo',
      payload: { chosenByCitizen: true, intoTrackingCode: masterCode },
    });
    expect(sentTo(LAN).at(-1)!.text).toContain(masterCode);
  });

  it('offers nothing for another matter, and joins nothing that was not offered', async () => {
    await write(MINH, 'Xin hỏi thủ tục đăng ký khai sinh cho con ở phường mình thế nào ạ');
    expect(sentTo(MINH)).toHaveLength(1);
    await write(MINH, `#ungho ${masterCode}`);
    const [own] = await casesOf(MINH);
    expect(own.status).not.toBe('merged');
    expect(sentTo(MINH).at(-1)!.text).toContain('Không thể gộp');
  });

  it("tells the citizen who joined the master's answer in the same chat", async () => {
    const officer = await w.login('canbo.badinh@caunoi.local');
    let page = (await w.api(officer, 'GET', `/api/cases/${masterId}`)).body;
    if (page.status === 'routed')
      page = (
        await w.api(officer, 'POST', `/api/cases/${masterId}/transitions`, { type: 'accept', version: page.version })
      ).body;
    const answered = await w.api(officer, 'POST', `/api/cases/${masterId}/transitions`, {
      type: 'respond',
      version: page.version,
      answer: 'Đã thay ba bóng đèn ở ngõ 5 Đội Cấn.',
    });
    expect(answered.status).toBe(200);
    await w.t.server.jobs.drain();
    const last = sentTo(LAN).at(-1)!;
    expect(last.text).toContain('Đã thay ba bóng đèn');
    expect(last.text).toContain(masterCode);
  });
});
