import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

/**
 * A GeoReport v2 client as a city's app would write one, from the specification alone: it finds
 * the endpoint through discovery, lists services, posts a request form-encoded with its API key,
 * and reads requests back, in JSON and in XML. It shares no code with the server.
 */
class GeoReportClient {
  private endpoint = '';
  constructor(
    private readonly base: string,
    private readonly format: 'json' | 'xml',
    private readonly apiKey?: string,
  ) {}

  private async parse(res: Response): Promise<any> {
    const text = await res.text();
    if (this.format === 'json') return JSON.parse(text);
    const doc = new XMLParser({
      isArray: (name) => ['service', 'request', 'error', 'endpoint', 'attribute', 'value'].includes(name),
    }).parse(text);
    const root = Object.keys(doc).find((k) => k !== '?xml')!;
    const body = doc[root];
    if (root === 'discovery' || root === 'service_definition') return body;
    return Object.values(body ?? {})[0] ?? [];
  }

  async discover(): Promise<any> {
    const res = await fetch(`${this.base}/open311/discovery.${this.format}`);
    const discovery = await this.parse(res);
    const endpoints = this.format === 'json' ? discovery.endpoints : discovery.endpoints.endpoint;
    this.endpoint = endpoints.find((e: any) => e.specification === 'http://wiki.open311.org/GeoReport_v2').url;
    return discovery;
  }

  async get(path: string, query: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    const params = new URLSearchParams({ ...query, ...(this.apiKey ? { api_key: this.apiKey } : {}) });
    const res = await fetch(`${this.endpoint}/${path}.${this.format}?${params}`);
    return { status: res.status, body: await this.parse(res) };
  }

  async post(fields: Record<string, string>): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.endpoint}/requests.${this.format}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, ...(this.apiKey ? { api_key: this.apiKey } : {}) }),
    });
    return { status: res.status, body: await this.parse(res) };
  }
}

