import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { type TestDatabase, createTestDatabase } from '@caunoi/db/testing';
import { prepareDatabase } from '../src/bootstrap/prepare-database';
import { loadConfig } from '../src/support/config';
import { createLogger } from '../src/support/logger';
import { type TestServer, startTestServer } from './helpers';

const serverUrl = inject('databaseServerUrl');
const logger = createLogger('silent');

describe('preparing the database at start', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(serverUrl);
  });
  afterAll(() => db?.drop());

  const count = async (table: string) =>
    Number((await db.orm.em.getConnection().execute(`select count(*)::int as n from ${table}`))[0].n);

  it('loads the reference data and demo cases on the first start', async () => {
    const result = await prepareDatabase(
      db.orm,
      { databaseUrl: db.url, demoCases: 300, demoSeed: 1, loadDemo: true },
      logger,
    );
    expect(result.referenceLoaded).toBe(true);
    expect(result.demoCasesLoaded).toBe(300);
    expect(await count('case_file')).toBe(300);
    expect(await count('app_user')).toBeGreaterThanOrEqual(8);
  });

  it('reuses the data on a restart: nothing is loaded twice', async () => {
    const before = { cases: await count('case_file'), units: await count('org_unit'), users: await count('app_user') };
    const result = await prepareDatabase(
      db.orm,
      { databaseUrl: db.url, demoCases: 300, demoSeed: 1, loadDemo: true },
      logger,
    );
    expect(result).toEqual({ migrations: [], referenceLoaded: false, demoCasesLoaded: 0 });
    expect({ cases: await count('case_file'), units: await count('org_unit'), users: await count('app_user') }).toEqual(
      before,
    );
  });
});

describe('the demo logins development aid', () => {
  let dev: TestServer;
  let production: TestServer;
  beforeAll(async () => {
    [dev, production] = await Promise.all([
      startTestServer(serverUrl),
      startTestServer(serverUrl, { NODE_ENV: 'production', AUTH_SECRET: 'k7Qm2vX9pL4rT8wZ1nB6cJ3hF5dG0sYa' }),
    ]);
    for (const t of [dev, production])
      await prepareDatabase(t.db.orm, { databaseUrl: t.db.url, demoCases: 0, demoSeed: 1, loadDemo: true }, logger);
  });
  afterAll(async () => {
    await dev?.stop();
    await production?.stop();
  });

  it('lists every role with its unit and password outside production', async () => {
    const accounts = (await (await fetch(`${dev.server.url}/api/dev/demo-accounts`)).json()) as Array<{
      role: string;
      unitCode: string;
      password: string;
    }>;
    expect(new Set(accounts.map((a) => a.role))).toEqual(new Set(['officer', 'supervisor', 'govOffice', 'admin']));
    expect(accounts.map((a) => a.unitCode)).toEqual(expect.arrayContaining(['01', 'BXD', 'VPCP']));
    expect(accounts.filter((a) => !a.password)).toEqual([]);
  });

  it('does not exist in production', async () => {
    expect((await fetch(`${production.server.url}/api/dev/demo-accounts`)).status).toBe(404);
  });
});

describe('configuration', () => {
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET: required in production/);
    expect(() => loadConfig({ OFFICE_CLOSES_AT: '5pm' })).toThrow(/OFFICE_CLOSES_AT: must be HH:MM/);
  });

  it('refuses a guessable AUTH_SECRET in production, and keeps one per data folder in development', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) })).toThrow(
      /AUTH_SECRET: must be random/,
    );
    expect(() =>
      loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'caunoi-development-secret-do-not-use-in-production' }),
    ).toThrow(/AUTH_SECRET: must not contain a dictionary word/);
    const folder = mkdtempSync(join(tmpdir(), 'caunoi-secret-'));
    const first = loadConfig({ DATA_DIR: folder }).authSecret;
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(loadConfig({ DATA_DIR: folder }).authSecret).toBe(first);
    expect(statSync(join(folder, 'auth-secret')).mode & 0o077).toBe(0);
    expect(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'caunoi-secret-')) }).authSecret).not.toBe(first);
  });

  it('listens on the loopback outside production unless HOST says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'k7Qm2vX9pL4rT8wZ1nB6cJ3hF5dG0sYa' }).host).toBe(
      '0.0.0.0',
    );
    expect(loadConfig({ NODE_ENV: 'test', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('uses the documented defaults', () => {
    const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      dataDir: join(repositoryRoot, '.data'),
      databaseUrl: undefined,
      isProduction: false,
    });
  });

  it('finds the same data folder as the seed scripts, whatever workspace npm runs them in', async () => {
    const { databaseSettingsFromEnv } = await import('@caunoi/db');
    // npm runs a workspace script in the workspace folder and says where the user typed in INIT_CWD.
    const fromSeeds = { INIT_CWD: '/home/me/caunoi' };
    expect(databaseSettingsFromEnv(fromSeeds).dataDir).toBe(loadConfig(fromSeeds).dataDir);
    expect(databaseSettingsFromEnv({ ...fromSeeds, DATA_DIR: 'mine' }).dataDir).toBe('/home/me/caunoi/mine');
    expect(loadConfig({ ...fromSeeds, DATA_DIR: 'mine' }).dataDir).toBe('/home/me/caunoi/mine');
    expect(databaseSettingsFromEnv({ DATA_DIR: '/srv/caunoi' }).dataDir).toBe('/srv/caunoi');
  });
});

describe('several replicas starting at once', () => {
  it('migrate and seed an empty database exactly once between them', async () => {
    const { adminQuery } = await import('@caunoi/db/testing');
    const { initORM } = await import('@caunoi/db');
    const name = `caunoi_race_${Date.now()}`;
    await adminQuery(serverUrl, `create database "${name}"`);
    const url = `${serverUrl}/${name}`;
    const orms = await Promise.all([initORM(url), initORM(url), initORM(url)]);
    try {
      const results = await Promise.all(
        orms.map((orm) =>
          prepareDatabase(orm, { databaseUrl: url, demoCases: 50, demoSeed: 3, loadDemo: true }, logger),
        ),
      );
      expect(results.filter((r) => r.migrations.length > 0)).toHaveLength(1);
      expect(results.filter((r) => r.referenceLoaded)).toHaveLength(1);
      expect(results.map((r) => r.demoCasesLoaded).sort()).toEqual([0, 0, 50]);
      const [{ n }] = await orms[0]!.em.getConnection().execute(`select count(*)::int as n from case_file`);
      expect(n).toBe(50);
    } finally {
      await Promise.all(orms.map((orm) => orm.close(true)));
      await adminQuery(serverUrl, `drop database "${name}" with (force)`);
    }
  });
});
