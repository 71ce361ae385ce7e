import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

describe('the unit picker searches the current units', () => {
  let w: World;
  let token: string;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
    token = await w.login('truong.badinh@caunoi.local');
  });
  afterAll(() => w?.stop());

  it('finds a commune with or without diacritics, labelled with its province, and by code', async () => {
    const plain = await w.api(token, 'GET', `/api/units?filter=${encodeURIComponent('{"q":"ngoc ha"}')}`);
    expect(plain.status).toBe(200);
    expect(plain.body).toEqual([expect.objectContaining({ id: '00008', label: 'Phường Ngọc Hà — Thành phố Hà Nội', level: 'commune' })]);
    const accented = await w.api(token, 'GET', `/api/units?filter=${encodeURIComponent('{"q":"Ngọc Hà"}')}`);
    expect(accented.body.map((u: { id: string }) => u.id)).toEqual(['00008']);
    const byCode = await w.api(token, 'GET', `/api/units?filter=${encodeURIComponent('{"id":["01","BXD"]}')}`);
    expect(byCode.body.map((u: { id: string }) => u.id).sort()).toEqual(['01', 'BXD']);
    expect(byCode.headers.get('content-range')).toBe('units 0-1/2');
  });

  it('lists central bodies and provinces before communes, and needs a login', async () => {
    const all = await w.api(token, 'GET', '/api/units?range=[0,99]');
    const levels = all.body.map((u: { level: string }) => u.level);
    expect(levels.indexOf('commune')).toBeGreaterThan(levels.lastIndexOf('province'));
    expect((await w.api(null, 'GET', '/api/units')).status).toBe(401);
  });
});

describe('the administrator’s reference screens', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
  });
  afterAll(() => w?.stop());

  it('walk the unit tree, list SLA rules with their sources and the calendar of a year, for administrators only', async () => {
    const admin = await w.login('admin@caunoi.local');
    const q = (filter: object) => encodeURIComponent(JSON.stringify(filter));
    const hanoi = await w.api(admin, 'GET', `/api/admin/reference/org-units?filter=${q({ parentCode: '01' })}`);
    expect(hanoi.body.map((u: { code: string }) => u.code)).toEqual(['00004', '00008']);
    const top = await w.api(admin, 'GET', `/api/admin/reference/org-units?filter=${q({ parentCode: 'VPCP' })}&range=[0,99]`);
    expect(top.body.find((u: { code: string }) => u.code === '01')).toMatchObject({ level: 'province', childCount: 2 });
    const rules = await w.api(admin, 'GET', '/api/admin/reference/sla-rules?range=[0,99]');
    expect(rules.body.length).toBeGreaterThanOrEqual(20);
    expect(rules.body.every((r: { source: string }) => r.source.length > 0)).toBe(true);
    const days = await w.api(admin, 'GET', `/api/admin/reference/calendar-days?filter=${q({ year: 2026 })}&range=[0,99]`);
    expect(days.body.map((d: { date: string }) => d.date)).toContain('2026-09-02');
    const bad = await w.api(admin, 'GET', `/api/admin/reference/users?filter=${q({ colour: 'red' })}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('filter.colour');

    const officer = await w.login('canbo.badinh@caunoi.local');
    expect((await w.api(officer, 'GET', '/api/admin/reference/users')).status).toBe(403);
  });
});
