import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '@caunoi/db';
import { DEMO_PASSWORD } from '@caunoi/seeds';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
const EMAIL = 'khong.hai.long@example.test';

/**
 * The citizen decides when it is resolved: dissatisfied a second time (or on a complaint), they
 * take the case to the level above. The case closes here; a new one, linked, opens at the parent
 * unit with its own clocks, and the citizen follows it with its own code and key. An extension of
 * the deadline is a progress note the citizen is told of.
 */
describe('appeal to the next level, and the extension the citizen hears of', () => {
  let w: World;
  let officer: string;
  let head: string;

  const page = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${w.url}${path}`, { redirect: 'manual', ...init });
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  };
  const reply = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return page('/track/reply?lang=vi', { method: 'POST', body: data });
  };
  const act = async (token: string, id: number, body: Record<string, unknown>) => {
    const now = (await w.api(token, 'GET', `/api/cases/${id}`)).body;
    const res = await w.api(token, 'POST', `/api/cases/${id}/transitions`, { ...body, version: now.version });
    if (res.status !== 200) throw new Error(`${body.type}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const mail = async () =>
    (await (await fetch(`${w.url}/api/dev/mail?to=${EMAIL}`)).json()) as Array<{ subject: string; text: string }>;

  beforeAll(async () => {
    w = await startWorld(serverUrl);
    officer = await w.login('canbo.badinh@caunoi.local');
    head = await w.login('truong.badinh@caunoi.local');
  });
  afterAll(() => w?.stop());

  it('asks for a reconsideration first; dissatisfied again, the citizen appeals to the province', async () => {
    const {
      caseId,
      trackingCode: code,
      accessKey: key,
    } = await w.submit('00004', {
      title: 'Lấn chiếm vỉa hè phố Đội Cấn',
      citizen: { name: 'Vũ Thị Nga', email: EMAIL, phone: null, zaloIds: {} },
    });
    await act(officer, caseId, { type: 'accept' });
    await act(officer, caseId, { type: 'respond', answer: 'Phường đã nhắc nhở các hộ kinh doanh.' });

    const first = await page(`/track?code=${code}&key=${key}`);
    expect(first.html).not.toContain('id="appeal"');
    const tooEarly = await reply({ code, key, action: 'appeal', message: 'Vẫn lấn chiếm như cũ.' });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.html).toContain('reopen');

    expect((await reply({ code, key, action: 'reopen', message: 'Nhắc nhở xong vẫn bày hàng.' })).status).toBe(303);
    await act(officer, caseId, { type: 'respond', answer: 'Phường sẽ tiếp tục kiểm tra.' });
    const second = await page(`/track?code=${code}&key=${key}`);
    expect(second.html).toContain('id="appeal"');

    const before = Date.now();
    const appealed = await reply({ code, key, action: 'appeal', message: 'Hai lần trả lời vẫn không xử lý dứt điểm.' });
    expect(appealed.status).toBe(303);
    const newCode = decodeURIComponent(/code=([^&]+)/.exec(appealed.location!)![1]!);
    expect(newCode).not.toBe(code);
    const upstairs = await page(appealed.location!);
    expect(upstairs.status).toBe(200);
    expect(upstairs.html).toContain('Kiến nghị lên cấp trên: Lấn chiếm vỉa hè phố Đội Cấn');
    expect(upstairs.html).toContain('Thành phố Hà Nội');
    expect(upstairs.html).toContain(code);

    const [original] = await w.sql('select status, citizen_id from case_file where id = $1', [caseId]);
    expect(original.status).toBe('closed');
    const [appeal] = await w.sql(
      `select c.status, c.appeal_of_id, c.citizen_id, c.accept_due_at, c.received_at, u.code as unit
         from case_file c join org_unit u on u.id = c.owning_unit_id where c.tracking_code = $1`,
      [newCode],
    );
    expect(appeal).toMatchObject({
      status: 'routed',
      appeal_of_id: caseId,
      citizen_id: original.citizen_id,
      unit: '01',
    });
    // Its own clocks, from the appeal.
    expect(new Date(appeal.received_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(appeal.accept_due_at).getTime()).toBeGreaterThan(Date.now());
    const events = await w.sql<{ type: string }>(
      `select type from case_event where case_id = $1 order by seq desc limit 1`,
      [caseId],
    );
    expect(events[0]!.type).toBe('APPEALED');
    expect((await page(`/track?code=${code}&key=${key}`)).html).toContain(newCode);

    // The citizen is acknowledged for the new case on their channel, and the province is told.
    await w.t.server.jobs.drain();
    expect((await mail()).some((m) => m.subject.includes(newCode) && m.subject.includes('Đã tiếp nhận'))).toBe(true);
    // The province's officers see it in their queue, and may accept it.
    const province = await w.login('canbo.hanoi@caunoi.local');
    const queue = await w.api(province, 'GET', `/api/cases?filter=${encodeURIComponent(`{"q":"${newCode}"}`)}`);
    expect(queue.body.map((c: { trackingCode: string }) => c.trackingCode)).toEqual([newCode]);
    expect(queue.body[0].status).toBe('routed');
    // One appeal per case: the closed case cannot be appealed again.
    expect((await reply({ code, key, action: 'appeal', message: 'Lần nữa.' })).status).toBe(400);
  });

  it('lets a complaint go up at once, from the province to the Government Office, and no further', async () => {
    const provinceHead = await w.login('lanhdao.hanoi@caunoi.local');
    const {
      caseId,
      trackingCode: code,
      accessKey: key,
    } = await w.submit('01', {
      title: 'Khiếu nại quyết định thu hồi đất',
      categoryCode: 'complaint',
      citizen: { name: 'Vũ Thị Nga', email: EMAIL, phone: null, zaloIds: {} },
    });
    await act(provinceHead, caseId, { type: 'accept' });
    await act(provinceHead, caseId, { type: 'respond', answer: 'Giữ nguyên quyết định.' });
    expect((await page(`/track?code=${code}&key=${key}`)).html).toContain('id="appeal"');
    const appealed = await reply({ code, key, action: 'appeal', message: 'Tôi không đồng ý với quyết định.' });
    expect(appealed.status).toBe(303);
    const newCode = decodeURIComponent(/code=([^&]+)/.exec(appealed.location!)![1]!);
    const [{ unit, id: topId }] = await w.sql(
      'select u.code as unit, c.id from case_file c join org_unit u on u.id = c.owning_unit_id where c.tracking_code = $1',
      [newCode],
    );
    expect(unit).toBe('VPCP');

    // Answered at the top (by its head: a complaint's answer is signed), there is no level above.
    await w.sql(
      `insert into app_user (email, name, password_hash, role, unit_id, language, active, created_at)
       select 'lanhdao.vpcp@caunoi.local', 'Trần Quốc Việt', $1, 'supervisor', id, 'vi', true, now() from org_unit where code = 'VPCP'`,
      [await hashPassword(DEMO_PASSWORD)],
    );
    const govHead = await w.login('lanhdao.vpcp@caunoi.local');
    await act(govHead, topId, { type: 'accept' });
    await act(govHead, topId, { type: 'respond', answer: 'Văn phòng Chính phủ giữ nguyên kết quả giải quyết.' });
    const topKey = decodeURIComponent(/key=([^&]+)/.exec(appealed.location!)![1]!);
    const top = await page(`/track?code=${encodeURIComponent(newCode)}&key=${topKey}`);
    expect(top.html).toContain('Văn phòng Chính phủ giữ nguyên');
    expect(top.html).not.toContain('id="appeal"');
    const refused = await reply({ code: newCode, key: topKey, action: 'appeal', message: 'Lên nữa.' });
    expect(refused.status).toBe(400);
  });

  it('tells the citizen of an extension with its reason and the new deadline, and shows it on the status page', async () => {
    const {
      caseId,
      trackingCode: code,
      accessKey: key,
    } = await w.submit('00004', {
      title: 'Sụt lún mặt đường ngõ 8',
      citizen: { name: 'Vũ Thị Nga', email: EMAIL, phone: null, zaloIds: {} },
    });
    await act(officer, caseId, { type: 'accept' });
    const [{ resolve_due_at: due }] = await w.sql('select resolve_due_at from case_file where id = $1', [caseId]);
    await act(head, caseId, { type: 'extendDeadline', reason: 'Cần khảo sát địa chất trước khi sửa chữa.' });
    const [{ resolve_due_at: extended }] = await w.sql('select resolve_due_at from case_file where id = $1', [caseId]);
    expect(new Date(extended).getTime()).toBeGreaterThan(new Date(due).getTime());
    await w.t.server.jobs.drain();
    const notice = (await mail()).find((m) => m.subject.includes(code) && m.subject.includes('Gia hạn'));
    expect(notice?.text).toContain('Cần khảo sát địa chất trước khi sửa chữa.');
    expect(notice?.text).toContain('Thời hạn mới');
    const status = await page(`/track?code=${code}&key=${key}`);
    expect(status.html).toContain('Cần khảo sát địa chất trước khi sửa chữa.');
    expect(status.html).toContain('Gia hạn thời hạn giải quyết');
    // An extension counts as the progress note an overdue case must have.
    const events = await w.sql(`select 1 from case_event where case_id = $1 and type = 'DEADLINE_EXTENDED'`, [caseId]);
    expect(events).toHaveLength(1);
  });
});