describe('Open311 GeoReport v2', () => {
  let w: World;
  let submitKey: string;
  let readKey: string;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
    const admin = await w.login('admin@caunoi.local');
    const issue = async (body: unknown) => {
      const res = await w.api(admin, 'POST', '/api/admin/api-clients', body);
      expect(res.status).toBe(201);
      return res.body.key as string;
    };
    // Hà Nội's app submits for its citizens and reads its own cases; another system only submits.
    readKey = await issue({ name: 'iHanoi', unitCode: '01', scopes: ['submit', 'read'] });
    submitKey = await issue({ name: 'Cổng tỉnh khác', unitCode: '79', scopes: ['submit'] });
  });
  afterAll(() => w?.stop());

  for (const format of ['json', 'xml'] as const) {
    describe(`in ${format.toUpperCase()}`, () => {
      it('discovers the endpoint and lists the services in the language asked for', async () => {
        const client = new GeoReportClient(w.url, format);
        const discovery = await client.discover();
        expect(JSON.stringify(discovery)).toContain('GeoReport_v2');
        const vi = await client.get('services');
        expect(vi.status).toBe(200);
        const road = vi.body.find((s: any) => s.service_code === 'road-traffic');
        expect(road).toMatchObject({ type: 'realtime', group: expect.any(String) });
        expect(road.service_name).toMatch(/[ạ-ỹđ]/i);
        const en = await client.get('services', { locale: 'en' });
        expect(en.body.find((s: any) => s.service_code === 'road-traffic').service_name).not.toBe(road.service_name);
        // A category that asks for details says so (metadata), and its definition lists them.
        expect(road.metadata === true || road.metadata === 'true').toBe(true);
        const definition = await client.get('services/road-traffic', { locale: 'en' });
        expect(definition.status).toBe(200);
        expect(definition.body.service_code).toBe('road-traffic');
        const attributes = format === 'json' ? definition.body.attributes : definition.body.attributes.attribute;
        const problem = attributes.find((a: any) => a.code === 'problem');
        expect(problem).toMatchObject({ datatype: 'singlevaluelist', description: 'Kind of problem' });
        const values = format === 'json' ? problem.values : problem.values.value;
        expect(values.map((v: any) => v.key)).toContain('pothole');
        expect(values.find((v: any) => v.key === 'flooding').name).toBe('Flooding');
        const none = await client.get('services/other');
        expect(none.body.attributes === '' || none.body.attributes?.length === 0).toBe(true);
      });

      it("takes a category's details as attribute[code], keeps them on the case, and names a wrong one", async () => {
        const client = new GeoReportClient(w.url, format, readKey);
        await client.discover();
        const request = {
          service_code: 'road-traffic',
          address_id: '00004',
          description: `Ngập sâu sau mưa (${format}); xe không đi qua được, đề nghị khơi thông cống.`,
        };
        const wrong = await client.post({ ...request, 'attribute[problem]': 'volcano' });
        expect(wrong.status).toBe(400);
        expect(wrong.body[0].description).toMatch(/^attribute\[problem\]: one of pothole, flooding/);
        const posted = await client.post({ ...request, 'attribute[problem]': 'flooding' });
        expect(posted.status).toBe(200);
        const [kase] = await w.sql('select id, attributes from case_file where tracking_code = $1', [
          posted.body[0].service_request_id,
        ]);
        expect(kase.attributes).toEqual({ problem: 'flooding' });
        const officer = await w.login('canbo.badinh@caunoi.local');
        expect((await w.api(officer, 'GET', `/api/cases/${kase.id}`)).body.attributes).toEqual({ problem: 'flooding' });
      });

      it('posts a request with a key and reads it back by its id, with its point, and no citizen data', async () => {
        const client = new GeoReportClient(w.url, format, readKey);
        await client.discover();
        const posted = await client.post({
          service_code: 'road-traffic',
          lat: '21.0368',
          long: '105.8342',
          address_string: 'Ngõ 5 Đội Cấn, Phường Ba Đình',
          address_id: '00004',
          description: `Ổ gà lớn giữa đường (${format})\nXe máy đi qua rất nguy hiểm, đề nghị vá sớm.`,
          first_name: 'Hoàng',
          last_name: 'Lan',
          email: 'lan.hoang@example.test',
          phone: '0912000111',
          media_url: 'https://ihanoi.example/p/123.jpg',
        });
        expect(posted.status).toBe(200);
        const id = posted.body[0].service_request_id;
        expect(id).toMatch(/^CN\.\d{8}\.\d{5}$/);

        const read = await client.get(`requests/${id}`);
        expect(read.status).toBe(200);
        const request = read.body[0];
        expect(request).toMatchObject({ service_request_id: id, status: 'open', service_code: 'road-traffic' });
        expect(Number(request.lat)).toBeCloseTo(21.0368, 4);
        expect(Number(request.long)).toBeCloseTo(105.8342, 4);
        expect(String(request.description)).toContain('Ổ gà lớn giữa đường');
        expect(String(request.address)).toContain('Phường Ba Đình');
        const text = JSON.stringify(read.body);
        for (const secret of ['lan.hoang@example.test', '0912000111', 'Hoàng Lan']) expect(text).not.toContain(secret);

        // Anyone may list requests, without their words; a key of another province, likewise.
        const anonymous = new GeoReportClient(w.url, format);
        await anonymous.discover();
        const listed = await anonymous.get('requests', { service_request_id: id });
        expect(listed.body[0].service_request_id).toBe(id);
        expect(listed.body[0].description ?? '').toBe('');
        const other = new GeoReportClient(w.url, format, submitKey);
        await other.discover();
        expect((await other.get(`requests/${id}`)).body[0].description ?? '').toBe('');

        // The case has the point and the citizen, at Phường Ba Đình, from the app.
        const [kase] = await w.sql(
          `select c.latitude, c.longitude, ou.code, z.email, i.meta->>'apiClientUnit' as via
           from case_file c join org_unit ou on ou.id = c.owning_unit_id join citizen z on z.id = c.citizen_id
           join inbound_item i on i.case_id = c.id where c.tracking_code = $1`,
          [id],
        );
        expect(kase).toMatchObject({
          latitude: 21.0368,
          longitude: 105.8342,
          code: '00004',
          email: 'lan.hoang@example.test',
          via: '01',
        });
      });

      it('refuses without a key, with a bad key, without a location or with an unknown service, in the specification’s error format', async () => {
        const noKey = new GeoReportClient(w.url, format);
        await noKey.discover();
        const refused = await noKey.post({
          service_code: 'road-traffic',
          lat: '21',
          long: '105',
          description: 'Đèn hỏng ở ngõ 9',
        });
        expect(refused.status).toBe(401);
        expect(refused.body[0]).toMatchObject({ code: 401 });
        const badKey = new GeoReportClient(w.url, format, 'cn_not-a-real-key');
        await badKey.discover();
        expect(
          (await badKey.post({ service_code: 'road-traffic', lat: '21', long: '105', description: 'x' })).status,
        ).toBe(401);

        const client = new GeoReportClient(w.url, format, submitKey);
        await client.discover();
        const nowhere = await client.post({ service_code: 'road-traffic', description: 'Đèn đường hỏng cả tuần nay' });
        expect(nowhere.status).toBe(400);
        expect(String(nowhere.body[0].description)).toMatch(/^lat: /);
        const unknown = await client.post({
          service_code: 'no-such',
          lat: '10.9',
          long: '106.6',
          description: 'Cây đổ chắn đường',
        });
        expect(unknown.status).toBe(400);
        expect(String(unknown.body[0].description)).toMatch(/^service_code: /);
        const missing = await client.get('requests/CN.20200101.00001');
        expect(missing.status).toBe(404);
        expect(missing.body[0]).toMatchObject({ code: 404 });
      });
    });
  }

  it('filters requests by service, status and dates, and pages them', async () => {
    const client = new GeoReportClient(w.url, 'json');
    await client.discover();
    const open = await client.get('requests', { status: 'open', service_code: 'road-traffic' });
    expect(open.body.length).toBeGreaterThanOrEqual(2);
    expect(open.body.every((r: any) => r.status === 'open' && r.service_code === 'road-traffic')).toBe(true);
    expect((await client.get('requests', { status: 'closed' })).body).toEqual([]);
    expect((await client.get('requests', { start_date: '2030-01-01T00:00:00Z' })).body).toEqual([]);
    const page = await client.get('requests', { page_size: '1', page: '2' });
    expect(page.body).toHaveLength(1);
    expect((await client.get('requests', { status: 'maybe' })).status).toBe(400);
  });
});

