import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../embedded/embedded-database';
import { initORM, migrate } from '../orm';
import { findFreePort } from './free-port';
import { TEMPLATE_DATABASE, adminQuery } from './test-database';

import './provided-context';

/**
 * vitest globalSetup for the database-backed workspaces: one throwaway PostgreSQL per project run
 * (or the server of DATABASE_URL when set), with the migrated template database every test file
 * copies.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let serverUrl: string;
  let stop = async () => {};
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '';
    serverUrl = url.toString().replace(/\/$/, '');
  } else {
    // Under the system temp dir: reachable by the OS user `postgres` when tests run as root.
    const dataDir = join(tmpdir(), `caunoi-test-${project.name}-${process.pid}`);
    mkdirSync(dataDir, { recursive: true });
    const database = await startEmbeddedDatabase({
      dataDir,
      port: await findFreePort(),
      database: 'postgres',
      ephemeral: true,
    });
    serverUrl = database.url.replace(/\/postgres$/, '');
    stop = async () => {
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }

  await adminQuery(serverUrl, `drop database if exists "${TEMPLATE_DATABASE}" with (force)`);
  await adminQuery(serverUrl, `create database "${TEMPLATE_DATABASE}"`);
  const orm = await initORM(`${serverUrl}/${TEMPLATE_DATABASE}`, { debug: false });
  await migrate(orm);
  await orm.close(true);

  project.provide('databaseServerUrl', serverUrl);
  return stop;
}
