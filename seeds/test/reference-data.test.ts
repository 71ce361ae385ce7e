import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@caunoi/db/testing';
import { seedReferenceData } from '../src/seed-reference';
import { defaultAdminUnitsPath, defaultLegacyMapPath } from '../src/units/admin-units-file';

const serverUrl = inject('databaseServerUrl');
const adminUnitsPath = defaultAdminUnitsPath();

async function withClient<T>(db: TestDatabase, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('reference data from the official national list', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(serverUrl);
  });
  afterAll(() => db?.drop());

  it('reads the list shipped inside the repository, not anything beside it', () => {
    const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
    const shipped = defaultAdminUnitsPath({});
    expect(shipped).toBe(join(repositoryRoot, 'seeds', 'data', 'vn-admin-units-2025.json.gz'));
    expect(defaultLegacyMapPath(shipped, {})).toBe(
      join(repositoryRoot, 'seeds', 'data', 'vn-admin-legacy-map.json.gz'),
    );
    expect(readFileSync(join(repositoryRoot, 'seeds', 'data', 'NOTICE.md'), 'utf8')).toContain(
      'Copyright (c) 2025 dvhcvn',
    );
    expect(defaultAdminUnitsPath({ CAUNOI_ADMIN_UNITS: '/elsewhere/units.json' })).toBe('/elsewhere/units.json');
  });

  it('loads 34 provinces and 3,321 communes, and the same again on a second run', async () => {
    const options = { adminUnitsPath, legacyMapPath: defaultLegacyMapPath(adminUnitsPath) };
    const first = await withClient(db, (c) => seedReferenceData(c, options));
    const second = await withClient(db, (c) => seedReferenceData(c, options));
    expect(first).toMatchObject({ centralUnits: 17, provinces: 34, communes: 3321 });
    expect(first.legacyPlaces).toBe(11_358);
    expect(second).toEqual(first);
  });

  it('puts Phường Ba Đình under Hà Nội under the Government Office, by official codes', async () => {
    const rows = await withClient(
      db,
      async (c) =>
        (
          await c.query(
            `select u.code, u.name_vi, u.name_en, u.path, p.code as parent from org_unit u join org_unit p on p.id = u.parent_id where u.code in ('00004', '01')`,
          )
        ).rows,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { code: '01', name_vi: 'Thành phố Hà Nội', name_en: 'Ha Noi City', path: '/VPCP/01/', parent: 'VPCP' },
        { code: '00004', name_vi: 'Phường Ba Đình', name_en: 'Ba Dinh Ward', path: '/VPCP/01/00004/', parent: '01' },
      ]),
    );
  });

  it('resolves an old province name to the province that absorbed it', async () => {
    const rows = await withClient(
      db,
      async (c) =>
        (
          await c.query(
            `select l.new_code from legacy_place l where l.old_level = 'province' and l.old_name = 'Tỉnh Hà Giang'`,
          )
        ).rows,
    );
    expect(rows).toEqual([{ new_code: '08' }]);
  });

  it('keeps every SLA rule and calendar day with its source', async () => {
    const rows = await withClient(
      db,
      async (c) =>
        (
          await c.query(
            `select count(*)::int as missing from sla_rule where source = '' union all select count(*)::int from calendar_day where source = ''`,
          )
        ).rows,
    );
    expect(rows.map((r) => r.missing)).toEqual([0, 0]);
    const transfer = await withClient(
      db,
      async (c) => (await c.query(`select amount, unit, verified from sla_rule where code = 'pakn.transfer'`)).rows[0],
    );
    expect(transfer).toEqual({ amount: 5, unit: 'workingDays', verified: true });
  });
});

describe('reference data without the national list', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(serverUrl);
  });
  afterAll(() => db?.drop());

  it('seeds the 34 provinces from the facts and says how to load the communes', async () => {
    const lines: string[] = [];
    const counts = await withClient(db, (c) =>
      seedReferenceData(c, { adminUnitsPath: null, legacyMapPath: null, log: (l) => lines.push(l) }),
    );
    expect(counts).toMatchObject({ provinces: 34, communes: 0, legacyPlaces: 0, centralUnits: 17 });
    expect(lines.join('\n')).toContain('npm run seed:units');
    const again = await withClient(db, (c) => seedReferenceData(c, { adminUnitsPath: null, legacyMapPath: null }));
    expect(again).toEqual(counts);
  });
});
