/**
 * Clocks at scale: `npm run bench:clocks -w @caunoi/bench -- [cases]` (default 1,000,000) seeds the
 * demo generator into a fresh embedded PostgreSQL (fsync on), then times: the sweeper over 10,000
 * due deadlines, the Government Office summary, and officers' filtered lists (p50/p95).
 */
import pg from 'pg';
import {
  createLogger,
  createSlaContextLoader,
  loadConfig,
  prepareDatabase,
  startServer,
  sweepDueCases,
} from '@caunoi/backend';
import { generateDemoData } from '@caunoi/seeds';
import { withBenchDatabase } from './bench-database';
import { report } from './report';

const cases = Number(process.argv[2] ?? 1_000_000);
/** Deadlines the sweeper fires (second argument; default 10,000). */
const SWEEP = Number(process.argv[3] ?? 10_000);
const logger = createLogger('silent');

await withBenchDatabase(async ({ url, orm }) => {
  await prepareDatabase(orm, { databaseUrl: url, demoCases: 0, demoSeed: 1, loadDemo: true }, logger);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  console.log(`Clocks: ${cases.toLocaleString('en-US')} demo cases, embedded PostgreSQL (fsync on)`);
  let started = performance.now();
  await generateDemoData(client, { cases, seed: 7, connectionString: url });
  await client.query('analyze');
  report('seed demo cases', (performance.now() - started) / 1000, 's', 1);

  // The sweeper over the SWEEP earliest deadlines of open cases (all of them on a small data set).
  const { rows } = await client.query(
    `select max(at) as at from (select next_due_at as at from case_file where next_due_at is not null and status not in ('closed','rejected','merged') order by next_due_at limit ${SWEEP}) d`,
  );
  if (rows[0]?.at) {
    const cutoff = new Date(rows[0].at);
    started = performance.now();
    const swept = await sweepDueCases(orm, createSlaContextLoader(), logger, cutoff);
    const seconds = (performance.now() - started) / 1000;
    report(`sweeper: ${swept.fired.toLocaleString('en-US')} deadlines fired`, seconds, 's', 1);
    report('sweeper: throughput', swept.fired / seconds, 'deadlines/s');
  }
  await client.end();

  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    SWEEP_INTERVAL_MS: '0',
  });
  const server = await startServer({ config, orm, logger });
  const token = async (email: string) =>
    (
      (await (
        await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'caunoi-demo' }),
        })
      ).json()) as { token: string }
    ).token;
  const gov = await token('theodoi.vpcp@caunoi.local');
  const supervisor = await token('lanhdao.hanoi@caunoi.local');
  const get = async (t: string, path: string) => {
    const t0 = performance.now();
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${t}` } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    return performance.now() - t0;
  };
  const percentiles = async (name: string, runs: number, once: () => Promise<number>) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) times.push(await once());
    times.sort((a, b) => a - b);
    report(`${name}: p50`, times[Math.floor(runs * 0.5)]!, 'ms', 1);
    report(`${name}: p95`, times[Math.min(runs - 1, Math.floor(runs * 0.95))]!, 'ms', 1);
  };
  const f = (filter: object, sort = '["receivedAt","DESC"]') =>
    `/api/cases?filter=${encodeURIComponent(JSON.stringify(filter))}&sort=${encodeURIComponent(sort)}&range=${encodeURIComponent('[0,24]')}`;
  await percentiles('summary, national by province', 10, () => get(gov, '/api/reports/escalations'));
  await percentiles('summary, Hà Nội by unit', 10, () => get(gov, '/api/reports/escalations?level=unit&parentUnit=01'));
  await percentiles('list: supervisor, open, by deadline', 30, () =>
    get(supervisor, f({ status: ['routed', 'inProgress'] }, '["nextDueAt","ASC"]')),
  );
  await percentiles('list: national, overdue', 30, () => get(gov, f({ overdue: true })));
  await percentiles('list: national, full text "duong ngap"', 30, () => get(gov, f({ q: 'duong ngap' })));
  await server.stop();
});
