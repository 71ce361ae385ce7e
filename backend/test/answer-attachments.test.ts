import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
const EMAIL = 'nhan.van.ban@example.test';

/** A small but real PDF (the signed document) and PNG (a photo of the work done). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * An answer carries the signed document and photos: the officer uploads them (checked as a
 * citizen's files are), the answer names them, and the citizen receives them with the answer
 * (attached to the mail, named on every channel, downloadable from the status page); a draft's
 * files are nobody's business until the head approves it.
 */
describe('files that go with an answer', () => {
  let w: World;
  let officer: string;
  let head: string;

  const upload = async (token: string, caseId: number, files: Array<{ name: string; bytes: Buffer; type: string }>) => {
    const form = new FormData();
    for (const f of files) form.append('files', new Blob([f.bytes], { type: f.type }), f.name);
    const res = await fetch(`${w.url}/api/cases/${caseId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const act = async (token: string, id: number, body: Record<string, unknown>) => {
    const now = (await w.api(token, 'GET', `/api/cases/${id}`)).body;
    return w.api(token, 'POST', `/api/cases/${id}/transitions`, { ...body, version: now.version });
  };
  const lastMailTo = async (address: string, subject: string) => {
    const [row] = await w.sql<{ raw: Buffer }>(
      `select raw from captured_mail where $1 = any(recipients) and subject like $2 order by id desc limit 1`,
      [address, `%${subject}%`],
    );
    return row ? simpleParser(row.raw) : null;
  };

  beforeAll(async () => {
    w = await startWorld(serverUrl);
    officer = await w.login('canbo.badinh@caunoi.local');
    head = await w.login('truong.badinh@caunoi.local');
  });
  afterAll(() => w?.stop());

  it('sends the signed document and a photo with the answer: in the mail, named in it, on the status page', async () => {
    const {
      caseId,
      trackingCode: code,
      accessKey: key,
    } = await w.submit('00004', {
      title: 'Hố ga mất nắp trước số 5 Kim Mã',
      citizen: { name: 'Đinh Văn Toàn', email: EMAIL, phone: null, zaloIds: {} },
    });
    expect((await act(officer, caseId, { type: 'accept' })).status).toBe(200);
    const uploaded = await upload(officer, caseId, [
      { name: 'Cong-van-tra-loi-so-12.pdf', bytes: PDF, type: 'application/pdf' },
      { name: 'anh-sau-khi-lap-nap.png', bytes: PNG, type: 'image/png' },
    ]);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.map((f: { fileName: string; mime: string }) => [f.fileName, f.mime])).toEqual([
      ['Cong-van-tra-loi-so-12.pdf', 'application/pdf'],
      ['anh-sau-khi-lap-nap.png', 'image/png'],
    ]);
    // Not sent yet: the citizen cannot see or fetch them.
    const ids = uploaded.body.map((f: { id: number }) => f.id);
    const early = await fetch(`${w.url}/track/file?code=${code}&key=${key}&id=${ids[0]}`);
    expect(early.status).toBe(404);

    const answered = await act(officer, caseId, {
      type: 'respond',
      answer: 'Phường đã lắp nắp hố ga mới ngày 5/12; công văn trả lời và ảnh kèm theo.',
      attachmentIds: ids,
    });
    expect(answered.status).toBe(200);
    await w.t.server.jobs.drain();

    const mail = await lastMailTo(EMAIL, 'Kết quả giải quyết');
    expect(mail).not.toBeNull();
    expect(mail!.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['Cong-van-tra-loi-so-12.pdf', 'application/pdf'],
      ['anh-sau-khi-lap-nap.png', 'image/png'],
    ]);
    expect(Buffer.compare(mail!.attachments[0]!.content, PDF)).toBe(0);
    expect(mail!.text).toContain('Tệp đính kèm: Cong-van-tra-loi-so-12.pdf, anh-sau-khi-lap-nap.png');

    const status = await (await fetch(`${w.url}/track?code=${code}&key=${key}`)).text();
    expect(status).toContain('Cong-van-tra-loi-so-12.pdf</a>');
    const download = await fetch(`${w.url}/track/file?code=${code}&key=${key}&id=${ids[0]}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('application/pdf');
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.compare(Buffer.from(await download.arrayBuffer()), PDF)).toBe(0);
    expect((await fetch(`${w.url}/track/file?code=${code}&key=WRONGKEY22&id=${ids[0]}`)).status).toBe(404);

    const [event] = await w.sql(`select payload from case_event where case_id = $1 and type = 'RESPONDED'`, [caseId]);
    expect(event.payload.attachmentIds).toEqual(ids);
  });

  it('refuses a file that is not what it claims, and an answer naming files that are not waiting on this case', async () => {
    const { caseId } = await w.submit('00004', { title: 'Cây xanh chết khô' });
    await act(officer, caseId, { type: 'accept' });
    const disguised = await upload(officer, caseId, [
      { name: 'bien-ban.pdf', bytes: Buffer.from('MZ\x90\x00\x03 this is a program'), type: 'application/pdf' },
    ]);
    expect(disguised.status).toBe(400);
    expect(disguised.body.error.fields[0].field).toBe('files[0]');

    const other = await w.submit('00004', { title: 'Một hồ sơ khác' });
    await act(officer, other.caseId, { type: 'accept' });
    const theirs = await upload(officer, other.caseId, [{ name: 'khac.pdf', bytes: PDF, type: 'application/pdf' }]);
    const wrong = await act(officer, caseId, {
      type: 'respond',
      answer: 'Đã trồng cây mới thay thế.',
      attachmentIds: [theirs.body[0].id],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].field).toBe('attachmentIds');
    const [{ status }] = await w.sql('select status from case_file where id = $1', [caseId]);
    expect(status).toBe('inProgress');
    // Another unit's officer cannot put files on the case.
    const ngocHa = await w.login('canbo.ngocha@caunoi.local');
    expect((await upload(ngocHa, caseId, [{ name: 'x.pdf', bytes: PDF, type: 'application/pdf' }])).status).toBe(404);
  });

  it("keeps a draft's files from the citizen until the head approves it; then they go with it", async () => {
    const {
      caseId,
      trackingCode: code,
      accessKey: key,
    } = await w.submit('00004', {
      title: 'Khiếu nại về việc cấp phép xây dựng',
      categoryCode: 'complaint',
      citizen: { name: 'Đinh Văn Toàn', email: EMAIL, phone: null, zaloIds: {} },
    });
    await act(officer, caseId, { type: 'accept' });
    const [file] = (await upload(officer, caseId, [{ name: 'quyet-dinh.pdf', bytes: PDF, type: 'application/pdf' }]))
      .body;
    const drafted = await act(officer, caseId, {
      type: 'respond',
      answer: 'Dự thảo quyết định giải quyết khiếu nại (kèm theo).',
      attachmentIds: [file.id],
    });
    expect(drafted.body.status).toBe('awaitingApproval');
    expect((await fetch(`${w.url}/track/file?code=${code}&key=${key}&id=${file.id}`)).status).toBe(404);
    expect((await act(head, caseId, { type: 'approveAnswer' })).status).toBe(200);
    await w.t.server.jobs.drain();
    expect((await fetch(`${w.url}/track/file?code=${code}&key=${key}&id=${file.id}`)).status).toBe(200);
    const mail = await lastMailTo(EMAIL, 'Kết quả giải quyết: Khiếu nại');
    expect(mail!.attachments.map((a) => a.filename)).toEqual(['quyet-dinh.pdf']);
  });
});
