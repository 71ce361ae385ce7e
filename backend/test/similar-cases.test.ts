import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mailGeneralMailbox } from './citizens-write';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

/**
 * Duplicates find each other across channels and spellings: the same broken street light written
 * on the portal with diacritics, mailed without them, and sent on Zalo, in one ward; an officer
 * sees them ranked with why, a citizen about to submit sees their titles and status only.
 */
describe('similar open cases', () => {
  let w: World;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    w = await startWorld(serverUrl);
    const portal = await w.api(null, 'POST', '/api/public/submissions', {
      title: 'Đèn đường hỏng ở ngõ 5 Đội Cấn',
      body: 'Ba cột đèn đường ở ngõ 5 phố Đội Cấn tắt cả tuần nay, buổi tối rất tối và nguy hiểm.',
      communeCode: '00004',
      categoryCode: 'road-traffic',
    });
    expect(portal.status).toBe(201);
    [{ id: ids.portal! }] = await w.sql('select id from case_file where tracking_code = $1', [
      portal.body.trackingCode,
    ]);

    ids.email = await mailGeneralMailbox(w, {
      from: 'Lan <lan@example.test>',
      subject: 'den duong ngo 5 doi can bi hong',
      messageId: 'similar-1@mail.example.test',
      text: 'den duong o ngo 5 doi can tat ca tuan roi, toi om nguy hiem lam. Phường Ba Đình',
    });
    ids.zalo = (
      await w.submit('00004', {
        channel: 'zalo',
        title: 'đèn đường ngõ 5 hỏng',
        body: 'đèn đường ngõ 5 Đội Cấn hỏng mấy hôm rồi ạ',
        communeCode: '00004',
      })
    ).caseId;
    ids.waste = (
      await w.submit('00004', {
        title: 'Rác thải ùn ứ ở chợ',
        body: 'Rác ở chợ không được thu gom cả tuần, bốc mùi.',
        communeCode: '00004',
      })
    ).caseId;
    ids.otherWard = (
      await w.submit('00008', {
        title: 'Đèn đường hỏng ở ngõ 5',
        body: 'Đèn đường ngõ 5 tắt cả tuần.',
        communeCode: '00008',
        provinceCode: '01',
      })
    ).caseId;
  });
  afterAll(() => w?.stop());

  it("shows an officer the same matter from the portal, a mail without diacritics and Zalo, ranked with why, and not another ward's or another matter", async () => {
    const officer = await w.login('canbo.badinh@caunoi.local');
    const res = await w.api(officer, 'GET', `/api/cases/${ids.portal}/similar`);
    expect(res.status).toBe(200);
    const found = res.body.map((c: { id: number }) => c.id);
    expect(found).toEqual(expect.arrayContaining([ids.email, ids.zalo]));
    expect(found).not.toContain(ids.waste);
    expect(found).not.toContain(ids.otherWard);
    expect(found).not.toContain(ids.portal);
    const email = res.body.find((c: { id: number }) => c.id === ids.email);
    expect(email).toMatchObject({ channel: 'email', reasons: expect.arrayContaining(['sameCommune']) });
    expect(email.score).toBeGreaterThan(0.3);
    // Scores are in order.
    const scores = res.body.map((c: { score: number }) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // Outside the jurisdiction, there is no such case to compare.
    const other = await w.login('canbo.ngocha@caunoi.local');
    expect((await w.api(other, 'GET', `/api/cases/${ids.portal}/similar`)).status).toBe(404);
  });

  it('shows a citizen about to submit the titles and status of similar open cases in their ward, nothing more', async () => {
    const query = new URLSearchParams({ title: 'den duong hong ngo 5', communeCode: '00004' });
    const res = await w.api(null, 'GET', `/api/public/similar?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThanOrEqual(2);
    expect(res.body.length).toBeLessThanOrEqual(5);
    for (const c of res.body)
      expect(Object.keys(c).sort()).toEqual(['receivedAt', 'status', 'supportCount', 'title', 'trackingCode']);
    expect(JSON.stringify(res.body)).not.toContain('lan@example.test');
    expect(res.body.map((c: { title: string }) => c.title)).not.toContain('Rác thải ùn ứ ở chợ');
    const tooShort = await w.api(null, 'GET', '/api/public/similar?title=x');
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.fields[0].field).toBe('title');
  });

  it('lets a supervisor link a similar case as related without merging: both keep their citizens, both pages show the link', async () => {
    const supervisor = await w.login('truong.badinh@caunoi.local');
    const page = (await w.api(supervisor, 'GET', `/api/cases/${ids.portal}`)).body;
    expect(page.availableTransitions).toContain('linkRelated');
    const officer = await w.login('canbo.badinh@caunoi.local');
    const byOfficer = await w.api(officer, 'POST', `/api/cases/${ids.portal}/transitions`, {
      type: 'linkRelated',
      version: page.version,
      relatedCaseId: ids.email,
    });
    expect(byOfficer.status).toBe(409);
    expect(byOfficer.body.error).toMatchObject({ reason: 'guardFailed', guard: 'isSupervisorOfOwningUnit' });
    const toItself = await w.api(supervisor, 'POST', `/api/cases/${ids.portal}/transitions`, {
      type: 'linkRelated',
      version: page.version,
      relatedCaseId: ids.portal,
    });
    expect(toItself.status).toBe(400);
    const elsewhere = await w.api(supervisor, 'POST', `/api/cases/${ids.portal}/transitions`, {
      type: 'linkRelated',
      version: page.version,
      relatedCaseId: ids.otherWard,
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.fields[0].field).toBe('relatedCaseId');

    const linked = await w.api(supervisor, 'POST', `/api/cases/${ids.portal}/transitions`, {
      type: 'linkRelated',
      version: page.version,
      relatedCaseId: ids.email,
      reason: 'Cùng cột đèn ngõ 5',
    });
    expect(linked.status).toBe(200);
    for (const [id, other] of [
      [ids.portal, ids.email],
      [ids.email, ids.portal],
    ] as const) {
      const shown = (await w.api(supervisor, 'GET', `/api/cases/${id}`)).body;
      expect(shown.related.map((r: { id: number }) => r.id)).toEqual([other]);
      expect(shown.status).not.toBe('merged');
    }
    const events = await w.sql(`select case_id from case_event where type = 'RELATED_LINKED' order by case_id`);
    expect(events.map((e) => e.case_id).sort()).toEqual([ids.portal, ids.email].sort());
  });

  it('lets a citizen support a similar case instead of filing it again, and tells them once when it is answered', async () => {
    const [{ tracking_code: code }] = await w.sql('select tracking_code from case_file where id = $1', [ids.zalo]);
    const support = (body: unknown) => w.api(null, 'POST', `/api/public/cases/${code}/supporters`, body);
    expect((await support({ email: 'not-an-address', consent: true })).body.error.fields[0].field).toBe('email');
    expect((await support({ email: 'hoa@example.test' })).body.error.fields[0].field).toBe('consent');
    const first = await support({ email: 'hoa@example.test', consent: true });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ trackingCode: code, following: true });
    // The same address again counts again, and is told once.
    expect((await support({ email: 'Hoa@example.test', consent: true })).status).toBe(201);
    const second = await support({});
    expect(second.body).toMatchObject({ supportCount: first.body.supportCount + 2, following: false });
    const events = await w.sql(`select actor, payload from case_event where case_id = $1 and type = 'SUPPORTED'`, [
      ids.zalo,
    ]);
    expect(events).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain('hoa@example.test');

    // The officer answers; the supporter who gave an address is told, once.
    const officer = await w.login('canbo.badinh@caunoi.local');
    let page = (await w.api(officer, 'GET', `/api/cases/${ids.zalo}`)).body;
    if (page.status === 'routed')
      page = (
        await w.api(officer, 'POST', `/api/cases/${ids.zalo}/transitions`, { type: 'accept', version: page.version })
      ).body;
    const answered = await w.api(officer, 'POST', `/api/cases/${ids.zalo}/transitions`, {
      type: 'respond',
      version: page.version,
      answer: 'Đã thay bóng đèn ngõ 5 Đội Cấn.',
    });
    expect(answered.status).toBe(200);
    await w.t.server.jobs.drain();
    const mail = (await (await fetch(`${w.url}/api/dev/mail?to=hoa@example.test`)).json()) as Array<{
      subject: string;
      text: string;
    }>;
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain(code);
    expect(mail[0]!.text).not.toContain('Đã thay bóng đèn');
    // A finished case cannot be supported; an unknown one is not found.
    await w.caseEvent(ids.zalo, { type: 'resolveTimeout' }, { kind: 'system', label: 'system:sweeper' });
    expect((await support({})).status).toBe(409);
    expect((await w.api(null, 'POST', '/api/public/cases/CN.20000101.99999/supporters', {})).status).toBe(404);
  });

  it("keeps provenance when merging: the merged case's citizen hears the master's answer on their own channel", async () => {
    const officer = await w.login('canbo.badinh@caunoi.local');
    const mailCase = (await w.api(officer, 'GET', `/api/cases/${ids.email}`)).body;
    const merged = await w.api(officer, 'POST', `/api/cases/${ids.email}/transitions`, {
      type: 'merge',
      version: mailCase.version,
      intoCaseId: ids.portal,
    });
    expect(merged.status).toBe(200);
    await w.t.server.jobs.drain();
    const toLan = async () =>
      (await (await fetch(`${w.url}/api/dev/mail?to=lan@example.test`)).json()) as Array<{
        subject: string;
        text: string;
      }>;
    // Newest first: the merge notice names the master.
    expect((await toLan())[0]!.subject).toContain('gộp');
    const answerMails = async () => (await toLan()).filter((m) => m.subject.includes('Kết quả'));
    expect(await answerMails()).toHaveLength(0);

    let master = (await w.api(officer, 'GET', `/api/cases/${ids.portal}`)).body;
    expect(master.supportCount).toBeGreaterThanOrEqual(2);
    if (master.status === 'routed')
      master = (
        await w.api(officer, 'POST', `/api/cases/${ids.portal}/transitions`, {
          type: 'accept',
          version: master.version,
        })
      ).body;
    expect(
      (
        await w.api(officer, 'POST', `/api/cases/${ids.portal}/transitions`, {
          type: 'respond',
          version: master.version,
          answer: 'Đã thay ba bóng đèn ở ngõ 5 Đội Cấn.',
        })
      ).status,
    ).toBe(200);
    await w.t.server.jobs.drain();
    const told = await answerMails();
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toContain(mailCase.trackingCode);
    expect(told[0]!.subject).toContain(master.trackingCode);
    expect(told[0]!.text).toContain('Đã thay ba bóng đèn');
    // The job again (a retry) tells no one twice.
    await w.t.server.jobs.drain();
    expect(await answerMails()).toHaveLength(1);
  });
});
