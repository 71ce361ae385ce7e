import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

/**
 * Progress the citizen can see: when a deadline will be missed the unit posts what it is doing
 * and when to expect the answer; the citizen is told on their channel and reads it on the status
 * page, and the Government Office lists the overdue cases whose unit posted nothing.
 */
describe('progress notes', () => {
  let w: World;
  let officer: string;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
    officer = await w.login('canbo.badinh@caunoi.local');
  });
  afterAll(() => w?.stop());

  const accepted = async (email: string) => {
    const kase = await w.submit('00004', { citizen: { name: 'Phan Thu', email, phone: null, zaloIds: {} } });
    const page = (await w.api(officer, 'GET', `/api/cases/${kase.caseId}`)).body;
    await w.api(officer, 'POST', `/api/cases/${kase.caseId}/transitions`, { type: 'accept', version: page.version });
    return kase;
  };
  const post = async (caseId: number, body: Record<string, unknown>) => {
    const page = (await w.api(officer, 'GET', `/api/cases/${caseId}`)).body;
    return w.api(officer, 'POST', `/api/cases/${caseId}/transitions`, {
      type: 'postProgress',
      version: page.version,
      ...body,
    });
  };

  it('tells the citizen what is being done and the new date, on their channel and on the status page', async () => {
    const kase = await accepted('phan.thu@example.test');
    const wrong = await post(kase.caseId, { note: 'Đang chờ vật tư thay thế cống.', expectedDate: '20/12/2026' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].field).toBe('expectedDate');
    const posted = await post(kase.caseId, { note: 'Đang chờ vật tư thay thế cống.', expectedDate: '2026-12-20' });
    expect(posted.status).toBe(200);
    await w.t.server.jobs.drain();
    const mail = (await (await fetch(`${w.url}/api/dev/mail?to=phan.thu@example.test`)).json()) as Array<{
      subject: string;
      text: string;
    }>;
    const note = mail.find((m) => m.subject.includes('Tiến độ giải quyết'))!;
    expect(note.text).toContain('Đang chờ vật tư thay thế cống.');
    expect(note.text).toContain('20/12/2026');
    const status = (await (
      await fetch(`${w.url}/api/public/cases/${kase.trackingCode}?key=${kase.accessKey}`)
    ).json()) as {
      messages: Array<{ body: string }>;
    };
    expect(status.messages.some((m) => m.body.includes('Đang chờ vật tư'))).toBe(true);
    const [row] = await w.sql('select expected_answer_at from case_file where id = $1', [kase.caseId]);
    expect(new Date(row.expected_answer_at).toISOString()).toBe('2026-12-20T10:00:00.000Z');
    const [event] = await w.sql(`select type from case_event where case_id = $1 order by seq desc limit 1`, [
      kase.caseId,
    ]);
    expect(event.type).toBe('PROGRESS_POSTED');
  });

  it('lists for the Government Office the overdue cases whose unit posted no progress', async () => {
    const silent = await accepted('im.lang@example.test');
    const explained = await accepted('giai.thich@example.test');
    await w.sql(`update case_file set resolve_due_at = now() - interval '2 days' where id = any($1)`, [
      [silent.caseId, explained.caseId],
    ]);
    expect(
      (await post(explained.caseId, { note: 'Chờ ý kiến của Sở Xây dựng.', expectedDate: '2026-12-30' })).status,
    ).toBe(200);
    const director = await w.login('theodoi.vpcp@caunoi.local');
    const list = await w.api(
      director,
      'GET',
      `/api/cases?filter=${encodeURIComponent('{"withoutProgress":true}')}&range=[0,99]`,
    );
    expect(list.status).toBe(200);
    const ids = list.body.map((c: { id: number }) => c.id);
    expect(ids).toContain(silent.caseId);
    expect(ids).not.toContain(explained.caseId);
  });
});
