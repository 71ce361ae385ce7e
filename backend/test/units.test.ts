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