describe('agency API keys', () => {
  let w: World;
  let admin: string;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
    admin = await w.login('admin@caunoi.local');
  });
  afterAll(() => w?.stop());

  const post = (key: string) =>
    fetch(`${w.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-api-key': key },
      body: new URLSearchParams({
        service_code: 'road-traffic',
        address_id: '00004',
        description: 'Nắp cống bị vỡ trước số 12',
      }),
    });

  it('is shown once, stored hashed, listed with its last use, rotated with a grace time, and revoked', async () => {
    const issued = await w.api(admin, 'POST', '/api/admin/api-clients', {
      name: 'Hue-S',
      unitCode: '01',
      scopes: ['submit'],
    });
    const { id, key } = issued.body;
    const [stored] = await w.sql(`select key_hash, key_prefix from api_client where id = $1`, [id]);
    expect(stored.key_hash).not.toContain(key);
    expect(key.startsWith(stored.key_prefix)).toBe(true);
    expect(JSON.stringify((await w.api(admin, 'GET', '/api/admin/api-clients')).body)).not.toContain(key);

    expect((await post(key)).status).toBe(200);
    const listed = (await w.api(admin, 'GET', '/api/admin/api-clients')).body.find((c: any) => c.id === id);
    expect(listed.lastUsedAt).not.toBeNull();

    const rotated = await w.api(admin, 'POST', `/api/admin/api-clients/${id}/rotate`, { graceHours: 1 });
    expect(rotated.status).toBe(200);
    // Both work during the grace time (another instance may still hold the old one for 5 s: none here).
    expect((await post(rotated.body.key)).status).toBe(200);
    expect((await post(key)).status).toBe(200);
    await w.sql(`update api_client set previous_key_expires_at = now() - interval '1 second' where id = $1`, [id]);
    await new Promise((r) => setTimeout(r, 5_100));
    expect((await post(key)).status).toBe(401);

    expect((await w.api(admin, 'POST', `/api/admin/api-clients/${id}/revoke`, {})).status).toBe(200);
    await new Promise((r) => setTimeout(r, 5_100));
    expect((await post(rotated.body.key)).status).toBe(401);
  }, 30_000);

  it('has its own rate limit, and a key without the scope is refused', async () => {
    const limited = await w.api(admin, 'POST', '/api/admin/api-clients', {
      name: 'Chatty',
      unitCode: '01',
      scopes: ['submit'],
      rateLimitPerMinute: 2,
    });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post(limited.body.key)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const reader = await w.api(admin, 'POST', '/api/admin/api-clients', {
      name: 'Reader',
      unitCode: '01',
      scopes: ['read'],
    });
    const res = await post(reader.body.key);
    expect(res.status).toBe(403);
    expect(((await res.json()) as any)[0].description).toMatch(/may not submit/);
    // Only administrators issue keys.
    const officer = await w.login('canbo.badinh@caunoi.local');
    expect(
      (await w.api(officer, 'POST', '/api/admin/api-clients', { name: 'x', unitCode: '01', scopes: ['submit'] }))
        .status,
    ).toBe(403);
  });

  it("lets a province's own system read its cases and act on them through the officers' API, within its scopes", async () => {
    const issue = async (scopes: string[], unitCode = '01') =>
      (await w.api(admin, 'POST', '/api/admin/api-clients', { name: `Hệ thống ${unitCode}`, unitCode, scopes }))
        .body as {
        id: number;
        key: string;
      };
    const hanoi = await issue(['read', 'transition']);
    const readOnly = await issue(['read']);
    const hcm = await issue(['read', 'transition'], '79');
    const mine = await w.submit('00004');
    const theirs = await w.submit('25747');
    const asKey = (key: string, method: string, path: string, body?: unknown) =>
      fetch(`${w.url}${path}`, {
        method,
        headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });

    const list = (await (await asKey(hanoi.key, 'GET', '/api/cases')).json()) as Array<{ id: number }>;
    expect(list.map((c) => c.id)).toContain(mine.caseId);
    expect(list.map((c) => c.id)).not.toContain(theirs.caseId);
    const page = await asKey(hanoi.key, 'GET', `/api/cases/${mine.caseId}`);
    expect(page.status).toBe(200);
    expect(((await page.json()) as any).citizen.email).toBe('an.nguyen@example.test');
    expect((await asKey(hanoi.key, 'GET', `/api/cases/${theirs.caseId}`)).status).toBe(404);

    expect(
      (await asKey(readOnly.key, 'POST', `/api/cases/${mine.caseId}/transitions`, { type: 'accept', version: 1 }))
        .status,
    ).toBe(403);
    expect(
      (await asKey(hcm.key, 'POST', `/api/cases/${mine.caseId}/transitions`, { type: 'accept', version: 1 })).status,
    ).toBe(404);
    const accepted = await asKey(hanoi.key, 'POST', `/api/cases/${mine.caseId}/transitions`, {
      type: 'accept',
      version: 1,
    });
    expect(accepted.status).toBe(200);
    const [event] = await w.sql(`select actor_type, actor from case_event where case_id = $1 and type = 'ACCEPTED'`, [
      mine.caseId,
    ]);
    expect(event).toEqual({ actor_type: 'system', actor: `api-client:${hanoi.id}` });
    // Keys never reach the rest of the officers' API.
    expect((await asKey(hanoi.key, 'GET', '/api/admin/inbound')).status).toBe(401);
    expect((await asKey(hanoi.key, 'GET', '/api/auth/me')).status).toBe(401);
  });
});
