import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

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
    const operations = Object.values(doc.paths).flatMap((item: any) => Object.values(item)) as Array<{
      operationId?: string;
    }>;
    expect(operations.length).toBeGreaterThanOrEqual(30);
    expect(operations.filter((o) => !o.operationId)).toEqual([]);
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
  });

  it('describes what the main endpoints really answer', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const check = (path: string, method: string, status: number, body: unknown) => {
      const schema = doc.paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema;
      expect(schema, `${method} ${path} ${status} is described`).toBeDefined();
      const validate = ajv.compile({ ...schema, components: doc.components });
      expect(validate(body), `${method} ${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    const login = await w.api(null, 'POST', '/api/auth/login', {
      email: 'canbo.badinh@caunoi.local',
      password: 'caunoi-demo',
    });
    check('/api/auth/login', 'post', 200, login.body);
    const token = login.body.token as string;
    const { caseId } = await w.submit('00004');
    check('/api/cases', 'get', 200, (await w.api(token, 'GET', '/api/cases')).body);
    check('/api/cases/{id}', 'get', 200, (await w.api(token, 'GET', `/api/cases/${caseId}`)).body);
    const stale = await w.api(token, 'POST', `/api/cases/${caseId}/transitions`, { type: 'accept', version: 99 });
    check('/api/cases/{id}/transitions', 'post', 409, stale.body);
    check(
      '/api/cases/{id}/transitions',
      'post',
      200,
      (await w.api(token, 'POST', `/api/cases/${caseId}/transitions`, { type: 'accept', version: 1 })).body,
    );
    check(
      '/api/cases/{id}/audit/verify',
      'get',
      200,
      (await w.api(token, 'GET', `/api/cases/${caseId}/audit/verify`)).body,
    );
    check('/api/reports/escalations', 'get', 200, (await w.api(token, 'GET', '/api/reports/escalations')).body);
    const submitted = await w.api(null, 'POST', '/api/public/submissions', {
      title: 'Đèn đường hỏng',
      body: 'Đèn đường ngõ 5 tắt cả tuần nay, tối rất nguy hiểm.',
      communeCode: '00004',
      lat: 21.03,
      long: 105.83,
    });
    check('/api/public/submissions', 'post', 201, submitted.body);
    check(
      '/api/public/cases/{trackingCode}',
      'get',
      200,
      (await w.api(null, 'GET', `/api/public/cases/${submitted.body.trackingCode}?key=${submitted.body.accessKey}`))
        .body,
    );
    const admin = await w.login('admin@caunoi.local');
    check(
      '/api/admin/api-clients',
      'post',
      201,
      (await w.api(admin, 'POST', '/api/admin/api-clients', { name: 'Hệ thống thử', unitCode: '01', scopes: ['read'] }))
        .body,
    );
    check('/api/admin/api-clients', 'get', 200, (await w.api(admin, 'GET', '/api/admin/api-clients')).body);
    check('/open311/v2/services.json', 'get', 200, (await w.api(null, 'GET', '/open311/v2/services.json')).body);
    check('/open311/v2/requests.json', 'get', 200, (await w.api(null, 'GET', '/open311/v2/requests.json')).body);
  });
});
