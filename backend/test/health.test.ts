import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminQuery } from '@caunoi/db/testing';
import { type TestServer, startTestServer } from './helpers';

const serverUrl = inject('databaseServerUrl');

describe('health endpoints for load balancers and monitoring', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(serverUrl);
  });
  afterAll(() => t?.stop());

  it('says the process is up', async () => {
    const res = await fetch(`${t.server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('says it is ready while the database answers', async () => {
    const res = await fetch(`${t.server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', database: 'up' });
  });

  it('exposes Prometheus metrics including request timings', async () => {
    await fetch(`${t.server.url}/healthz`);
    const res = await fetch(`${t.server.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('caunoi_http_request_duration_seconds_bucket');
    expect(text).toMatch(/route="\/healthz",status="200"/);
  });

  it('answers unknown API routes with a JSON error that names the route and a request id', async () => {
    const res = await fetch(`${t.server.url}/api/no-such-thing`, { headers: { 'x-request-id': 'req-42' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'No route for GET /no-such-thing', requestId: 'req-42' },
    });
  });
});

describe('readiness when the database goes away', () => {
  it('answers 503 once the database cannot be reached, while liveness stays up', async () => {
    const t = await startTestServer(serverUrl);
    try {
      await adminQuery(serverUrl, `drop database "${t.db.name}" with (force)`);
      const ready = await fetch(`${t.server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', database: 'down' });
      expect((await fetch(`${t.server.url}/healthz`)).status).toBe(200);
    } finally {
      await t.server.stop();
      await t.db.orm.close(true);
    }
  });
});
