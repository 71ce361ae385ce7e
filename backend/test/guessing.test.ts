import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, demoAccounts } from '@caunoi/seeds';
import { createLogger } from '../src/support/logger';
import { startServer } from '../src/server';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('guessing a status page', () => {
  let w: World;
  let trackingCode: string;
  let accessKey: string;
  beforeAll(async () => {
    // TRUST_PROXY=loopback lets the test speak as several addresses through X-Forwarded-For.
    w = await startWorld(serverUrl, { STATUS_LOOKUP_LIMIT: '5', TRUST_PROXY: 'loopback' });
    const res = await post(`${w.url}/api/public/submissions`, {
      title: 'Cống thoát nước bị tắc',
      body: 'Cống trước số nhà 12 bị tắc, nước tràn ra đường mỗi khi mưa.',
      communeCode: '00004',
    });
    ({ trackingCode, accessKey } = (await res.json()) as { trackingCode: string; accessKey: string });
  });
  afterAll(() => w?.stop());

  const lookup = (code: string, key: string, address: string) =>
    fetch(`${w.url}/api/public/cases/${code}?key=${key}`, { headers: { 'x-forwarded-for': address } });

  it('an address that keeps finding nothing is stopped, whatever codes it tries; the citizen is not', async () => {
    for (let i = 0; i < 5; i += 1)
      expect((await lookup(`CN.20261201.${String(90000 + i)}`, 'WRONGKEY22', '203.0.113.7')).status).toBe(404);
    const stopped = await lookup('CN.20261201.90009', 'WRONGKEY22', '203.0.113.7');
    expect(stopped.status).toBe(429);
    expect(Number(stopped.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same page from the citizen's own address still opens.
    expect((await lookup(trackingCode, accessKey, '198.51.100.20')).status).toBe(200);
  });

  it('a code tried with wrong keys from many addresses is stopped too, and the form page says why', async () => {
    const other = (await (
      await post(`${w.url}/api/public/submissions`, {
        title: 'Đèn đường hỏng ở ngõ 5',
        body: 'Ba cột đèn trên ngõ 5 đã tắt hơn hai tuần, buổi tối rất nguy hiểm.',
        communeCode: '00004',
      })
    ).json()) as { trackingCode: string };
    for (let i = 0; i < 5; i += 1)
      expect((await lookup(other.trackingCode, `WRONGKEY${i}2`, `192.0.2.${10 + i}`)).status).toBe(404);
    expect((await lookup(other.trackingCode, 'WRONGKEY99', '192.0.2.99')).status).toBe(429);
    const page = await fetch(`${w.url}/track?code=${other.trackingCode}&key=WRONGKEY77`, {
      headers: { 'x-forwarded-for': '192.0.2.100' },
    });
    expect(page.status).toBe(429);
    expect(await page.text()).toContain('Có quá nhiều lượt tra cứu không đúng');
  });
});

describe('X-Forwarded-For is believed only from TRUST_PROXY', () => {
  it('rotating it from an untrusted peer does not get past the public limit', async () => {
    const w = await startWorld(serverUrl, { PUBLIC_RATE_LIMIT: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1)
        statuses.push(
          (await fetch(`${w.url}/api/public/reference`, { headers: { 'x-forwarded-for': `10.9.0.${i}` } })).status,
        );
      expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    } finally {
      await w.stop();
    }
  });

  it('from a trusted proxy, each forwarded address has its own count', async () => {
    const w = await startWorld(serverUrl, { PUBLIC_RATE_LIMIT: '3', TRUST_PROXY: '127.0.0.1' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1)
        statuses.push(
          (await fetch(`${w.url}/api/public/reference`, { headers: { 'x-forwarded-for': `10.9.0.${i}` } })).status,
        );
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    } finally {
      await w.stop();
    }
  });

  it('two replicas on one database share one limit', async () => {
    const w = await startWorld(serverUrl, { PUBLIC_RATE_LIMIT: '4' });
    const second = await startServer({
      config: w.t.config,
      orm: w.t.db.orm,
      logger: createLogger('silent'),
      demoAccounts,
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1)
        statuses.push((await fetch(`${i % 2 ? second.url : w.url}/api/public/reference`)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      await second.stop();
      await w.stop();
    }
  });
});

describe('guessing a password', () => {
  let w: World;
  let adminToken: string;
  beforeAll(async () => {
    w = await startWorld(serverUrl, { LOGIN_ATTEMPT_LIMIT: '12', TRUST_PROXY: 'loopback' });
    adminToken = await w.login('admin@caunoi.local');
  });
  afterAll(() => w?.stop());

  const login = (email: string, password: string, address = '203.0.113.50') =>
    post(`${w.url}/api/auth/login`, { email, password }, { 'x-forwarded-for': address });

  it('an account waits longer after each failure past the fourth, and the right password waits too', async () => {
    const email = 'canbo.hanoi@caunoi.local';
    for (let i = 0; i < 4; i += 1) expect((await login(email, `wrong-${i}`)).status).toBe(401);
    const fifth = await login(email, 'wrong-4');
    expect(fifth.status).toBe(429);
    expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(((await fifth.json()) as any).error.message).toMatch(/try again in 1 minute/);
    expect((await login(email, DEMO_PASSWORD, '198.51.100.1')).status).toBe(429);
    // The lock passes; the sixth failure costs two minutes.
    await w.sql(`update app_user set locked_until = now() - interval '1 second' where email = $1`, [email]);
    const sixth = await login(email, 'wrong-5', '198.51.100.2');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThanOrEqual(119);
  });

  it('after ten failures only an administrator unlocks it, and the count starts again', async () => {
    const email = 'canbo.bxd@caunoi.local';
    for (let i = 0; i < 10; i += 1) {
      await w.sql(`update app_user set locked_until = null where email = $1`, [email]);
      await login(email, `wrong-${i}`, `198.51.100.${100 + i}`);
    }
    const locked = await login(email, DEMO_PASSWORD, '198.51.100.200');
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as any).error.message).toMatch(/ask an administrator/);
    const [{ id }] = await w.sql(`select id from app_user where email = $1`, [email]);
    const users = await w.api(
      adminToken,
      'GET',
      `/api/admin/reference/users?filter=${encodeURIComponent(JSON.stringify({ locked: true }))}`,
    );
    expect(users.body.find((u: any) => u.id === id)).toMatchObject({
      failedLogins: 10,
      lockedUntil: expect.stringMatching(/^9999-12-31/),
    });
    expect((await w.api(adminToken, 'POST', `/api/admin/reference/users/${id}/unlock`, {})).status).toBe(200);
    expect((await login(email, DEMO_PASSWORD, '198.51.100.201')).status).toBe(200);
  });

  it('an address that fails too often is stopped whatever accounts it tries', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 13; i += 1) statuses.push((await login(`nobody${i}@example.test`, 'x', '203.0.113.99')).status);
    expect(statuses.slice(0, 12).every((s) => s === 401)).toBe(true);
    expect(statuses[12]).toBe(429);
  });
});

