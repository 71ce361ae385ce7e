import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mailGeneralMailbox } from './citizens-write';
import { eventually } from './eventually';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

/**
 * Triage that learns, through the real portal and the officers' API: the model trained from the
 * bootstrap examples suggests a category after intake; a confident one routes the case by itself
 * (the threshold is the administrators'), a doubtful one waits for the officer, who accepts it in
 * one click; complaint words are only flagged; and the officer's decision is learnt at the next training.
 */
describe('triage that learns', () => {
  let w: World;
  let admin: string;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
    admin = await w.login('admin@caunoi.local');
  });
  afterAll(() => w?.stop());

  const submit = async (title: string, body: string, place: Record<string, string> = {}) => {
    const res = await w.api(null, 'POST', '/api/public/submissions', { title, body, ...place });
    expect(res.status).toBe(201);
    const [row] = await w.sql<{ id: number }>('select id from case_file where tracking_code = $1', [
      res.body.trackingCode,
    ]);
    return row!.id;
  };
  /** The case once the suggestion job has had its say (it runs after the intake's commit). */
  const suggested = async (caseId: number) => {
    const row = await eventually(async () => {
      const [row] = await w.sql(
        `select c.status, ou.code as unit, cat.code as category, c.legal_track,
                (select payload from case_event e where e.case_id = c.id and e.type = 'CATEGORY_SUGGESTED' order by seq desc limit 1) as suggestion
           from case_file c join org_unit ou on ou.id = c.owning_unit_id left join category cat on cat.id = c.category_id
          where c.id = $1`,
        [caseId],
      );
      return row.suggestion ? row : null;
    });
    if (!row) throw new Error(`no suggestion for case ${caseId}`);
    return row;
  };

  it('trains on the bootstrap examples when an administrator asks, and says how it did on held-out ones', async () => {
    const trained = await w.api(admin, 'POST', '/api/admin/triage/train');
    expect(trained.status).toBe(201);
    expect(trained.body).toMatchObject({ examples: 144, fromOfficers: 0, labels: 18 });
    expect(trained.body.holdoutAccuracy).toBeGreaterThan(0.5);
    expect((await w.api(admin, 'GET', '/api/admin/triage/model')).body).toMatchObject({ id: trained.body.modelId });
    const officer = await w.login('canbo.badinh@caunoi.local');
    expect((await w.api(officer, 'POST', '/api/admin/triage/train')).status).toBe(403);
  });

  it('routes a case by a confident suggestion, once an administrator has set the threshold the model meets', async () => {
    const [roads] = (await w.api(admin, 'GET', '/api/admin/reference/categories?range=[0,99]')).body.filter(
      (c: { code: string }) => c.code === 'road-traffic',
    );
    expect(roads.suggestionThreshold).toBe(0.9);
    const text = [
      'Đèn đường hỏng',
      'Đèn đường ngõ 5 tắt cả tuần nay, Phường Ba Đình, tối rất nguy hiểm cho người đi bộ.',
    ];
    const threshold = async (suggestionThreshold: number) => {
      const edit = await w.api(admin, 'PUT', `/api/admin/reference/categories/${roads.id}`, {
        nameVi: roads.nameVi,
        nameEn: roads.nameEn,
        active: true,
        responsibleUnit: roads.responsibleUnit,
        defaultLevel: roads.defaultLevel,
        suggestionThreshold,
      });
      expect(edit.status).toBe(200);
    };
    // At 1 routing by suggestion is off: the suggestion waits at the commune's desk for the officer.
    await threshold(1);
    const waiting = await suggested(await submit(text[0]!, text[1]!));
    expect(waiting).toMatchObject({ status: 'triage', unit: '00004', category: null });
    expect(waiting.suggestion).toMatchObject({ categoryCode: 'road-traffic', applied: false, signals: [] });
    expect(waiting.suggestion.confidence).toBeGreaterThan(0.6);
    expect(waiting.suggestion.because).toContain('hỏng');

    await threshold(0.6);
    // Routing reads categories from memory, refreshed by the reference revision the edit raised.
    const routed = await suggested(await submit(text[0]!, text[1]!));
    expect(routed).toMatchObject({ status: 'routed', unit: '00004', category: 'road-traffic', legal_track: 'pakn' });
    expect(routed.suggestion).toMatchObject({ applied: true, unitCode: '00004' });
  });

  it('lets the officer accept a suggestion in one click: the category is set and the case routed; the next model learns it', async () => {
    const caseId = await submit(
      'Mất nước mấy ngày',
      'Nhà tôi ở Phường Ba Đình mất nước sinh hoạt 3 ngày rồi, gọi tổng đài không ai nghe.',
    );
    const before = await suggested(caseId);
    expect(before.suggestion.categoryCode).toBe('power-water');
    const officer = await w.login('canbo.badinh@caunoi.local');
    const page = (await w.api(officer, 'GET', `/api/cases/${caseId}`)).body;
    expect(page.suggestion).toMatchObject({ categoryCode: 'power-water', applied: before.suggestion.applied });
    if (page.status === 'triage') {
      expect(page.availableTransitions).toContain('categorise');
      const accepted = await w.api(officer, 'POST', `/api/cases/${caseId}/transitions`, {
        type: 'categorise',
        version: page.version,
        categoryCode: page.suggestion.categoryCode,
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body.status).toBe('routed');
    }
    const [now] = await w.sql(
      'select c.status, cat.code from case_file c join category cat on cat.id = c.category_id where c.id = $1',
      [caseId],
    );
    expect(now).toEqual({ status: 'routed', code: 'power-water' });
    // Hà Nội's supervisor, who sees wherever the category routed it in the city: a wrong code is named.
    const supervisor = await w.login('lanhdao.hanoi@caunoi.local');
    const latest = (await w.api(supervisor, 'GET', `/api/cases/${caseId}`)).body;
    const wrong = await w.api(supervisor, 'POST', `/api/cases/${caseId}/transitions`, {
      type: 'categorise',
      version: latest.version,
      categoryCode: 'no-such',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].field).toBe('categoryCode');
    // The supervisor corrects it; the correction is training data.
    const corrected = await w.api(supervisor, 'POST', `/api/cases/${caseId}/transitions`, {
      type: 'categorise',
      version: latest.version,
      categoryCode: 'environment',
    });
    expect(corrected.status).toBe(200);
    const [event] = await w.sql(
      `select payload from case_event where case_id = $1 and type = 'CATEGORISED' order by seq desc limit 1`,
      [caseId],
    );
    expect(event.payload).toMatchObject({ categoryCode: 'environment', previousCategoryCode: 'power-water' });
    const retrained = await w.api(admin, 'POST', '/api/admin/triage/train');
    expect(retrained.body.fromOfficers).toBeGreaterThanOrEqual(1);
  });

  it('suggests for mail too, which never carries a category: a mail to the general mailbox is categorised and routed', async () => {
    const caseId = await mailGeneralMailbox(w, {
      from: 'An Nguyen <an.nguyen@example.test>',
      subject: 'Duong ngap',
      messageId: 'triage-mail-1@mail.example.test',
      text: 'Đèn đường ngõ 8 tắt cả tuần, Phường Ba Đình, đường tối om rất nguy hiểm cho người đi bộ.',
    });
    const row = await suggested(caseId);
    // The threshold was lowered to 0.6 above: sure enough to route it from the commune's desk.
    expect(row.suggestion).toMatchObject({ categoryCode: 'road-traffic' });
    expect(row).toMatchObject({ status: 'routed', unit: '00004', category: 'road-traffic' });
  });

  it('only flags complaint words for the officer, and never re-tracks the case by itself', async () => {
    const caseId = await submit(
      'Khiếu nại quyết định',
      'Tôi khiếu nại quyết định thu hồi đất số 12/QĐ-UBND của Phường Ba Đình vì không đúng quy hoạch.',
    );
    const row = await suggested(caseId);
    expect(row.suggestion.signals).toEqual(['complaint']);
    expect(row.suggestion.applied).toBe(false);
    expect(row).toMatchObject({ status: 'triage', category: null, legal_track: 'pakn' });
  });
});
