import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

/** What the citizen wrote about themselves: none of it may ever reach a public page. */
const CITIZEN = { name: 'Phạm Thị Thu Hằng', email: 'thu.hang@example.test', phone: '0987654321' };
const PERSONAL = [CITIZEN.name, CITIZEN.email, CITIZEN.phone, '0987 654 321', '001190012345', '29A-123.45'];

/**
 * The public register (issue: answers the public can trust). A citizen agrees on the form; the
 * head reviews the masked texts beside the originals and publishes; the portal lists, finds and
 * feeds the answer with nothing personal in it; the citizen can take the consent back; the unit
 * may publish a matter of public interest on its own ground, never a complaint; and the figures
 * of the units are shown with their volume, by name.
 */
describe('the public register of answers', () => {
  let w: World;
  let officer: string;
  let head: string;
  let caseId: number;
  let code: string;
  let key: string;

  const page = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${w.url}${path}`, { redirect: 'manual', ...init });
    return {
      status: res.status,
      html: await res.text(),
      location: res.headers.get('location'),
      type: res.headers.get('content-type'),
    };
  };
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  };
  const act = async (token: string, id: number, body: Record<string, unknown>) => {
    const now = (await w.api(token, 'GET', `/api/cases/${id}`)).body;
    const res = await w.api(token, 'POST', `/api/cases/${id}/transitions`, { ...body, version: now.version });
    if (res.status !== 200) throw new Error(`${body.type}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const version = async (id: number) => (await w.api(head, 'GET', `/api/cases/${id}`)).body.version as number;
  const answered = async (id: number, answer: string) => {
    await act(officer, id, { type: 'accept' });
    await act(officer, id, { type: 'respond', answer });
  };
  const expectNothingPersonal = (html: string) => {
    for (const p of PERSONAL) expect(html).not.toContain(p);
  };

  beforeAll(async () => {
    w = await startWorld(serverUrl);
    officer = await w.login('canbo.badinh@caunoi.local');
    head = await w.login('truong.badinh@caunoi.local');
  });
  afterAll(() => w?.stop());

  it('a citizen agrees on the form; the head sees the masked texts beside the originals', async () => {
    const blank = await page('/');
    expect(blank.html).toContain('name="publish"');
    const sent = await page('/submit', {
      method: 'POST',
      body: form({
        title: 'Đèn đường ngõ 12 Đội Cấn tắt nhiều ngày',
        body: `Tôi là ${CITIZEN.name}, nhà số 27 ngõ 12. Đèn đường tắt hơn một tuần, trẻ em đi học tối rất nguy hiểm. Xin liên hệ 0987 654 321.`,
        provinceCode: '01',
        communeCode: '00004',
        categoryCode: 'road-traffic',
        name: CITIZEN.name,
        email: CITIZEN.email,
        phone: CITIZEN.phone,
        consent: 'true',
        publish: 'true',
        submissionToken: '6f1c2a9e-3b44-4d71-9a3e-0c1b2d3e4f50',
        language: 'vi',
      }),
    });
    expect(sent.status).toBe(200);
    code = /class="code">(CN\.\d{8}\.\d{5})</.exec(sent.html)![1]!;
    key = /class="code">([2-9A-Z]{10})</.exec(sent.html)![1]!;
    [{ id: caseId }] = await w.sql('select id from case_file where tracking_code = $1', [code]);
    const [{ publication_consent }] = await w.sql('select publication_consent from case_file where id = $1', [caseId]);
    expect(publication_consent).toBe(true);

    // Before an answer went out, there is nothing to publish.
    const early = await w.api(head, 'GET', `/api/cases/${caseId}/publication`);
    expect(early.body).toMatchObject({ consent: true, canPublish: false, proposal: null });
    await answered(
      caseId,
      'Ngày 3/12 Công ty Chiếu sáng đã thay bóng đèn. Mọi vướng mắc xin gọi đường dây nóng của phường.',
    );

    const panel = (await w.api(head, 'GET', `/api/cases/${caseId}/publication`)).body;
    expect(panel.canPublish).toBe(true);
    expect(panel.bases).toEqual(['consent']);
    expect(panel.proposal.question.original).toContain(CITIZEN.name);
    expect(panel.proposal.question.masked).not.toContain(CITIZEN.name);
    expect(panel.proposal.question.masked).not.toContain('0987 654 321');
    expect(panel.proposal.question.masked).toContain('[số điện thoại]');
    expect(panel.proposal.question.found.map((f: { kind: string }) => f.kind)).toEqual(
      expect.arrayContaining(['phone', 'name', 'houseNumber']),
    );
    // An officer prepares the answer; publishing is the head's.
    const officersView = (await w.api(officer, 'GET', `/api/cases/${caseId}/publication`)).body;
    expect(officersView.canPublish).toBe(false);
    expect(officersView.why).toContain('unit head');
  });

  it('refuses a text with personal data typed back, naming the field; publishes the reviewed one', async () => {
    const panel = (await w.api(head, 'GET', `/api/cases/${caseId}/publication`)).body;
    const texts = {
      title: panel.proposal.title.masked,
      question: panel.proposal.question.masked,
      answer: panel.proposal.answer.masked,
    };
    const typedBack = await w.api(head, 'PUT', `/api/cases/${caseId}/publication`, {
      version: await version(caseId),
      basis: 'consent',
      ...texts,
      answer: `${texts.answer} Gọi chị Hằng: 0987.654.321.`,
    });
    expect(typedBack.status).toBe(400);
    expect(typedBack.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['answer', 'answer']);
    expect(typedBack.body.error.fields[0].message).toContain('số điện thoại');
    // Nothing was written: the case's version is unchanged and no event was added.
    const events = await w.sql(`select 1 from case_event where case_id = $1 and type = 'ANSWER_PUBLISHED'`, [caseId]);
    expect(events).toHaveLength(0);

    const published = await w.api(head, 'PUT', `/api/cases/${caseId}/publication`, {
      version: await version(caseId),
      basis: 'consent',
      ...texts,
    });
    expect(published.status).toBe(200);
    expect(published.body.published).toMatchObject({
      basis: 'consent',
      url: expect.stringMatching(/^\/cong-khai\/\d+$/),
    });
    expect(published.body.canWithdraw).toBe(true);
    const again = await w.api(head, 'PUT', `/api/cases/${caseId}/publication`, {
      version: await version(caseId),
      basis: 'consent',
      ...texts,
    });
    expect(again.status).toBe(409);
    const [event] = await w.sql(
      `select actor, payload from case_event where case_id = $1 and type = 'ANSWER_PUBLISHED'`,
      [caseId],
    );
    expect(event.actor).toMatch(/^officer:\d+$/);
    expect(event.payload.basis).toBe('consent');
  });

  it('lists, finds and feeds the answer, with the unit and the time it took, and nothing personal', async () => {
    const list = await page('/cong-khai');
    expect(list.status).toBe(200);
    expect(list.html).toContain('Đèn đường ngõ 12 Đội Cấn tắt nhiều ngày');
    expect(list.html).toContain('Phường Ba Đình');
    expect(list.html).toMatch(/\d+ ngày làm việc/);
    expectNothingPersonal(list.html);

    const found = await page('/cong-khai?q=bong+den');
    expect(found.html).toContain('Đèn đường ngõ 12 Đội Cấn');
    const notFound = await page('/cong-khai?q=cong+thoat+nuoc+ngap');
    expect(notFound.html).toContain('Không có kết quả');
    const byPlace = await page('/cong-khai?provinceCode=01&communeCode=00004');
    expect(byPlace.html).toContain('Đèn đường ngõ 12 Đội Cấn');
    expect(byPlace.html).toContain('<option value="00004" selected>');
    expect((await page('/cong-khai?provinceCode=79')).html).not.toContain('Đèn đường ngõ 12 Đội Cấn');
    const byCategory = await page('/cong-khai?categoryCode=road-traffic');
    expect(byCategory.html).toContain('Đèn đường ngõ 12 Đội Cấn');

    const id = Number(/href="\/cong-khai\/(\d+)\?lang=vi"/.exec(list.html)![1]);
    const entry = await page(`/cong-khai/${id}`);
    expect(entry.status).toBe(200);
    expect(entry.html).toContain('Ngày 3/12 Công ty Chiếu sáng đã thay bóng đèn.');
    expect(entry.html).toContain('[họ tên]');
    expect(entry.html).toContain('Công khai theo đồng ý của người gửi');
    expectNothingPersonal(entry.html);
    expect((await page(`/cong-khai/${id}?lang=en`)).html).toContain('Published with the sender’s consent');

    const feed = await page('/cong-khai/don-vi/00004/atom.xml');
    expect(feed.status).toBe(200);
    expect(feed.type).toContain('application/atom+xml');
    expect(feed.html).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(feed.html).toContain('<title>Đèn đường ngõ 12 Đội Cấn tắt nhiều ngày</title>');
    expectNothingPersonal(feed.html);
    // The province's feed holds its communes' answers; another province's does not.
    expect((await page('/cong-khai/don-vi/01/atom.xml')).html).toContain('Đèn đường ngõ 12 Đội Cấn');
    expect((await page('/cong-khai/don-vi/79/atom.xml')).html).not.toContain('Đèn đường ngõ 12 Đội Cấn');
    expect((await page('/cong-khai/don-vi/NOPE/atom.xml')).status).toBe(404);
  });

  it('says what is wrong with a date beside the field, in the page’s language', async () => {
    const bad = await page('/cong-khai?from=31/02/2026');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="from-error"');
    expect(bad.html).toContain('Ngày chưa đúng');
    expect((await page('/cong-khai?from=31/02/2026&lang=en')).html).toContain('Not a date');
    const reversed = await page('/cong-khai?from=02/12/2026&to=01/12/2026');
    expect(reversed.html).toContain('id="to-error"');
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10).split('-').reverse().join('/');
    expect((await page(`/cong-khai?from=${today}&to=${today}`)).html).toContain('Đèn đường ngõ 12 Đội Cấn');
  });

  it('takes the answer out of the register when the citizen withdraws consent on the status page', async () => {
    const list = await page('/cong-khai');
    const id = Number(/href="\/cong-khai\/(\d+)\?lang=vi"/.exec(list.html)![1]);
    const status = await page(`/track?code=${code}&key=${key}`);
    expect(status.html).toContain(`/cong-khai/${id}`);
    const withdrawn = await page('/track/reply?lang=vi', {
      method: 'POST',
      body: form({ code, key, action: 'publication', publish: 'no' }),
    });
    expect(withdrawn.status).toBe(303);
    expect((await page(`/cong-khai/${id}`)).status).toBe(404);
    expect((await page('/cong-khai')).html).not.toContain('Đèn đường ngõ 12 Đội Cấn');
    const after = await page(withdrawn.location!);
    expect(after.html).toContain('không được công khai');
    const events = await w.sql<{ type: string; actor: string }>(
      `select type, actor from case_event where case_id = $1 and type like 'PUBLICATION%' order by seq`,
      [caseId],
    );
    expect(events).toEqual([{ type: 'PUBLICATION_CONSENT_SET', actor: 'citizen' }]);
    const panel = (await w.api(head, 'GET', `/api/cases/${caseId}/publication`)).body;
    expect(panel).toMatchObject({ consent: false, published: null });
  });

  it('lets the unit publish a matter of public interest with its reason, never a complaint without consent', async () => {
    const general = await w.submit('00004', {
      title: 'Lịch cắt nước khu tập thể Giảng Võ',
      body: 'Khu tập thể Giảng Võ bị cắt nước ba ngày không báo trước, đề nghị phường thông báo lịch cấp nước.',
      citizen: { name: CITIZEN.name, email: CITIZEN.email, phone: null, zaloIds: {} },
    });
    await answered(general.caseId, 'Công ty nước sạch sẽ thông báo lịch cắt nước trước 48 giờ trên loa phường.');
    const panel = (await w.api(head, 'GET', `/api/cases/${general.caseId}/publication`)).body;
    expect(panel.bases).toEqual(['publicInterest']);
    const texts = {
      title: panel.proposal.title.masked,
      question: panel.proposal.question.masked,
      answer: panel.proposal.answer.masked,
    };
    const noReason = await w.api(head, 'PUT', `/api/cases/${general.caseId}/publication`, {
      version: await version(general.caseId),
      basis: 'publicInterest',
      ...texts,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields[0].field).toBe('reason');
    const onConsent = await w.api(head, 'PUT', `/api/cases/${general.caseId}/publication`, {
      version: await version(general.caseId),
      basis: 'consent',
      ...texts,
    });
    expect(onConsent.status).toBe(409);
    const published = await w.api(head, 'PUT', `/api/cases/${general.caseId}/publication`, {
      version: await version(general.caseId),
      basis: 'publicInterest',
      reason: 'Nhiều hộ dân trong khu cùng bị ảnh hưởng',
      ...texts,
    });
    expect(published.status).toBe(200);
    const entry = await page(published.body.published.url);
    expect(entry.html).toContain('Công khai vì lợi ích chung');
    expectNothingPersonal(entry.html);

    const complaint = await w.submit('00004', {
      title: 'Khiếu nại quyết định cưỡng chế',
      categoryCode: 'complaint',
      citizen: { name: CITIZEN.name, email: CITIZEN.email, phone: null, zaloIds: {} },
    });
    await act(officer, complaint.caseId, { type: 'accept' });
    await act(head, complaint.caseId, { type: 'respond', answer: 'Quyết định cưỡng chế được giữ nguyên.' });
    const complaintPanel = (await w.api(head, 'GET', `/api/cases/${complaint.caseId}/publication`)).body;
    expect(complaintPanel).toMatchObject({ bases: [], canPublish: false });
    expect(complaintPanel.why).toContain('complaint');
    const refused = await w.api(head, 'PUT', `/api/cases/${complaint.caseId}/publication`, {
      version: await version(complaint.caseId),
      basis: 'publicInterest',
      reason: 'Muốn công khai',
      title: 'Khiếu nại quyết định cưỡng chế',
      question: 'Nội dung khiếu nại',
      answer: 'Quyết định cưỡng chế được giữ nguyên.',
    });
    expect(refused.status).toBe(409);

    // Withdrawn by the head, with the reason: the entry leaves, the audit keeps it.
    const withdrawn = await w.api(head, 'DELETE', `/api/cases/${general.caseId}/publication`, {
      version: await version(general.caseId),
      reason: 'Thông tin lịch cắt nước đã thay đổi',
    });
    expect(withdrawn.status).toBe(200);
    expect((await page(published.body.published.url)).status).toBe(404);
    const [{ withdrawn_reason }] = await w.sql('select withdrawn_reason from public_answer where case_id = $1', [
      general.caseId,
    ]);
    expect(withdrawn_reason).toBe('Thông tin lịch cắt nước đã thay đổi');
  });

  it('shows the units’ figures with their volume, by name and never ranked', async () => {
    await w.t.server.jobs.drain();
    const national = await page('/cong-khai/so-lieu');
    expect(national.status).toBe(200);
    expect(national.html).toContain('không xếp hạng');
    const rows = [...national.html.matchAll(/<tr><th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]!);
    expect(rows.length).toBeGreaterThan(30);
    expect(rows).toEqual([...rows].sort((a, b) => a.localeCompare(b, 'vi')));
    const hanoi = await page('/cong-khai/so-lieu?donvi=01');
    expect(hanoi.html).toMatch(/<th scope="row">Phường Ba Đình<\/th>\s*<td>\d+<\/td><td>\d+<\/td>/);
    // Too few cases for a rate to mean anything: it says so instead of a percentage.
    expect(hanoi.html).toContain('chưa đủ số liệu');
    expectNothingPersonal(hanoi.html);
  });
});