describe('revoking tokens', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
  });
  afterAll(() => w?.stop());

  const me = (token: string) => w.api(token, 'GET', '/api/auth/me');
  const edit = async (adminToken: string, email: string, change: Record<string, unknown>) => {
    const [user] = await w.sql(
      `select a.id, a.name, a.role, u.code as "unitCode", a.language, a.active from app_user a join org_unit u on u.id = a.unit_id where a.email = $1`,
      [email],
    );
    const { id, ...current } = user;
    const res = await w.api(adminToken, 'PUT', `/api/admin/reference/users/${id}`, { ...current, ...change });
    expect(res.status).toBe(200);
  };

  it('a password reset, a role change and a deactivation each end the tokens issued before; a rename does not', async () => {
    const admin = await w.login('admin@caunoi.local');
    const cases: Array<[string, Record<string, unknown>]> = [
      ['canbo.badinh@caunoi.local', { password: 'a-new-password-for-an' }],
      ['truong.badinh@caunoi.local', { role: 'officer' }],
      ['canbo.hanoi@caunoi.local', { active: false }],
    ];
    for (const [email, change] of cases) {
      const token = await w.login(email);
      expect((await me(token)).status).toBe(200);
      await edit(admin, email, change);
      expect((await me(token)).status, `${email} ${JSON.stringify(change)}`).toBe(401);
    }
    const kept = await w.login('canbo.bxd@caunoi.local');
    await edit(admin, 'canbo.bxd@caunoi.local', { name: 'Vũ Đức Long (BXD)' });
    expect((await me(kept)).status).toBe(200);
    // The new password works, and gives a token that works.
    const fresh = await post(`${w.url}/api/auth/login`, {
      email: 'canbo.badinh@caunoi.local',
      password: 'a-new-password-for-an',
    });
    expect(fresh.status).toBe(200);
    expect((await me(((await fresh.json()) as any).token)).status).toBe(200);
  });
});
