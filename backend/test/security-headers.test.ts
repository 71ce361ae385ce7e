import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

/**
 * Every surface the server answers on carries the security headers: a Content-Security-Policy
 * that forbids framing and inline script, nosniff, no referrer. One request per surface.
 */
describe('security headers on every surface', () => {
  let w: World;
  let token: string;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
    token = await w.login('canbo.badinh@caunoi.local');
  });
  afterAll(() => w?.stop());

  const SURFACES: Array<[string, string, RequestInit?]> = [
    ['portal home', '/'],
    [
      'portal form post',
      '/submit',
      { method: 'POST', body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ],
    ['status page', '/track?code=CN.20261201.00001&key=ABCDEFGHJK'],
    ['portal 404 page', '/khong-co'],
    ['admin UI', '/admin/'],
    ['officers API', '/api/cases'],
    ['public API', '/api/public/reference'],
    ['API 404', '/api/nothing-here'],
    ['OpenAPI document', '/api/openapi.json'],
    ['Zalo webhook', '/api/zalo/webhook', { method: 'POST', body: '{}' }],
    ['health', '/healthz'],
    ['readiness', '/readyz'],
    ['metrics', '/metrics'],
    ['socket.io', '/socket.io/?EIO=4&transport=polling'],
  ];

  it.each(SURFACES)('%s', async (_name, path, init) => {
    const res = await fetch(`${w.url}${path}`, {
      ...init,
      headers: { ...(path.startsWith('/api/cases') ? { authorization: `Bearer ${token}` } : {}), ...init?.headers },
    });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp, `${path} Content-Security-Policy`).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
