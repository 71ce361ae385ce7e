/**
 * Intake throughput: `npm run bench:intake -w @caunoi/bench -- [seconds] [connections]` (default
 * 20 s, 16 connections). autocannon posts JSON submissions to the real `POST /api/public/submissions`
 * (raw store, item lock, routing, case, audit, outbox, acknowledgement reply); then pgbench runs
 * the same SQL per submission (intake-transaction.sql, captured from the backend's query log)
 * against the same embedded PostgreSQL for the same time. The ratio says how much of the
 * database's capacity the HTTP path delivers; the rest is Node (express, MikroORM, the machine).
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type autocannon from 'autocannon';
import { createRequire } from 'node:module';
import { createLogger, loadConfig, prepareDatabase, startServer } from '@caunoi/backend';
import { withBenchDatabase } from './bench-database';
import { report } from './report';

const seconds = Number(process.argv[2] ?? 20);
const connections = Number(process.argv[3] ?? 16);
const logger = createLogger('silent');
const execFileAsync = promisify(execFile);
const script = fileURLToPath(new URL('./intake-transaction.sql', import.meta.url));
const autocannonBin = join(createRequire(import.meta.url).resolve('autocannon/package.json'), '..', 'autocannon.js');

await withBenchDatabase(async ({ url, orm }) => {
  await prepareDatabase(orm, { databaseUrl: url, demoCases: 0, demoSeed: 1, loadDemo: true }, logger);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    PUBLIC_RATE_LIMIT: '0',
    SMTP_INTAKE_PORT: '-1',
    SWEEP_INTERVAL_MS: '0',
    INTAKE_RETRY_MS: '0',
  });
  const server = await startServer({ config, orm, logger });
  console.log(
    `Intake: ${seconds} s, ${connections} connections, embedded PostgreSQL (fsync on), ${process.arch}, Node ${process.version}`,
  );

  const body = JSON.stringify({
    title: 'Đèn đường hỏng',
    body: 'Ba cột đèn trên ngõ 5 đã tắt hơn hai tuần.',
    categoryCode: 'road-traffic',
    provinceCode: '01',
    communeCode: '00004',
  });
  // autocannon runs as a process of its own, so the load generator does not share the server's event loop.
  const http = JSON.parse(
    (
      await execFileAsync(
        process.execPath,
        [
          autocannonBin,
          '-j',
          '-m',
          'POST',
          '-H',
          'content-type=application/json',
          '-b',
          body,
          '-c',
          String(connections),
          '-d',
          String(seconds),
          `${server.url}/api/public/submissions`,
        ],
        {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        },
      )
    ).stdout,
  ) as autocannon.Result;
  await server.jobs.drain();
  const [{ n: cases }] = await orm.em.fork().execute<Array<{ n: number }>>(`select count(*)::int as n from case_file`);
  const non2xx = http.non2xx + http.errors;
  report('HTTP submissions (201)', http.requests.average, 'req/s', 1);
  report('HTTP p50 latency', http.latency.p50, 'ms', 1);
  report('HTTP p99 latency', http.latency.p99, 'ms', 1);
  report('HTTP cases created', cases, 'cases');
  report('HTTP non-2xx or errors', non2xx, 'responses');
  await server.stop();

  const pgbench = spawnSync('pgbench', ['--version'], { encoding: 'utf8' });
  if (pgbench.status !== 0) {
    console.log('pgbench not found (Debian: apt-get install postgresql-client); the SQL-only comparison is skipped.');
    return;
  }
  // The script takes its numbers from a day far away, as intake takes each day's from its sequence.
  await orm.em.fork().execute(`create sequence if not exists tracking_20991231`);
  const logDir = mkdtempSync(join(tmpdir(), 'caunoi-pgbench-'));
  try {
    const out = execFileSync(
      'pgbench',
      [
        '-n',
        '-f',
        script,
        '-c',
        String(connections),
        '-j',
        '2',
        '-T',
        String(seconds),
        '-l',
        '--log-prefix',
        join(logDir, 'tx'),
        url,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? NaN);
    const latencies = readdirSync(logDir)
      .flatMap((f) => readFileSync(join(logDir, f), 'utf8').trim().split('\n'))
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .filter((ms) => Number.isFinite(ms))
      .sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    report('pgbench same SQL per submission', tps, 'tx/s', 1);
    report('pgbench p50 latency', at(0.5), 'ms', 1);
    report('pgbench p99 latency', at(0.99), 'ms', 1);
    report('HTTP / pgbench', (http.requests.average / tps) * 100, '%', 1);
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
});
