import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runWaitingJobsNow } from '@caunoi/db';
import { TASKS } from '../src/transitions/delivery-jobs';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
// Response bodies are read loosely in tests; the assertions check their shape.
const json = async (res: Response): Promise<any> => res.json();

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)]);

const submission = {
  title: 'Đèn đường hỏng ở ngõ 5',
  body: 'Ba cột đèn trên ngõ 5 phố Đội Cấn đã tắt hơn hai tuần, buổi tối rất nguy hiểm.',
  categoryCode: 'road-traffic',
  provinceCode: '01',
  communeCode: '00004',
  name: 'Trần Thị Bình',
  email: 'binh.tran@example.test',
  consent: true,
};

describe('a citizen writes through the portal', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
  });
  afterAll(() => w?.stop());

  const post = (path: string, body: string | FormData, headers: Record<string, string> = {}) =>
    fetch(`${w.url}${path}`, { method: 'POST', body, headers });
  const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    post(path, JSON.stringify(body), { 'content-type': 'application/json', ...headers });

  it('gets a tracking code and access key, routed to the commune, and reads the status page', async () => {
    const res = await postJson('/api/public/submissions', submission);
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created.trackingCode).toMatch(/^CN\.\d{8}\.\d{5}$/);
    expect(created.accessKey).toMatch(/^[2-9A-Z]{10}$/);
    expect(created.statusUrl).toContain(encodeURIComponent(created.trackingCode));

    const status = await fetch(`${w.url}/api/public/cases/${created.trackingCode}?key=${created.accessKey}`);
    expect(status.status).toBe(200);
    const page = await json(status);
    expect(page).toMatchObject({
      trackingCode: created.trackingCode,
      title: submission.title,
      status: 'routed',
      handlingUnit: { code: '00004' },
      canReply: true,
      canRate: false,
    });
    expect(page.messages).toEqual([expect.objectContaining({ direction: 'inbound', body: submission.body })]);
    expect(JSON.stringify(page)).not.toContain('binh.tran@example.test');

    // The raw request is kept, linked to its case, and the acknowledgement and the unit's notice are delivered after the commit.
    const [item] = await w.sql(
      `select i.status, i.raw, c.tracking_code from inbound_item i join case_file c on c.id = i.case_id where c.tracking_code = $1`,
      [created.trackingCode],
    );
    expect(item.status).toBe('processed');
    // Created through the one path: the first event comes from nowhere, nothing is escalated, the answer date is promised.
    const [first] = await w.sql(
      `select e.from_status, e.to_status, c.escalated_at, c.expected_answer_at from case_event e join case_file c on c.id = e.case_id where c.tracking_code = $1 and e.seq = 1`,
      [created.trackingCode],
    );
    expect(first).toMatchObject({ from_status: null, to_status: 'routed', escalated_at: null });
    expect(first.expected_answer_at).not.toBeNull();
    expect(JSON.parse(item.raw.toString('utf8')).title).toBe(submission.title);
    await w.t.server.jobs.drain();
    const delivered = await w.sql(
      `select distinct r.template from delivery_receipt r join case_file c on c.id = r.case_id where c.tracking_code = $1 and r.channel = 'email'`,
      [created.trackingCode],
    );
    expect(delivered.map((o) => o.template).sort()).toEqual(['acknowledged', 'newCase']);
  });

  it('gets the same case back when a retry repeats the Idempotency-Key, and one acknowledgement', async () => {
    const headers = { 'idempotency-key': 'c5a0d3e2-9f4b-4c55-8a70-1f2e3d4c5b6a' };
    const first = await postJson('/api/public/submissions', submission, headers);
    const second = await postJson('/api/public/submissions', submission, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const [a, b] = [await json(first), await json(second)];
    expect(b.trackingCode).toBe(a.trackingCode);
    expect(b.accessKey).toBe(a.accessKey);
    await w.t.server.jobs.drain();
    const [{ n }] = await w.sql(
      `select count(*)::int as n from delivery_receipt r join case_file c on c.id = r.case_id where c.tracking_code = $1 and r.template = 'acknowledged'`,
      [a.trackingCode],
    );
    expect(n).toBe(1);
  });

  it('sends attachments in a multipart form; the type is read from the content', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(submission)) form.set(k, String(v));
    form.append('attachments', new Blob([PNG], { type: 'image/png' }), 'den-duong.png');
    const res = await post('/api/public/submissions', form);
    expect(res.status).toBe(201);
    const { trackingCode } = await json(res);
    const files = await w.sql(
      `select a.file_name, a.mime, a.size from attachment a join case_file c on c.id = a.case_id where c.tracking_code = $1`,
      [trackingCode],
    );
    expect(files).toEqual([{ file_name: 'den-duong.png', mime: 'image/png', size: PNG.length }]);

    // The handling officer downloads it; an officer of another commune cannot even see that it exists.
    const [{ case_id: caseId, id: attachmentId }] = await w.sql(
      `select a.case_id, a.id from attachment a join case_file c on c.id = a.case_id where c.tracking_code = $1`,
      [trackingCode],
    );
    const download = (token: string) =>
      fetch(`${w.url}/api/cases/${caseId}/attachments/${attachmentId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const own = await download(await w.login('canbo.badinh@caunoi.local'));
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('image/png');
    expect(own.headers.get('content-disposition')).toContain('den-duong.png');
    expect(Buffer.from(await own.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await download(await w.login('canbo.ngocha@caunoi.local'))).status).toBe(404);
  });

  it('is refused, naming the file, when an attachment lies about its type; the request is kept as rejected', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(submission)) form.set(k, String(v));
    form.append('attachments', new Blob([EXE], { type: 'application/pdf' }), 'quyet-dinh.pdf');
    const res = await post('/api/public/submissions', form, { 'idempotency-key': 'lying-attachment-1' });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.fields[0].field).toBe('attachments[0]');
    expect(body.error.fields[0].message).toContain('quyet-dinh.pdf');
    const [item] = await w.sql(
      `select status, error from inbound_item where external_id like 'submission:%:lying-attachment-1'`,
    );
    expect(item.status).toBe('rejected');
  });

  it('accepts a text file in Vietnamese as text, and refuses one with control codes or broken UTF-8, naming it', async () => {
    const send = async (bytes: Buffer, fileName: string) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(submission)) form.set(k, String(v));
      form.append('attachments', new Blob([bytes], { type: 'text/plain' }), fileName);
      return post('/api/public/submissions', form);
    };
    const minutes = Buffer.from('Biên bản đo đạc hiện trạng đường số 5.\r\n\tChiều dài: 120 m; hư hỏng: 3 đoạn.\n');
    const accepted = await send(minutes, 'bien-ban.txt');
    expect(accepted.status).toBe(201);
    const [file] = await w.sql(
      `select a.mime, a.size from attachment a join case_file c on c.id = a.case_id where c.tracking_code = $1`,
      [(await json(accepted)).trackingCode],
    );
    expect(file).toEqual({ mime: 'text/plain', size: minutes.length });

    for (const [bytes, name] of [
      [Buffer.concat([minutes, Buffer.from([0x00])]), 'voi-nul.txt'],
      [Buffer.concat([minutes, Buffer.from([0x1b, 0x5b, 0x32, 0x4a])]), 'ma-dieu-khien.txt'],
      [Buffer.concat([Buffer.from('Bi'), Buffer.from([0xc3]), Buffer.from('n bản')]), 'hong-utf8.txt'],
    ] as const) {
      const refused = await send(bytes, name);
      expect(refused.status).toBe(400);
      const field = (await json(refused)).error.fields[0];
      expect(field).toMatchObject({ field: 'attachments[0]', code: 'attachment.unrecognised' });
      expect(field.message).toContain(name);
    }
  });
  it('answers malformed JSON, malformed multipart, missing fields, the honeypot and odd content types with a 4xx naming the field', async () => {
    const badJson = await post('/api/public/submissions', '{"title": "Đèn', { 'content-type': 'application/json' });
    expect(badJson.status).toBe(400);
    expect((await json(badJson)).error.fields[0].field).toBe('(body)');

    const badMultipart = await post(
      '/api/public/submissions',
      '--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nabc',
      { 'content-type': 'multipart/form-data; boundary=xyz' },
    );
    expect(badMultipart.status).toBe(400);

    const missing = await postJson('/api/public/submissions', { body: 'ngắn' });
    expect(missing.status).toBe(400);
    const fields = (await json(missing)).error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'body']));

    const robot = await postJson('/api/public/submissions', { ...submission, website: 'http://spam.example' });
    expect(robot.status).toBe(400);
    expect((await json(robot)).error.fields[0].field).toBe('website');

    const noConsent = await postJson('/api/public/submissions', { ...submission, consent: false });
    expect((await json(noConsent)).error.fields[0].field).toBe('consent');

    const xml = await post('/api/public/submissions', '<pakn/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);
    expect((await json(xml)).error.fields[0].field).toBe('Content-Type');

    // Every one of them was stored raw before it was refused.
    const [{ n }] = await w.sql(`select count(*)::int as n from inbound_item where status = 'rejected'`);
    expect(n).toBeGreaterThanOrEqual(7);
  });

  it('is refused, naming the field, when a province, commune or category code names nothing, or the commune is in another province', async () => {
    const fieldsOf = async (body: unknown) => {
      const res = await postJson('/api/public/submissions', body);
      expect(res.status).toBe(400);
      return (await json(res)).error.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`);
    };
    expect(await fieldsOf({ ...submission, communeCode: '99999' })).toEqual(['communeCode:place.unknownCommune']);
    expect(await fieldsOf({ ...submission, communeCode: undefined, provinceCode: '98' })).toEqual([
      'provinceCode:place.unknownProvince',
    ]);
    // Phường Ba Đình is in Hà Nội (01), not TP Hồ Chí Minh (79).
    expect(await fieldsOf({ ...submission, provinceCode: '79' })).toEqual(['communeCode:place.communeNotInProvince']);
    expect(await fieldsOf({ ...submission, categoryCode: 'no-such-thing' })).toEqual(['categoryCode:category.unknown']);
    // The form page says it beside the field, in Vietnamese.
    const page = await post(
      '/submit',
      new URLSearchParams({ ...submission, consent: 'on', communeCode: '99999' }).toString(),
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Không có xã, phường mã 99999');
  });

  it("keeps a category's details (attributes) on the case, from JSON or a form, and names a wrong one", async () => {
    const { email: _email, ...withoutEmail } = submission;
    const outage = { ...withoutEmail, categoryCode: 'power-water', title: 'Mất nước hai ngày' };
    const res = await postJson('/api/public/submissions', {
      ...outage,
      attributes: { utility: 'water', since: '2026-11-29T06:00:00+07:00' },
    });
    expect(res.status).toBe(201);
    const [kase] = await w.sql('select attributes from case_file where tracking_code = $1', [
      (await json(res)).trackingCode,
    ]);
    expect(kase.attributes).toEqual({ utility: 'water', since: '2026-11-28T23:00:00.000Z' });
    const wrong = await postJson('/api/public/submissions', {
      ...outage,
      attributes: { utility: 'gas', colour: 'red' },
    });
    expect(wrong.status).toBe(400);
    expect(
      (await json(wrong)).error.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`),
    ).toEqual(['attributes.colour:attribute.unknown', 'attributes.utility:attribute.value']);
    // A form sends attributes[code]; its refusal is in Vietnamese beside the field.
    const form = new URLSearchParams({
      ...outage,
      name: 'Trần Thị Bình',
      consent: 'on',
      'attributes[utility]': 'gas',
    } as Record<string, string>);
    const page = await post('/submit', form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('chọn một trong: power, water');
    form.set('attributes[utility]', 'power');
    expect(
      (await post('/submit', form.toString(), { 'content-type': 'application/x-www-form-urlencoded' })).status,
    ).toBe(200);
  });

  it('leaves a submission without a category at its commune’s triage desk, and only a placeless one at the national desk', async () => {
    const { categoryCode: _c, ...uncategorised } = submission;
    const at = async (body: unknown) => {
      const res = await postJson('/api/public/submissions', body);
      expect(res.status).toBe(201);
      const [row] = await w.sql(
        `select c.status, ou.code from case_file c join org_unit ou on ou.id = c.owning_unit_id where c.tracking_code = $1`,
        [(await json(res)).trackingCode],
      );
      return row;
    };
    expect(await at(uncategorised)).toEqual({ status: 'triage', code: '00004' });
    expect(await at({ ...uncategorised, provinceCode: undefined, communeCode: undefined })).toEqual({
      status: 'triage',
      code: 'VPCP',
    });
    // The officer of Phường Ba Đình sees it in their queue and routes it on.
    const officer = await w.login('canbo.badinh@caunoi.local');
    const queue = await w.api(officer, 'GET', '/api/cases?filter={"status":"triage"}');
    expect(queue.body.length).toBeGreaterThanOrEqual(1);
  });

  it('turns pasted HTML into plain text', async () => {
    const res = await postJson('/api/public/submissions', {
      ...submission,
      body: '<p>Đèn <b>tắt</b> từ lâu</p><script>alert(1)</script><p>Xin xử lý</p>',
    });
    const { trackingCode } = await json(res);
    const [row] = await w.sql('select body from case_file where tracking_code = $1', [trackingCode]);
    expect(row.body).not.toMatch(/<|script|alert/);
    expect(row.body).toContain('Đèn tắt từ lâu');
  });

  it('answers a question, sees the answer, rates it; reopens another within the period', async () => {
    const officer = await w.login('canbo.badinh@caunoi.local');
    const created = await json(await postJson('/api/public/submissions', submission));
    const [{ id }] = await w.sql('select id from case_file where tracking_code = $1', [created.trackingCode]);
    const act = async (body: Record<string, unknown>) => {
      const current = await w.api(officer, 'GET', `/api/cases/${id}`);
      const res = await w.api(officer, 'POST', `/api/cases/${id}/transitions`, {
        ...body,
        version: current.body.version,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await act({ type: 'accept' });
    await act({ type: 'requestInfo', question: 'Xin cho biết số nhà gần cột đèn nhất?' });

    const reply = (body: Record<string, unknown>) =>
      postJson(`/api/public/cases/${created.trackingCode}/replies`, { key: created.accessKey, ...body });
    const wrongKey = await postJson(`/api/public/cases/${created.trackingCode}/replies`, {
      key: 'WRONGKEY22',
      message: 'x',
    });
    expect(wrongKey.status).toBe(404);

    const answered = await reply({ message: 'Cột đèn trước số nhà 12.' });
    expect(answered.status).toBe(200);
    const afterReply = await json(answered);
    expect(afterReply.status).toBe('inProgress');
    expect(afterReply.messages.map((m: { body: string }) => m.body)).toEqual([
      submission.body,
      'Xin cho biết số nhà gần cột đèn nhất?',
      'Cột đèn trước số nhà 12.',
    ]);

    const note = await reply({ message: 'Tối qua thêm một cột nữa tắt.' });
    expect((await json(note)).status).toBe('inProgress');
    const [{ type }] = await w.sql(`select type from case_event where case_id = $1 order by seq desc limit 1`, [id]);
    expect(type).toBe('CITIZEN_MESSAGE');

    const tooEarly = await reply({ action: 'rate', satisfaction: 5 });
    expect(tooEarly.status).toBe(400);
    expect((await json(tooEarly)).error.fields[0].field).toBe('action');

    await act({ type: 'respond', answer: 'Đã thay bóng đèn ngày 20/11.' });
    const page = await json(await fetch(`${w.url}/api/public/cases/${created.trackingCode}?key=${created.accessKey}`));
    expect(page).toMatchObject({ status: 'resolved', canRate: true, canReopen: true });
    expect(page.messages.at(-1).body).toBe('Đã thay bóng đèn ngày 20/11.');

    const rated = await reply({ action: 'rate', satisfaction: 4 });
    expect(await json(rated)).toMatchObject({ status: 'closed', satisfaction: 4, canReply: false });

    const finished = await reply({ message: 'Lại tắt rồi.' });
    expect(finished.status).toBe(409);

    const other = await json(await postJson('/api/public/submissions', submission));
    const [{ id: otherId }] = await w.sql('select id from case_file where tracking_code = $1', [other.trackingCode]);
    for (const body of [{ type: 'accept' }, { type: 'respond', answer: 'Đã sửa.' }]) {
      const current = await w.api(officer, 'GET', `/api/cases/${otherId}`);
      expect(
        (await w.api(officer, 'POST', `/api/cases/${otherId}/transitions`, { ...body, version: current.body.version }))
          .status,
      ).toBe(200);
    }
    const reopened = await postJson(`/api/public/cases/${other.trackingCode}/replies`, {
      key: other.accessKey,
      action: 'reopen',
      message: 'Vẫn chưa sửa.',
    });
    expect((await json(reopened)).status).toBe('inProgress');
  });

  it('keeps a submission whose case transaction fails, answers 202 without an acknowledgement, and registers it once the fault is gone', async () => {
    // What earlier tests queued is delivered first, so that what this one queues can be counted.
    await w.t.server.jobs.drain();
    await w.sql(
      `create function refuse_case() returns trigger language plpgsql as $$ begin raise exception 'disk quota exceeded (simulated)'; end $$`,
    );
    await w.sql(`create trigger refuse_case before insert on case_file for each row execute function refuse_case()`);
    const headers = { 'idempotency-key': 'fault-then-retry-0001' };
    const jobsBefore = (
      await w.sql(
        `select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier <> 'processInboundItem'`,
      )
    )[0].n;
    const res = await postJson('/api/public/submissions', { ...submission, title: 'Lỗi rồi thử lại' }, headers);
    expect(res.status).toBe(202);
    const [item] = await w.sql(
      `select id, status, error, case_id from inbound_item where external_id like 'submission:%:fault-then-retry-0001'`,
    );
    expect(item).toMatchObject({ status: 'failed', case_id: null });
    expect(item.error).toContain('disk quota exceeded');
    // Nothing was queued for a case that does not exist; the item has a retry job of its own.
    expect(
      (
        await w.sql(
          `select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier <> 'processInboundItem'`,
        )
      )[0].n,
    ).toBe(jobsBefore);
    expect(
      await w.sql(`select key from graphile_worker._private_jobs where key = $1`, [`inbound:${item.id}`]),
    ).toHaveLength(1);

    await w.sql(`drop trigger refuse_case on case_file`);
    // Its retry job (due 5 s after the failure, then on the queue's backoff) is brought forward.
    await runWaitingJobsNow(w.t.db.orm.em.fork(), [TASKS.inbound]);
    await w.t.server.jobs.drain();
    const [after] = await w.sql(`select status, case_id from inbound_item where id = $1`, [item.id]);
    expect(after.status).toBe('processed');

    const again = await postJson('/api/public/submissions', { ...submission, title: 'Lỗi rồi thử lại' }, headers);
    expect(again.status).toBe(201);
    const { trackingCode } = await json(again);
    const [kase] = await w.sql('select id, title from case_file where tracking_code = $1', [trackingCode]);
    expect(kase).toMatchObject({ id: after.case_id, title: 'Lỗi rồi thử lại' });
  });

  it('mails the acknowledgement with the code and key, then the officer’s question, and marks the question sent', async () => {
    const email = 'chi.le@example.test';
    const created = await json(await postJson('/api/public/submissions', { ...submission, email, name: 'Lê Thị Chi' }));
    await w.t.server.jobs.drain();
    const inbox = async () => json(await fetch(`${w.url}/api/dev/mail?to=${email}`));
    const [ack] = await inbox();
    expect(ack.subject).toBe(`[${created.trackingCode}] Đã tiếp nhận phản ánh, kiến nghị: ${submission.title}`);
    expect(ack.text).toContain(created.accessKey);
    expect(ack.text).toContain('Phường Ba Đình');
    expect(ack.text).toContain(`/track?code=${encodeURIComponent(created.trackingCode)}&key=${created.accessKey}`);
    expect(ack.messageId).toContain(created.trackingCode);
    // Our mail comes from a no-reply sender: the citizen is told, and the mail says, where replies go.
    expect(ack.text).toContain('thư trả lời được gửi đến gopy@caunoi.local');
    expect(ack.text).toMatch(/Dự kiến trả lời chậm nhất: \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
    expect(ack.text).toContain('Văn phòng Chính phủ');
    const [{ raw }] = await w.sql(`select raw from captured_mail where message_id = $1`, [ack.messageId]);
    expect(raw.toString('utf8')).toMatch(/^Reply-To: gopy@caunoi\.local$/m);

    // The unit hears about its new case too.
    const unitMail = await json(await fetch(`${w.url}/api/dev/mail?to=canbo.badinh@caunoi.local`));
    expect(
      unitMail.some(
        (m: { subject: string }) => m.subject === `[${created.trackingCode}] Hồ sơ mới: ${submission.title}`,
      ),
    ).toBe(true);

    const officer = await w.login('canbo.badinh@caunoi.local');
    const [{ id }] = await w.sql('select id from case_file where tracking_code = $1', [created.trackingCode]);
    for (const body of [{ type: 'accept' }, { type: 'requestInfo', question: 'Đoạn đường dài bao nhiêu mét?' }]) {
      const current = await w.api(officer, 'GET', `/api/cases/${id}`);
      expect(
        (await w.api(officer, 'POST', `/api/cases/${id}/transitions`, { ...body, version: current.body.version }))
          .status,
      ).toBe(200);
    }
    await w.t.server.jobs.drain();
    const mails = await inbox();
    const question = mails.find((m: { subject: string }) => m.subject.includes('Đề nghị bổ sung thông tin'));
    expect(question.text).toContain('Đoạn đường dài bao nhiêu mét?');
    const [message] = await w.sql(
      `select delivery_status, external_id from case_message where case_id = $1 and direction = 'outbound'`,
      [id],
    );
    expect(message).toEqual({ delivery_status: 'sent', external_id: question.messageId });
  });

  it('shows failed items to the reception desk, who retries them; dead letters likewise', async () => {
    await w.sql(
      `create function refuse_case_queue() returns trigger language plpgsql as $$ begin raise exception 'tablespace offline (simulated)'; end $$`,
    );
    await w.sql(
      `create trigger refuse_case_queue before insert on case_file for each row execute function refuse_case_queue()`,
    );
    const res = await postJson(
      '/api/public/submissions',
      { ...submission, title: 'Hàng đợi tiếp nhận' },
      { 'idempotency-key': 'queue-retry-0001' },
    );
    expect(res.status).toBe(202);
    await w.sql(`drop trigger refuse_case_queue on case_file`);

    const desk = await w.login('tiepnhan.vpcp@caunoi.local');
    const queue = await w.api(desk, 'GET', `/api/admin/inbound?filter=${encodeURIComponent('{"status":"failed"}')}`);
    expect(queue.status).toBe(200);
    expect(queue.headers.get('content-range')).toMatch(/^inbound 0-\d+\/\d+$/);
    const item = queue.body.find((i: { externalId: string }) => i.externalId.endsWith(':queue-retry-0001'));
    expect(item).toMatchObject({ status: 'failed', channel: 'portal' });
    expect(item.error).toContain('tablespace offline');
    const raw = await fetch(`${w.url}/api/admin/inbound/${item.id}/raw`, {
      headers: { authorization: `Bearer ${desk}` },
    });
    expect(JSON.parse(await raw.text()).title).toBe('Hàng đợi tiếp nhận');

    const officer = await w.login('canbo.badinh@caunoi.local');
    expect((await w.api(officer, 'GET', '/api/admin/inbound')).status).toBe(403);

    const retried = await w.api(desk, 'POST', `/api/admin/inbound/${item.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ kind: 'case', created: true });
    expect((await w.api(desk, 'POST', `/api/admin/inbound/${item.id}/retry`)).status).toBe(409);

    // A message the queue gave up on (here: every attempt used) is listed, and a retry sends it.
    const payload = {
      audience: 'sender',
      dedupeKey: 'test:dead-letter',
      template: 'mailRefused',
      to: 'dead.letter@example.test',
      subject: 'Thư thử',
      text: 'Nội dung',
    };
    const [{ id: deadId }] = await w.sql(
      `select id from graphile_worker.add_job('deliverEmail', $1::json, job_key => 'test:dead-letter', max_attempts => 1, run_at => now() + interval '1 hour')`,
      [JSON.stringify(payload)],
    );
    await w.sql(
      `update graphile_worker._private_jobs set attempts = 1, last_error = 'connect ECONNREFUSED smtp' where id = $1`,
      [deadId],
    );
    const dead = await w.api(desk, 'GET', '/api/admin/outbox');
    expect(dead.body.find((d: { id: number }) => d.id === Number(deadId))).toMatchObject({
      kind: 'email',
      status: 'dead',
      template: 'mailRefused',
      lastError: 'connect ECONNREFUSED smtp',
    });
    expect((await w.api(desk, 'POST', `/api/admin/outbox/${deadId}/retry`)).status).toBe(200);
    expect((await w.api(desk, 'POST', `/api/admin/outbox/${deadId}/retry`)).status).toBe(409);
    await w.t.server.jobs.drain();
    expect(await w.sql(`select recipient from delivery_receipt where dedupe_key = 'test:dead-letter'`)).toEqual([
      { recipient: 'dead.letter@example.test' },
    ]);
  });

  it('lists reference data for the pickers', async () => {
    const reference = await json(await fetch(`${w.url}/api/public/reference`));
    expect(reference.provinces).toHaveLength(34);
    expect(reference.categories.length).toBeGreaterThan(10);
    const communes = await json(await fetch(`${w.url}/api/public/provinces/01/communes`));
    expect(communes.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['00004', '00008']));
    expect((await fetch(`${w.url}/api/public/provinces/99/communes`)).status).toBe(404);
  });
});

describe('the portal under a flood of requests from one address', () => {
  it('answers 429 in JSON past PUBLIC_RATE_LIMIT requests a minute', async () => {
    const { startTestServer } = await import('./helpers');
    const t = await startTestServer(serverUrl, { PUBLIC_RATE_LIMIT: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await fetch(`${t.server.url}/api/public/reference`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await fetch(`${t.server.url}/api/public/reference`);
      expect((await json(limited)).error.code).toBe('RATE_LIMITED');
      expect(limited.headers.get('ratelimit-policy')).toContain('3');
    } finally {
      await t.stop();
    }
  });
});
