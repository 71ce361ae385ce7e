import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
let w: World;
let baDinhCase: number;
let ngocHaCase: number;
let hcmCase: number;
let triageCase: number;

beforeAll(async () => {
  w = await startWorld(serverUrl);
  baDinhCase = (await w.submit('00004', { title: 'Đường Hoàng Hoa Thám ngập nước' })).caseId;
  ngocHaCase = (await w.submit('00008', { title: 'Rác thải tồn đọng ở Ngọc Hà', categoryCode: 'environment' })).caseId;
  hcmCase = (await w.submit('25747', { title: 'Đèn đường hỏng ở Thủ Dầu Một', channel: 'zalo' })).caseId;
  triageCase = (await w.submit(null, { title: 'Góp ý chung về thủ tục' })).caseId;
});
afterAll(() => w?.stop());

describe('logging in', () => {
  it('gives an officer a token and says who and where they are', async () => {
    const res = await w.api(null, 'POST', '/api/auth/login', {
      email: 'canbo.badinh@caunoi.local',
      password: 'caunoi-demo',
    });
    expect(res.status).toBe(200);
    expect(res.body.officer).toMatchObject({
      email: 'canbo.badinh@caunoi.local',
      role: 'officer',
      unit: { code: '00004', name: 'Phường Ba Đình' },
    });
    const me = await w.api(res.body.token, 'GET', '/api/auth/me');
    expect(me.body.unit.code).toBe('00004');
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const wrong = await w.api(null, 'POST', '/api/auth/login', {
      email: 'canbo.badinh@caunoi.local',
      password: 'nope',
    });
    const unknown = await w.api(null, 'POST', '/api/auth/login', { email: 'nobody@caunoi.local', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect({ ...wrong.body.error, requestId: undefined }).toEqual({ ...unknown.body.error, requestId: undefined });
  });

  it('names the field that is wrong', async () => {
    const res = await w.api(null, 'POST', '/api/auth/login', { email: 'not-an-email', password: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'password']);
  });

  it('turns away the case API without a valid token', async () => {
    expect((await w.api(null, 'GET', '/api/cases')).status).toBe(401);
    expect((await w.api('forged.token.value', 'GET', '/api/cases')).status).toBe(401);
  });
});

describe('the case list (ra-data-simple-rest)', () => {
  it("shows a commune officer its own unit's queue, with the total in Content-Range", async () => {
    const token = await w.login('canbo.badinh@caunoi.local');
    const res = await w.api(token, 'GET', '/api/cases');
    expect(res.status).toBe(200);
    expect(res.body.map((c: { id: number }) => c.id)).toEqual([baDinhCase]);
    expect(res.headers.get('content-range')).toBe('cases 0-0/1');
    // The UI shows the deadline the server measures "overdue" against: for a routed case, the earlier of accept and transfer.
    const [due] = await w.sql(`select least(accept_due_at, transfer_due_at) as running from case_file where id = $1`, [
      baDinhCase,
    ]);
    expect(res.body[0]).toMatchObject({ runningDueAt: new Date(due.running).toISOString(), isOverdue: false });
    expect(res.headers.get('access-control-expose-headers')).toContain('Content-Range');
    // An empty page is a well-formed range, not `0--1/0`.
    const none = await w.api(
      token,
      'GET',
      `/api/cases?filter=${encodeURIComponent(JSON.stringify({ q: 'không có hồ sơ nào như thế này' }))}`,
    );
    expect(none.headers.get('content-range')).toBe('cases */0');
  });

  it('shows a province supervisor its communes, and the Government Office everything', async () => {
    const supervisor = await w.login('lanhdao.hanoi@caunoi.local');
    const ids = (await w.api(supervisor, 'GET', '/api/cases')).body.map((c: { id: number }) => c.id).sort();
    expect(ids).toEqual([baDinhCase, ngocHaCase].sort());
    const gov = await w.login('theodoi.vpcp@caunoi.local');
    expect((await w.api(gov, 'GET', '/api/cases')).headers.get('content-range')).toMatch(/\/4$/);
  });

  it('filters by status, unit subtree, channel and text with or without diacritics, sorts and pages', async () => {
    const gov = await w.login('theodoi.vpcp@caunoi.local');
    const q = async (filter: object, extra = '') =>
      (await w.api(gov, 'GET', `/api/cases?filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`)).body.map(
        (c: { id: number }) => c.id,
      );
    expect(await q({ status: 'triage' })).toEqual([triageCase]);
    expect((await q({ unitCode: '01' })).sort()).toEqual([baDinhCase, ngocHaCase].sort());
    expect(await q({ channel: ['zalo'] })).toEqual([hcmCase]);
    expect(await q({ q: 'hoang hoa tham' })).toEqual([baDinhCase]);
    expect(await q({ q: 'Hoàng Hoa Thám' })).toEqual([baDinhCase]);
    expect(await q({ q: 'rác thải' })).toEqual([ngocHaCase]);
    expect(await q({ overdue: true })).toEqual([]);
    // An officer with a citizen on the phone types the tracking code, with or without its dots.
    const [{ tracking_code: code }] = await w.sql('select tracking_code from case_file where id = $1', [hcmCase]);
    expect(await q({ q: code })).toEqual([hcmCase]);
    expect(await q({ q: code.replaceAll('.', '') })).toEqual([hcmCase]);
    expect(await q({ q: code.toLowerCase().replaceAll('.', ' ') })).toEqual([hcmCase]);
    const sorted = await q({}, `&sort=${encodeURIComponent('["id","ASC"]')}&range=${encodeURIComponent('[1,2]')}`);
    expect(sorted).toEqual([ngocHaCase, hcmCase]);
  });

  it('says which list parameter is wrong', async () => {
    const gov = await w.login('theodoi.vpcp@caunoi.local');
    const bad = await w.api(gov, 'GET', `/api/cases?sort=${encodeURIComponent('["password","ASC"]')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toMatch(/^sort/);
    const notJson = await w.api(gov, 'GET', '/api/cases?filter={oops');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.fields[0]).toMatchObject({
      field: 'filter',
      message: expect.stringContaining('must be JSON'),
    });
  });
});

describe('one case', () => {
  it('comes with its timeline, messages, deadlines and the transitions this officer may start', async () => {
    const token = await w.login('canbo.badinh@caunoi.local');
    const res = await w.api(token, 'GET', `/api/cases/${baDinhCase}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: baDinhCase,
      status: 'routed',
      owningUnit: { code: '00004', name: expect.stringContaining('Ba Đình') },
      receivingUnit: { code: 'VPCP', name: expect.stringContaining('Văn phòng Chính phủ') },
      place: expect.stringMatching(/Ba Đình, Thành phố Hà Nội$/),
      category: { code: 'road-traffic' },
      citizen: { email: 'an.nguyen@example.test' },
    });
    expect(res.body.timeline).toEqual([expect.objectContaining({ seq: 1, type: 'SUBMITTED', toStatus: 'routed' })]);
    expect(res.body.messages[0]).toMatchObject({ direction: 'inbound', channel: 'portal' });
    expect(res.body.deadlines.accept).not.toBeNull();
    expect(res.body.availableTransitions).toEqual(['accept', 'assign', 'categorise', 'merge', 'reject', 'transfer']);
  });

  it('is not found for an officer of another commune, even in the same province', async () => {
    const other = await w.login('canbo.ngocha@caunoi.local');
    expect((await w.api(other, 'GET', `/api/cases/${baDinhCase}`)).status).toBe(404);
    expect((await w.api(other, 'GET', `/api/cases/${baDinhCase}/audit/verify`)).status).toBe(404);
    const act = await w.api(other, 'POST', `/api/cases/${baDinhCase}/transitions`, { type: 'accept', version: 1 });
    expect(act.status).toBe(404);
  });
});

describe('the Government Office sees no citizen contact data', () => {
  it('in the list or on the case page, while the unit does', async () => {
    const gov = await w.login('theodoi.vpcp@caunoi.local');
    const list = (await w.api(gov, 'GET', '/api/cases')).body as object[];
    const page = (await w.api(gov, 'GET', `/api/cases/${hcmCase}`)).body;
    const text = JSON.stringify([list, page]);
    for (const secret of ['an.nguyen@example.test', '0912345678', 'Nguyễn Văn An', '8400000000000001'])
      expect(text).not.toContain(secret);
    expect(page.citizen).toBeUndefined();
    expect(page.availableTransitions).toEqual(['urge']);
    const admin = await w.login('admin@caunoi.local');
    expect(JSON.stringify((await w.api(admin, 'GET', `/api/cases/${hcmCase}`)).body)).not.toContain(
      'an.nguyen@example.test',
    );
  });
});

describe('the API description', () => {
  it('is an OpenAPI 3.1 document generated from the request schemas', async () => {
    const res = await w.api(null, 'GET', '/api/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/cases',
        '/api/cases/{id}',
        '/api/cases/{id}/transitions',
        '/api/cases/{id}/audit/verify',
        '/api/public/submissions',
        '/api/public/cases/{trackingCode}',
        '/api/zalo/webhook',
        '/api/admin/inbound',
      ]),
    );
    const transition = res.body.components.schemas.TransitionRequest;
    expect(JSON.stringify(transition)).toContain('requestInfo');
  });
});

describe('a list with more matches than it counts', () => {
  let capped: World;
  beforeAll(async () => {
    // A cap of 2 stands for the national default of 10,000: counting stops there.
    capped = await startWorld(serverUrl, { LIST_COUNT_CAP: '2' });
    for (const code of ['00004', '00004', '00008']) await capped.submit(code);
  });
  afterAll(() => capped?.stop());

  it('says "more than" instead of counting every match, and counts exactly below the cap', async () => {
    const gov = await capped.login('theodoi.vpcp@caunoi.local');
    const all = await capped.api(gov, 'GET', `/api/cases?range=${encodeURIComponent('[0,0]')}`);
    expect(all.headers.get('content-range')).toBe('cases 0-0/2');
    expect(all.headers.get('x-total-exact')).toBe('false');
    expect(all.headers.get('access-control-expose-headers')).toContain('X-Total-Exact');
    const officer = await capped.login('canbo.ngocha@caunoi.local');
    const own = await capped.api(officer, 'GET', '/api/cases');
    expect(own.headers.get('content-range')).toBe('cases 0-0/1');
    expect(own.headers.get('x-total-exact')).toBe('true');
  });
});
