import { type Socket, io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type FakeZalo, startFakeZalo } from '../src/dev/fake-zalo';
import { BA_DINH_OA, connectBaDinhOa, mailGeneralMailbox } from './citizens-write';
import { eventually } from './eventually';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

/**
 * A surge through the real channels: the same complaint about November's electricity bills comes
 * in on the portal from five provinces, by mail and on a ward's Zalo OA, among unrelated matters.
 * The Government Office is told live when it crosses the surge rule, and sees it first on its list,
 * with the provinces, channels and daily counts, and the cases behind it without citizen data.
 */
describe('emerging concerns', () => {
  let w: World;
  let zalo: FakeZalo;
  let socket: Socket;
  const surges: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    zalo = await startFakeZalo({ apps: [BA_DINH_OA], retryDelaysMs: [20, 20], deliveryReceipts: false });
    w = await startWorld(serverUrl, { ZALO_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url });
    await connectBaDinhOa(w, zalo);
    const token = await w.login('theodoi.vpcp@caunoi.local');
    // The rule is data the Government Office sets: here 8 alike submissions in 24 h from 3 provinces.
    const rule = (await w.api(token, 'GET', '/api/reports/concerns/surge-rule')).body;
    expect(rule).toEqual({
      minCases: 20,
      minProvinces: 3,
      windowHours: 24,
      similarity: 0.45,
      campaignMinCases: 10,
      campaignSimilarity: 0.9,
      campaignWindowHours: 24,
    });
    const refused = await w.api(token, 'PUT', '/api/reports/concerns/surge-rule', { ...rule, minCases: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields[0].field).toBe('minCases');
    const officer = await w.login('canbo.badinh@caunoi.local');
    expect((await w.api(officer, 'PUT', '/api/reports/concerns/surge-rule', { ...rule, minCases: 8 })).status).toBe(
      403,
    );
    const saved = await w.api(token, 'PUT', '/api/reports/concerns/surge-rule', { ...rule, minCases: 8 });
    expect(saved.body).toEqual({ ...rule, minCases: 8 });
    socket = io(w.url, { path: '/socket.io', auth: { token }, transports: ['websocket'], forceNew: true });
    await new Promise<void>((resolve) => socket.once('ready', () => resolve()));
    socket.on('concern.surged', (payload) => surges.push(payload));
  });
  afterAll(async () => {
    socket?.close();
    await w?.stop();
    await zalo?.stop();
  });

  it('tells the Government Office live when alike submissions rise across provinces and channels, and lists it first', async () => {
    const portal = (title: string, provinceCode: string) =>
      w.api(null, 'POST', '/api/public/submissions', {
        title,
        body: 'Hóa đơn tiền điện tháng 11 của gia đình tôi tăng gấp đôi dù dùng như mọi tháng, đề nghị kiểm tra.',
        provinceCode,
      });
    const titles = [
      'Hóa đơn tiền điện tháng 11 tăng gấp đôi',
      'hoa don tien dien thang 11 tang gap doi',
      'Tiền điện tháng 11 tăng gấp đôi bất thường',
      'Hóa đơn tiền điện tháng 11 tăng gấp đôi, đề nghị kiểm tra',
      'hoá đơn tiền điện tháng 11 tăng gấp đôi',
    ];
    for (const [i, province] of ['01', '79', '48', '31', '92'].entries())
      expect((await portal(titles[i]!, province)).status).toBe(201);
    // Unrelated matters the same day.
    expect((await portal('Rác thải ùn ứ đầu ngõ', '01')).status).toBe(201);
    expect((await portal('Đèn đường hỏng trước chợ', '79')).status).toBe(201);

    for (const n of [1, 2])
      await mailGeneralMailbox(w, {
        from: `Dan ${n} <dan${n}@example.test>`,
        subject: 'tien dien thang 11 tang gap doi',
        messageId: `concern-${n}@mail.example.test`,
        text: 'Tiền điện tháng 11 nhà tôi tăng gấp đôi, xin cơ quan kiểm tra.',
      });
    for (const user of ['8400000000000000101', '8400000000000000102'])
      await zalo.emit(
        zalo.userEvent('user_send_text', user, { text: 'tiền điện tháng 11 tăng gấp đôi, ai kiểm tra giúp với' }),
      );

    for (let i = 0; i < 200 && surges.length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(surges).toHaveLength(1);
    expect(surges[0]).toMatchObject({ windowHours: 24 });
    expect(surges[0]!.cases as number).toBeGreaterThanOrEqual(8);
    expect(surges[0]!.provinces as number).toBeGreaterThanOrEqual(3);
    // The alert may come before the last of the nine joined; the list is read once all have.
    await w.t.server.jobs.drain();

    const director = await w.login('theodoi.vpcp@caunoi.local');
    const list = await w.api(director, 'GET', '/api/reports/concerns');
    expect(list.status).toBe(200);
    const [first] = list.body;
    expect(first.size).toBe(9);
    expect(first.last24h).toBe(9);
    expect(first.surgedAt).not.toBeNull();
    expect(Object.keys(first.channels).sort()).toEqual(['email', 'portal', 'zalo']);
    expect(first.provinces.map((p: { code: string }) => p.code).sort()).toEqual(['01', '31', '48', '79', '92']);
    // The provinces the surge rule counts, kept as each case joins, are those its cases come from.
    const kept = await w.sql(
      'select province_code from concern_province where cluster_id = $1 order by province_code',
      [first.id],
    );
    expect(kept.map((r) => r.province_code)).toEqual(['01', '31', '48', '79', '92']);
    expect(first.daily).toHaveLength(14);
    expect(first.daily.at(-1)).toBe(9);
    expect(JSON.stringify(first)).not.toMatch(/example\.test/);
    // The unrelated matters are not in it.
    expect(first.sampleTitles.join(' ')).not.toMatch(/Rác|Đèn/);

    const cases = await w.api(director, 'GET', `/api/reports/concerns/${first.id}/cases`);
    expect(cases.body).toHaveLength(9);
    for (const c of cases.body) expect(c.citizenName).toBeUndefined();

    const named = await w.api(director, 'PUT', `/api/reports/concerns/${first.id}`, {
      label: 'Hóa đơn tiền điện tháng 11 tăng cao',
      leadUnitCode: 'BCT',
    });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ label: 'Hóa đơn tiền điện tháng 11 tăng cao', leadUnit: { code: 'BCT' } });
    const wrongUnit = await w.api(director, 'PUT', `/api/reports/concerns/${first.id}`, {
      label: 'x',
      leadUnitCode: 'NOPE',
    });
    expect(wrongUnit.status).toBe(400);

    const officer = await w.login('canbo.badinh@caunoi.local');
    expect((await w.api(officer, 'GET', '/api/reports/concerns')).status).toBe(403);
  });

  it('tells it once per window, not at every further submission', async () => {
    const before = surges.length;
    expect(
      (
        await w.api(null, 'POST', '/api/public/submissions', {
          title: 'Hóa đơn tiền điện tháng 11 tăng gấp đôi nữa',
          body: 'Nhà tôi cũng vậy, tiền điện tháng 11 tăng gấp đôi.',
          provinceCode: '01',
        })
      ).status,
    ).toBe(201);
    await new Promise((r) => setTimeout(r, 1500));
    expect(surges.length).toBe(before);
    const [{ size }] = (await w.api(await w.login('theodoi.vpcp@caunoi.local'), 'GET', '/api/reports/concerns')).body;
    expect(size).toBe(10);
  });

  it('waits a few seconds at most while another instance assigns: intake answers meanwhile, and the case joins once the lock is free', async () => {
    // Another instance's assignment, held open.
    await w.pg.query('begin');
    await w.pg.query(`select pg_advisory_xact_lock(hashtext('caunoi:concern-clusters'))`);
    const submitted = await w.api(null, 'POST', '/api/public/submissions', {
      title: 'Hóa đơn tiền điện tháng 11 tăng gấp đôi lần nữa',
      body: 'Lại thêm một hộ nữa: tiền điện tháng 11 tăng gấp đôi.',
      provinceCode: '79',
    });
    expect(submitted.status).toBe(201);
    const [{ id }] = await w.sql<{ id: number }>('select id from case_file where tracking_code = $1', [
      submitted.body.trackingCode,
    ]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await w.sql('select 1 from case_concern where case_id = $1', [id])).toHaveLength(0);
    // The pool is free for everyone else while the job waits.
    const again = await Promise.all(Array.from({ length: 12 }, () => fetch(`${w.url}/readyz`).then((r) => r.status)));
    expect(again.every((s) => s === 200)).toBe(true);
    await w.pg.query('commit');
    await eventually(async () => (await w.sql('select 1 from case_concern where case_id = $1', [id]))[0]);
    expect(await w.sql('select 1 from case_concern where case_id = $1', [id])).toHaveLength(1);
  });

  it('marks copy-paste as one campaign: the copies are support of the first, not workload, and each citizen is told', async () => {
    // The earlier stories' jobs are done before the rule changes (a retried one would read it).
    await w.t.server.jobs.drain();
    const director = await w.login('theodoi.vpcp@caunoi.local');
    const rule = (await w.api(director, 'GET', '/api/reports/concerns/surge-rule')).body;
    expect(rule).toMatchObject({ campaignMinCases: 10, campaignSimilarity: 0.9, campaignWindowHours: 24 });
    expect(
      (await w.api(director, 'PUT', '/api/reports/concerns/surge-rule', { ...rule, campaignMinCases: 4 })).status,
    ).toBe(200);
    // One text shared in a group chat, sent by five people; one more person writes in their own words.
    const letter =
      'Chúng tôi, cư dân khu đô thị Nam Thăng Long, kiến nghị dừng xây dựng trạm trộn bê tông cạnh khu dân cư vì gây bụi và tiếng ồn suốt đêm, ảnh hưởng sức khỏe người già và trẻ nhỏ.';
    const send = (i: number, body = letter) =>
      w.api(null, 'POST', '/api/public/submissions', {
        title: 'Kiến nghị dừng trạm trộn bê tông Nam Thăng Long',
        body,
        communeCode: '00004',
        name: `Cư dân ${i}`,
        email: `cudan${i}@example.test`,
        consent: true,
      });
    const codes: string[] = [];
    for (let i = 1; i <= 5; i += 1) codes.push((await send(i)).body.trackingCode);
    const own = (
      await send(
        6,
        'Trạm trộn bê tông gần nhà tôi chạy cả đêm, bụi bám đầy ban công, đề nghị kiểm tra giấy phép môi trường.',
      )
    ).body.trackingCode;
    await w.t.server.jobs.drain();

    const rows = await w.sql<{ tracking_code: string; status: string; duplicate_of_id: number | null; id: number }>(
      'select id, tracking_code, status, duplicate_of_id from case_file where tracking_code = any($1) order by id',
      [[...codes, own]],
    );
    const lead = rows[0]!;
    expect(lead.tracking_code).toBe(codes[0]);
    expect(lead.status).not.toBe('merged');
    for (const copy of rows.slice(1, 5)) expect(copy).toMatchObject({ status: 'merged', duplicate_of_id: lead.id });
    // Written in one's own words, it stays a case of its own.
    expect(rows[5]).toMatchObject({ tracking_code: own, duplicate_of_id: null });
    expect(rows[5]!.status).not.toBe('merged');
    const [{ support_count }] = await w.sql('select support_count from case_file where id = $1', [lead.id]);
    expect(support_count).toBe(5);
    const events = await w.sql(`select actor, payload from case_event where type = 'MERGED' and case_id = any($1)`, [
      rows.slice(1, 5).map((r) => r.id),
    ]);
    expect(events).toHaveLength(4);
    for (const e of events)
      expect(e).toMatchObject({ actor: 'system:campaign', payload: { campaignId: expect.any(Number) } });
    // Each copy's citizen hears where their submission went, on their own channel.
    const mail = (await (await fetch(`${w.url}/api/dev/mail?to=cudan5@example.test`)).json()) as Array<{
      subject: string;
    }>;
    expect(mail.some((m) => m.subject.includes(`gộp vào ${lead.tracking_code}`))).toBe(true);

    const list = (await w.api(director, 'GET', '/api/reports/concerns')).body as Array<Record<string, unknown>>;
    const concern = list.find((c) => c.representative === 'Kiến nghị dừng trạm trộn bê tông Nam Thăng Long')!;
    expect(concern).toMatchObject({ campaigns: 1, campaignCopies: 4 });
    await w.api(director, 'PUT', '/api/reports/concerns/surge-rule', rule);
  });

  it('starts one campaign, not several, when forty people send the same text at once', async () => {
    await w.t.server.jobs.drain();
    const director = await w.login('theodoi.vpcp@caunoi.local');
    const rule = (await w.api(director, 'GET', '/api/reports/concerns/surge-rule')).body;
    expect(
      (await w.api(director, 'PUT', '/api/reports/concerns/surge-rule', { ...rule, campaignMinCases: 4 })).status,
    ).toBe(200);
    const letter =
      'Đề nghị thành phố sửa gấp cây cầu treo bản Lướt đã gãy hai tấm ván, học sinh phải lội suối đi học mỗi sáng mùa lũ.';
    // Sent together, the copies reach the concern jobs in several groups, run side by side.
    const sent = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        w.api(null, 'POST', '/api/public/submissions', {
          title: 'Sửa cầu treo bản Lướt',
          body: letter,
          communeCode: '00004',
          name: `Phụ huynh ${i}`,
          email: `phuhuynh${i}@example.test`,
          consent: true,
        }),
      ),
    );
    expect(sent.every((r) => r.status === 201)).toBe(true);
    await w.t.server.jobs.drain(60_000);
    const campaigns = await w.sql<{ id: number; lead_case_id: number; size: number }>(
      `select k.id, k.lead_case_id, k.size from concern_campaign k
        where k.cluster_id in (select m.cluster_id from case_concern m join case_file c on c.id = m.case_id
                                where c.title = 'Sửa cầu treo bản Lướt')`,
    );
    expect(campaigns).toHaveLength(1);
    const members = await w.sql<{ campaign_id: number | null; duplicate_of_id: number | null; id: number }>(
      `select m.campaign_id, c.duplicate_of_id, c.id from case_concern m join case_file c on c.id = m.case_id
        where c.title = 'Sửa cầu treo bản Lướt'`,
    );
    // Every copy is in it (a case whose look gave way to another job's lock is taken in by a later one's).
    expect(members.filter((m) => m.campaign_id === campaigns[0]!.id).length).toBe(campaigns[0]!.size);
    expect(campaigns[0]!.size).toBeGreaterThanOrEqual(36);
    for (const m of members.filter((m) => m.id !== campaigns[0]!.lead_case_id && m.campaign_id !== null))
      expect(m.duplicate_of_id).toBe(campaigns[0]!.lead_case_id);
    await w.api(director, 'PUT', '/api/reports/concerns/surge-rule', rule);
  });
});
