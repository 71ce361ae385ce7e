import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
const CITIZEN = 'khieu.nai@example.test';

/**
 * Ký duyệt: on a complaint the officer's answer is a draft for the head of the unit; nothing
 * reaches the citizen until the head approves it, the head may send it back with a note, and the
 * resolve clock runs on meanwhile. Which categories need it is data an administrator sets.
 */
describe('answers approved by the head of the unit before they leave', () => {
  let w: World;
  let officer: string;
  let head: string;
  let caseId: number;
  let code: string;
  let key: string;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
    officer = await w.login('canbo.badinh@caunoi.local');
    head = await w.login('truong.badinh@caunoi.local');
    const submitted = await w.submit('00004', {
      title: 'Khiếu nại quyết định xử phạt vi phạm hành chính',
      categoryCode: 'complaint',
      citizen: { name: 'Đỗ Văn Hùng', email: CITIZEN, phone: null, zaloIds: {} },
    });
    ({ caseId, trackingCode: code, accessKey: key } = submitted);
  });
  afterAll(() => w?.stop());

  const page = async (token: string) => (await w.api(token, 'GET', `/api/cases/${caseId}`)).body;
  const act = async (token: string, body: Record<string, unknown>) =>
    w.api(token, 'POST', `/api/cases/${caseId}/transitions`, { ...body, version: (await page(token)).version });
  const mailTo = async (address: string) =>
    (await (await fetch(`${w.url}/api/dev/mail?to=${address}`)).json()) as Array<{ subject: string; text: string }>;
  const publicMessages = async () =>
    (
      (await (await fetch(`${w.url}/api/public/cases/${code}?key=${key}`)).json()) as {
        messages: Array<{ body: string }>;
      }
    ).messages.map((m) => m.body);

  it("keeps the officer's answer as a draft on the head's queue; the citizen sees nothing of it", async () => {
    expect((await act(officer, { type: 'accept' })).status).toBe(200);
    const [{ resolve_due_at: due }] = await w.sql('select resolve_due_at from case_file where id = $1', [caseId]);
    const drafted = await act(officer, { type: 'respond', answer: 'Dự thảo: giữ nguyên quyết định xử phạt.' });
    expect(drafted.status).toBe(200);
    expect(drafted.body.status).toBe('awaitingApproval');
    // The officer cannot approve their own draft; the head can.
    expect(drafted.body.availableTransitions).not.toContain('approveAnswer');
    expect((await page(head)).availableTransitions).toEqual(expect.arrayContaining(['approveAnswer', 'returnAnswer']));
    const queue = await w.api(
      head,
      'GET',
      `/api/cases?filter=${encodeURIComponent('{"status":["awaitingApproval"]}')}`,
    );
    expect(queue.body.map((c: { id: number }) => c.id)).toContain(caseId);

    await w.t.server.jobs.drain();
    expect((await mailTo(CITIZEN)).some((m) => m.text.includes('Dự thảo'))).toBe(false);
    expect(await publicMessages()).not.toContain('Dự thảo: giữ nguyên quyết định xử phạt.');
    expect((await mailTo('truong.badinh@caunoi.local')).some((m) => m.subject.includes('chờ ký duyệt'))).toBe(true);
    // The clock runs on: the deadline is what it was.
    const [row] = await w.sql('select resolve_due_at from case_file where id = $1', [caseId]);
    expect(new Date(row.resolve_due_at).getTime()).toBe(new Date(due).getTime());
  });

  it("goes back to the officer with the head's note, and out to the citizen once approved: the revised answer, once", async () => {
    expect((await act(head, { type: 'returnAnswer', note: '' })).status).toBe(400);
    const returned = await act(head, {
      type: 'returnAnswer',
      note: 'Nêu rõ căn cứ Điều 15 Luật Xử lý vi phạm hành chính.',
    });
    expect(returned.body.status).toBe('inProgress');
    await w.t.server.jobs.drain();
    expect((await mailTo('canbo.badinh@caunoi.local')).some((m) => m.subject.includes('bị trả lại'))).toBe(true);

    const revised = 'Căn cứ Điều 15 Luật Xử lý vi phạm hành chính, quyết định xử phạt được giữ nguyên.';
    expect((await act(officer, { type: 'respond', answer: revised })).body.status).toBe('awaitingApproval');
    const approved = await act(head, { type: 'approveAnswer' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('resolved');
    await w.t.server.jobs.drain();

    const answers = (await mailTo(CITIZEN)).filter((m) => m.subject.includes('Kết quả giải quyết'));
    expect(answers).toHaveLength(1);
    expect(answers[0]!.text).toContain(revised);
    expect(answers[0]!.text).not.toContain('Dự thảo');
    const shown = await publicMessages();
    expect(shown).toContain(revised);
    expect(shown).not.toContain('Dự thảo: giữ nguyên quyết định xử phạt.');
    const events = await w.sql<{ type: string; actor: string }>(
      `select type, actor from case_event where case_id = $1 and type in ('RESPONDED', 'ANSWER_RETURNED', 'ANSWER_APPROVED') order by seq`,
      [caseId],
    );
    expect(events.map((e) => e.type)).toEqual(['RESPONDED', 'ANSWER_RETURNED', 'RESPONDED', 'ANSWER_APPROVED']);
  });

  it('applies to the categories an administrator marks, and a head answering sends at once', async () => {
    const admin = await w.login('admin@caunoi.local');
    const [category] = await w.sql<{ id: number }>(`select id from category where code = 'road-traffic'`);
    const current = (await w.api(admin, 'GET', `/api/admin/reference/categories/${category!.id}`)).body;
    const marked = await w.api(admin, 'PUT', `/api/admin/reference/categories/${category!.id}`, {
      nameVi: current.nameVi,
      nameEn: current.nameEn,
      active: true,
      answerApproval: true,
    });
    expect(marked.status).toBe(200);
    const other = await w.submit('00004');
    const step = async (id: number, token: string, body: Record<string, unknown>) => {
      const now = (await w.api(token, 'GET', `/api/cases/${id}`)).body;
      return w.api(token, 'POST', `/api/cases/${id}/transitions`, { ...body, version: now.version });
    };
    await step(other.caseId, officer, { type: 'accept' });
    const drafted = await step(other.caseId, officer, { type: 'respond', answer: 'Đã khơi thông cống.' });
    expect(drafted.body.status).toBe('awaitingApproval');
    // The head's own answer is signed as it is written.
    const third = await w.submit('00004');
    await step(third.caseId, head, { type: 'accept' });
    const byHead = await step(third.caseId, head, { type: 'respond', answer: 'Đã khơi thông cống.' });
    expect(byHead.body.status).toBe('resolved');
  });
});
