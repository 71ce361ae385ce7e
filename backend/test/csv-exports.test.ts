import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

describe('CSV exports carry no formulas', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
  });
  afterAll(() => w?.stop());

  it('the escalation summary writes a unit name that starts with = as text', async () => {
    await w.sql(`update org_unit set name_vi = '=HYPERLINK("http://evil.example","TP HCM")' where code = '79'`);
    await w.submit('25747');
    const gov = await w.login('theodoi.vpcp@caunoi.local');
    const res = await fetch(`${w.url}/api/reports/escalations.csv`, { headers: { authorization: `Bearer ${gov}` } });
    expect(res.status).toBe(200);
    const csv = await res.text();
    const line = csv.split('\r\n').find((l) => l.startsWith('79,'));
    expect(line).toMatch(/^79,"'=HYPERLINK\(""http:\/\/evil\.example"",""TP HCM""\)",1,/);
  });
});
