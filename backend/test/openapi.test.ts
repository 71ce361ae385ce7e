import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import type { Express } from 'express';
import { REFERENCE_LISTS } from '@caunoi/db';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

/** Pages for people and the admin UI's files: served by the same app, but not API. */
const PAGES = [
  'GET /',
  'POST /submit',
  'GET /track',
  'POST /track/reply',
  'GET /portal.js',
  'GET /track/file',
  // The public register's pages (HTML for people; its Atom feed is documented).
  'GET /cong-khai',
  'GET /cong-khai/so-lieu',
  'GET /cong-khai/:id',
];

describe('the OpenAPI document', () => {
  let w: World;
  let doc: any;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
    doc = (await w.api(null, 'GET', '/api/openapi.json')).body;
  });
  afterAll(() => w?.stop());

  it('is valid OpenAPI 3.1 for a real validator, and every operation has a unique operationId', async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const operations = documentedOperations(doc).map((o) => o.operation);
    expect(operations.filter((o) => !o.operationId)).toEqual([]);
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
  });

  it("names every route the server answers, and nothing it does not (the app's own route table)", () => {
    const served = routeTable(w.t.server.app)
      .flatMap((r) =>
        r.path === '/api/admin/reference/:resource'
          ? Object.keys(REFERENCE_LISTS).map((resource) => ({ ...r, path: `/api/admin/reference/${resource}` }))
          : [r],
      )
      .filter((r) => !PAGES.includes(`${r.method} ${r.path}`))
      // Open311's XML twins answer what their JSON paths do.
      .map((r) => (r.path.startsWith('/open311/') ? { ...r, path: r.path.replace(/\.xml$/, '.json') } : r));
    const documented = documentedOperations(doc);
    const undocumented = served.filter(
      (r) => !documented.some((d) => d.method === r.method && sameRoute(r.path, d.path)),
    );
    expect(undocumented.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const stale = documented.filter((d) => !served.some((r) => r.method === d.method && sameRoute(r.path, d.path)));
    expect(stale.map((d) => `${d.method} ${d.path}`)).toEqual([]);
    // The development aids are in the document, marked as such.
    const dev = documented.filter((d) => d.path.startsWith('/api/dev/'));
    expect(dev.length).toBeGreaterThanOrEqual(2);
    expect(dev.filter((d) => d.operation['x-development-only'] !== true)).toEqual([]);
  });

  it('gives every list its Content-Range and X-Total-Exact headers, and the 409 of a transition its reason and current version', () => {
    for (const path of [
      '/api/cases',
      '/api/units',
      '/api/admin/inbound',
      '/api/admin/outbox',
      '/api/admin/reference/users',
    ]) {
      const headers = doc.paths[path].get.responses['200'].headers;
      expect(Object.keys(headers ?? {}), path).toEqual(expect.arrayContaining(['Content-Range', 'X-Total-Exact']));
    }
    const conflict = resolve(
      doc,
      doc.paths['/api/cases/{id}/transitions'].post.responses['409'].content['application/json'].schema,
    );
    const error = resolve(doc, conflict.properties.error);
    expect(Object.keys(error.properties)).toEqual(
      expect.arrayContaining(['reason', 'currentVersion', 'guard', 'status']),
    );
  });

  it('describes every field the main endpoints really answer (officers, citizens, administrators, agencies, Open311)', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const checked: string[] = [];
    const check = (path: string, method: string, res: { status: number; body: unknown }) => {
      const response = doc.paths[path]?.[method]?.responses?.[res.status];
      const schema = response?.content?.['application/json']?.schema;
      expect(schema, `${method} ${path} ${res.status} is described`).toBeDefined();
      const validate = ajv.compile({ ...schema, components: doc.components });
      expect(validate(res.body), `${method} ${path} ${res.status}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(
        undocumentedFields(doc, schema, res.body),
        `${method} ${path} ${res.status} answers only documented fields`,
      ).toEqual([]);
      checked.push(`${method} ${path} ${res.status}`);
    };
    const login = await w.api(null, 'POST', '/api/auth/login', {
      email: 'canbo.badinh@caunoi.local',
      password: 'caunoi-demo',
    });
    check('/api/auth/login', 'post', login);
    const token = login.body.token as string;
    check('/api/auth/login', 'post', await w.api(null, 'POST', '/api/auth/login', { email: 'nobody' }));
    check('/api/auth/me', 'get', await w.api(token, 'GET', '/api/auth/me'));

    const submitted = await w.api(null, 'POST', '/api/public/submissions', {
      title: 'Đèn đường hỏng',
      body: 'Đèn đường ngõ 5 tắt cả tuần nay, tối rất nguy hiểm.',
      categoryCode: 'road-traffic',
      provinceCode: '01',
      communeCode: '00004',
      lat: 21.03,
      long: 105.83,
      name: 'Trần Thị Bình',
      email: 'binh@example.test',
      consent: true,
    });
    check('/api/public/submissions', 'post', submitted);
    check('/api/public/submissions', 'post', await w.api(null, 'POST', '/api/public/submissions', { title: 'x' }));
    const [{ id: caseId }] = await w.sql<{ id: number }>('select id from case_file where tracking_code = $1', [
      submitted.body.trackingCode,
    ]);
    const publicPath = `/api/public/cases/${submitted.body.trackingCode}`;
    check(
      '/api/public/cases/{trackingCode}',
      'get',
      await w.api(null, 'GET', `${publicPath}?key=${submitted.body.accessKey}`),
    );
    check('/api/public/cases/{trackingCode}', 'get', await w.api(null, 'GET', `${publicPath}?key=wrong`));
    check('/api/public/reference', 'get', await w.api(null, 'GET', '/api/public/reference'));
    check(
      '/api/public/provinces/{code}/communes',
      'get',
      await w.api(null, 'GET', '/api/public/provinces/01/communes'),
    );

    const list = await w.api(token, 'GET', '/api/cases');
    check('/api/cases', 'get', list);
    expect(list.headers.get('content-range')).toMatch(/^cases \d+-\d+\/\d+$/);
    check('/api/cases', 'get', await w.api(token, 'GET', '/api/cases?filter=notjson'));
    check('/api/cases/{id}', 'get', await w.api(token, 'GET', `/api/cases/${caseId}`));
    check('/api/cases/{id}', 'get', await w.api(token, 'GET', '/api/cases/999999'));
    check('/api/cases/{id}', 'get', await w.api(null, 'GET', `/api/cases/${caseId}`));
    const transitions = `/api/cases/${caseId}/transitions`;
    check(
      '/api/cases/{id}/transitions',
      'post',
      await w.api(token, 'POST', transitions, { type: 'accept', version: 99 }),
    );
    check(
      '/api/cases/{id}/transitions',
      'post',
      await w.api(token, 'POST', transitions, { type: 'close', version: 1 }),
    );
    check(
      '/api/cases/{id}/transitions',
      'post',
      await w.api(token, 'POST', transitions, { type: 'accept', version: 1 }),
    );
    const minimal = await fetch(`${w.url}${transitions}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', prefer: 'return=minimal' },
      body: JSON.stringify({ type: 'requestInfo', version: 2, message: 'Xin cho biết số nhà chính xác.' }),
    });
    check('/api/cases/{id}/transitions', 'post', { status: minimal.status, body: await minimal.json() });
    check('/api/cases/{id}/audit/verify', 'get', await w.api(token, 'GET', `/api/cases/${caseId}/audit/verify`));
    check(
      '/api/public/cases/{trackingCode}/replies',
      'post',
      await w.api(null, 'POST', `${publicPath}/replies`, {
        key: submitted.body.accessKey,
        message: 'Số nhà 12, ngõ 5.',
      }),
    );
    check('/api/units', 'get', await w.api(token, 'GET', '/api/units?filter={"q":"ba dinh"}'));

    const director = await w.login('theodoi.vpcp@caunoi.local');
    check('/api/reports/escalations', 'get', await w.api(director, 'GET', '/api/reports/escalations'));
    check('/api/reports/dashboard', 'get', await w.api(director, 'GET', '/api/reports/dashboard'));

    const admin = await w.login('admin@caunoi.local');
    for (const resource of Object.keys(REFERENCE_LISTS)) {
      const rows = await w.api(admin, 'GET', `/api/admin/reference/${resource}`);
      check(`/api/admin/reference/${resource}`, 'get', rows);
      check(
        `/api/admin/reference/${resource}/{id}`,
        'get',
        await w.api(admin, 'GET', `/api/admin/reference/${resource}/${encodeURIComponent(rows.body[0]?.id ?? 'none')}`),
      );
    }
    check('/api/admin/reference/org-units', 'get', await w.api(token, 'GET', '/api/admin/reference/org-units'));
    const [user] = (await w.api(admin, 'GET', '/api/admin/reference/users?filter={"role":"officer"}')).body;
    check(
      '/api/admin/reference/users/{id}/unlock',
      'post',
      await w.api(admin, 'POST', `/api/admin/reference/users/${user.id}/unlock`),
    );
    check('/api/admin/inbound', 'get', await w.api(admin, 'GET', '/api/admin/inbound?filter={"status":"processed"}'));
    check(
      '/api/admin/outbox',
      'get',
      await w.api(admin, 'GET', '/api/admin/outbox?filter={"status":["pending","dead"]}'),
    );

    const issued = await w.api(admin, 'POST', '/api/admin/api-clients', {
      name: 'Cổng iHanoi',
      unitCode: '01',
      scopes: ['submit', 'read'],
    });
    check('/api/admin/api-clients', 'post', issued);
    check('/api/admin/api-clients', 'get', await w.api(admin, 'GET', '/api/admin/api-clients'));
    const agency = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${w.url}${path}`, {
        method,
        headers: { 'x-api-key': issued.body.key, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    };
    check(
      '/api/agency/webhooks',
      'post',
      await agency('POST', '/api/agency/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['case.created'] }),
    );
    check('/api/agency/webhooks', 'get', await agency('GET', '/api/agency/webhooks'));
    check('/api/agency/webhook-deliveries', 'get', await agency('GET', '/api/agency/webhook-deliveries'));

    check('/open311/discovery.json', 'get', await w.api(null, 'GET', '/open311/discovery.json'));
    const services = await w.api(null, 'GET', '/open311/v2/services.json');
    check('/open311/v2/services.json', 'get', services);
    check(
      '/open311/v2/services/{service_code}.json',
      'get',
      await w.api(null, 'GET', `/open311/v2/services/${services.body[0].service_code}.json`),
    );
    check('/open311/v2/requests.json', 'get', await w.api(null, 'GET', '/open311/v2/requests.json'));
    check(
      '/open311/v2/requests/{service_request_id}.json',
      'get',
      await w.api(null, 'GET', `/open311/v2/requests/${submitted.body.trackingCode}.json?api_key=${issued.body.key}`),
    );
    check(
      '/open311/v2/requests/{service_request_id}.json',
      'get',
      await w.api(null, 'GET', '/open311/v2/requests/CN.20000101.99999.json'),
    );

    check('/healthz', 'get', await w.api(null, 'GET', '/healthz'));
    check('/readyz', 'get', await w.api(null, 'GET', '/readyz'));
    check('/api/dev/demo-accounts', 'get', await w.api(null, 'GET', '/api/dev/demo-accounts'));
    expect(checked.length).toBeGreaterThanOrEqual(50);
  });
});

interface DocumentedOperation {
  method: string;
  path: string;
  operation: Record<string, unknown> & { operationId?: string };
}

function documentedOperations(doc: any): DocumentedOperation[] {
  return Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

/** Every method and path the Express app routes, from its own router stack (mounted routers included). */
function routeTable(app: Express): Array<{ method: string; path: string }> {
  const walk = (stack: any[], prefix: string): Array<{ method: string; path: string }> =>
    stack.flatMap((layer) => {
      const paths: string[] = [layer.route?.path ?? layer.rawPath ?? '/'].flat(Number.POSITIVE_INFINITY);
      return paths.flatMap((path) => {
        const full = `${prefix}${path === '/' ? '' : path}` || '/';
        if (layer.route)
          return Object.keys(layer.route.methods)
            .filter((m) => m !== '_all')
            .map((m) => ({ method: m.toUpperCase(), path: full }));
        return Array.isArray(layer.handle?.stack) ? walk(layer.handle.stack, full === '/' ? '' : full) : [];
      });
    });
  const routes = walk((app as any).router.stack, '');
  return routes.filter((r, i) => routes.findIndex((o) => o.method === r.method && o.path === r.path) === i);
}

/** `/v2/:file` (Express) and `/v2/services.json` or `/v2/{token}.json` (OpenAPI) name the same route. */
function sameRoute(express: string, openapi: string): boolean {
  const a = express.split('/');
  const b = openapi.split('/');
  return (
    a.length === b.length && a.every((segment, i) => segment.startsWith(':') || b[i]!.includes('{') || segment === b[i])
  );
}

function resolve(doc: any, schema: any): any {
  return schema?.$ref ? resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()]) : schema;
}

/** The paths of every field in `data` that the schema does not declare (a passthrough hides nothing here). */
function undocumentedFields(doc: any, schema: any, data: unknown, at = '$'): string[] {
  const s = resolve(doc, schema);
  if (!s || data === null || typeof data !== 'object') return [];
  const flatten = (b: any): any[] => {
    const r = resolve(doc, b);
    return [r, ...[...(r.allOf ?? []), ...(r.anyOf ?? []), ...(r.oneOf ?? [])].flatMap(flatten)];
  };
  const branches = flatten(s);
  if (Array.isArray(data)) {
    const items = branches.map((b) => b.items).find(Boolean);
    return items ? data.flatMap((d, i) => undocumentedFields(doc, items, d, `${at}[${i}]`)) : [];
  }
  const declared = (key: string) => branches.map((b) => b.properties?.[key]).find(Boolean);
  const open = branches.map((b) => b.additionalProperties).find((a) => a && typeof a === 'object');
  return Object.entries(data as Record<string, unknown>).flatMap(([key, value]) => {
    const property = declared(key) ?? open;
    if (!property) return [`${at}.${key}`];
    // A union of objects: the branch whose fields fit is the one to walk.
    const anyOf = resolve(doc, property).anyOf as unknown[] | undefined;
    if (anyOf && value && typeof value === 'object') {
      const fits = anyOf.map((b) => undocumentedFields(doc, b, value, `${at}.${key}`));
      return fits.find((f) => f.length === 0) ?? fits.sort((x, y) => x.length - y.length)[0]!;
    }
    return undocumentedFields(doc, property, value, `${at}.${key}`);
  });
}
