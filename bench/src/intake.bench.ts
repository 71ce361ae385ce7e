/**
 * Intake throughput: `npm run bench:intake -w @caunoi/bench -- [seconds] [connections] [burst]`
 * (default 20 s, 50 connections, then 10 s of 500). autocannon posts JSON submissions to the real
 * `POST /api/public/submissions` (raw store, routing, case, audit, outbox, acknowledgement reply,
 * each answered after the commit that holds its case; concurrent submissions share that commit);
 * the backend's RSS is sampled meanwhile (the server runs in this process; autocannon in its own).
 * A 3 s warm-up at 10 clients comes first and is not counted.
 * Then pgbench, against the same embedded PostgreSQL for the same time and clients, runs
 * - the ceiling: one transaction per submission holding only what it must write (a case, its
 *   event, one outbox job: intake-minimal.sql), and
 * - the same SQL a submission cost when each had its own transaction (intake-transaction.sql,
 *   captured from the backend's query log before group commit).
 * `PG_STATEMENTS=1` prints the statements that took PostgreSQL's time at 50 clients.
 * The ratios say how much of the database's one-transaction-per-submission capacity the HTTP path delivers.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type autocannon from 'autocannon';
import { createRequire } from 'node:module';
import { createLogger, prepareDatabase } from '@caunoi/backend';
import { startBenchServer, watchStatements, withBenchDatabase } from './bench-database';
import { peakRss, startOwnBackend } from './own-backend';
import { cpuMsOf, endedChildrenCpuMs } from './process-cpu';
import { startProfile } from './cpu-profile';
import { countJobsDue } from '@caunoi/db';
import { report } from './report';

const seconds = Number(process.argv[2] ?? 20);
const connections = Number(process.argv[3] ?? 50);
const burst = Number(process.argv[4] ?? 500);
const logger = createLogger('silent');
const execFileAsync = promisify(execFile);
const sqlFile = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const autocannonBin = join(createRequire(import.meta.url).resolve('autocannon/package.json'), '..', 'autocannon.js');

await withBenchDatabase(async ({ url, orm }) => {
  await prepareDatabase(orm, { databaseUrl: url, demoCases: 0, demoSeed: 1, loadDemo: true }, logger);
  const server = await startBenchServer({ url, orm }, logger, {
    PUBLIC_RATE_LIMIT: '0',
    SMTP_INTAKE_PORT: '-1',
    SWEEP_INTERVAL_MS: '0',
    INTAKE_RETRY_MS: '0',
  });
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
  const load = async (clients: number, duration: number, base = server.url) =>
    JSON.parse(
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
            String(clients),
            '-d',
            String(duration),
            '-t',
            '30',
            `${base}/api/public/submissions`,
          ],
          { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
        )
      ).stdout,
    ) as autocannon.Result;
  // A warm-up that is not counted: 3 s at 10 clients, so the measured load meets a server whose
  // code is compiled and whose connections have prepared their statements, as a running one has.
  // Its jobs are delivered before the load starts.
  const warmUp = await load(Math.min(10, connections), 3);
  await server.jobs.drain(600_000);
  report('warm-up, not counted: 3 s at 10 clients', warmUp.requests.average, 'req/s', 1);
  let maxRss = 0;
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, process.memoryUsage().rss);
  }, 200);
  const printStatements = await watchStatements(orm);
  const profiling = await startProfile();
  const cpuBefore = cpuNow();
  const http = await load(connections, seconds);
  const httpCpu = cpuSince(cpuBefore, http.requests.total);
  await profiling?.stop();
  const rssAtLoad = maxRss;
  await printStatements(`intake, ${connections} clients, with the jobs that ran meanwhile`, 25);
  const flood = burst > 0 ? await load(burst, 10) : null;
  clearInterval(sampler);
  // What the submissions set off (notices, live updates, triage, concerns) must also keep up.
  const drainStarted = performance.now();
  await server.jobs.drain(600_000);
  const drainSeconds = (performance.now() - drainStarted) / 1000;
  const [{ n: cases }] = await orm.em.fork().execute<Array<{ n: number }>>(`select count(*)::int as n from case_file`);
  const [{ n: unprocessed }] = await orm.em
    .fork()
    .execute<Array<{ n: number }>>(`select count(*)::int as n from inbound_item where status <> 'processed'`);
  report(`HTTP submissions (201), ${connections} clients`, http.requests.average, 'req/s', 1);
  report('HTTP p50 latency', http.latency.p50, 'ms', 1);
  report('HTTP p99 latency', http.latency.p99, 'ms', 1);
  report('HTTP non-2xx or errors', http.non2xx + http.errors + http.timeouts, 'responses');
  reportCpu(`CPU per submission, ${connections} clients`, httpCpu, 'submissions/s');
  report('backend RSS, max during the load', rssAtLoad / 1024 / 1024, 'MB');
  report('jobs the load queued, drained after it in', drainSeconds, 's', 1);
  if (flood) {
    report(`HTTP submissions, ${burst} clients for 10 s`, flood.requests.average, 'req/s', 1);
    report(`HTTP p99 latency, ${burst} clients`, flood.latency.p99, 'ms', 1);
    report(`HTTP non-2xx or errors, ${burst} clients`, flood.non2xx + flood.errors + flood.timeouts, 'responses');
    report('backend RSS, max with the flood', maxRss / 1024 / 1024, 'MB');
  }
  report('cases created (all answered 201)', cases, 'cases');
  report('inbound items not processed', unprocessed, 'items');
  await server.stop();

  // The backend on its own, started as `npm start` starts it (tsx, main.ts) in a process of its
  // own on the same database: its resident memory under the same load, read from /proc.
  const own = await startOwnBackend(url);
  try {
    const { peak: ownRss, value: ownLoad } = await peakRss(own.pid, 200, () =>
      load(connections, Math.min(seconds, 15), own.url),
    );
    report(`backend alone: ${connections} clients`, ownLoad.requests.average, 'req/s', 1);
    report(
      `backend alone (${own.nodeFlags.join(' ') || 'no Node flags'}): RSS at start`,
      own.rssAtStart / 1024 / 1024,
      'MB',
    );
    report('backend alone: RSS, max during the load', ownRss / 1024 / 1024, 'MB');
    // Uploads: a file just under the 10 MiB limit (accepted), and 25 MB of them (refused, 413).
    for (const megabytes of [9.5, 24.5]) {
      const t0 = performance.now();
      const { peak, value: status } = await peakRss(own.pid, 50, () => upload(own.url, megabytes));
      report(`backend alone: a ${megabytes} MB upload (HTTP ${status})`, performance.now() - t0, 'ms');
      report(`backend alone: RSS, max during that upload`, peak / 1024 / 1024, 'MB');
    }
    // Four people sending 24 MB (three files each) at once: large bodies take turns (UPLOAD_MEMORY_MB).
    const t0 = performance.now();
    const { peak, value: statuses } = await peakRss(own.pid, 50, () =>
      Promise.all(Array.from({ length: 4 }, () => upload(own.url, 24, 3))),
    );
    report(
      `backend alone: 4 uploads of 24 MB at once (HTTP ${[...new Set(statuses)].join(', ')})`,
      performance.now() - t0,
      'ms',
    );
    report('backend alone: RSS, max during those uploads', peak / 1024 / 1024, 'MB');
  } finally {
    await own.stop();
  }

  // As it is deployed at scale: a web process takes the submissions (PROCESS_ROLE=web) and a
  // worker process runs the jobs they queue (notices, live updates, concerns) beside it.
  const worker = await startOwnBackend(url, { PROCESS_ROLE: 'worker' });
  const web = await startOwnBackend(url, { PROCESS_ROLE: 'web' });
  try {
    const jobsDue = async () => countJobsDue(orm.em.fork());
    /** Waits until no job is due or running, at most `seconds`; answers how many still are. */
    const drained = async (seconds: number) => {
      for (const until = Date.now() + seconds * 1000; Date.now() < until; ) {
        if ((await jobsDue()) === 0) return 0;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return jobsDue();
    };
    // What the earlier phases left queued is delivered first, so the load starts on an empty queue.
    report('web + worker: jobs left by the earlier phases, still due after 120 s', await drained(120), 'jobs');
    const cpu0 = { web: cpuMsOf({ pids: [web.pid] }), worker: cpuMsOf({ pids: [worker.pid] }) };
    const split = await load(connections, Math.min(seconds, 15), web.url);
    const submitted = split.requests.total;
    report(`web + worker processes: ${connections} clients`, split.requests.average, 'req/s', 1);
    report('web + worker: HTTP p50 latency', split.latency.p50, 'ms', 1);
    report('web + worker: HTTP p99 latency', split.latency.p99, 'ms', 1);
    report('web + worker: non-2xx or errors', split.non2xx + split.errors + split.timeouts, 'responses');
    report('web + worker: web CPU per submission', (cpuMsOf({ pids: [web.pid] }) - cpu0.web) / submitted, 'ms', 2);
    const drainStarted = performance.now();
    const left = await drained(300);
    report('web + worker: jobs still queued at the end, drained in', (performance.now() - drainStarted) / 1000, 's', 1);
    if (left) report('web + worker: jobs still due after 300 s', left, 'jobs');
    report(
      'web + worker: worker CPU per submission (during and after)',
      (cpuMsOf({ pids: [worker.pid] }) - cpu0.worker) / submitted,
      'ms',
      2,
    );
  } finally {
    await web.stop();
    await worker.stop();
  }

  const pgbench = spawnSync('pgbench', ['--version'], { encoding: 'utf8' });
  if (pgbench.status !== 0) {
    console.log('pgbench not found (Debian: apt-get install postgresql-client); the SQL-only comparison is skipped.');
    return;
  }
  // The script takes its numbers from a day far away, as intake takes each day's from its sequence.
  await orm.em.fork().execute(`create sequence if not exists tracking_20991231`);
  const runPgbench = (script: string) => {
    const logDir = mkdtempSync(join(tmpdir(), 'caunoi-pgbench-'));
    const before = cpuNow();
    try {
      const out = execFileSync(
        'pgbench',
        [
          '-n',
          '-f',
          sqlFile(script),
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
      const transactions = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1] ?? NaN);
      const cpu = cpuSince(before, transactions);
      const latencies = readdirSync(logDir)
        .flatMap((f) => readFileSync(join(logDir, f), 'utf8').trim().split('\n'))
        .map((line) => Number(line.split(' ')[2]) / 1000)
        .filter((ms) => Number.isFinite(ms))
        .sort((a, b) => a - b);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
      return { tps, p50: at(0.5), p99: at(0.99), cpu };
    } finally {
      rmSync(logDir, { recursive: true, force: true });
    }
  };
  const ceiling = runPgbench('intake-minimal.sql');
  report('pgbench ceiling: case + event + outbox, 1 tx each', ceiling.tps, 'tx/s', 1);
  report('pgbench ceiling p50 latency', ceiling.p50, 'ms', 1);
  report('pgbench ceiling p99 latency', ceiling.p99, 'ms', 1);
  reportCpu('CPU per ceiling transaction', ceiling.cpu, 'tx/s', 'pgbench');
  const same = runPgbench('intake-transaction.sql');
  report('pgbench same SQL per submission, 1 tx each', same.tps, 'tx/s', 1);
  report('pgbench same SQL p99 latency', same.p99, 'ms', 1);
  report('HTTP / pgbench ceiling', http.requests.average / ceiling.tps, '×', 2);
  report('HTTP / pgbench same SQL', http.requests.average / same.tps, '×', 2);
});

/** CPU used so far (ms): this process, PostgreSQL's processes, this process's ended children. */
function cpuNow() {
  const own = process.cpuUsage();
  return {
    own: (own.user + own.system) / 1000,
    postgres: cpuMsOf({ command: 'postgres' }),
    children: endedChildrenCpuMs(),
  };
}

/** CPU per unit of work since `before` (ms each), split by who used it. */
function cpuSince(before: ReturnType<typeof cpuNow>, units: number) {
  const now = cpuNow();
  return {
    own: (now.own - before.own) / units,
    postgres: (now.postgres - before.postgres) / units,
    loadGenerator: (now.children - before.children) / units,
  };
}

/**
 * What bounds throughput on this machine: the CPU each unit of work costs, on every side, and the
 * rate all cores could carry at that cost (cores × 1000 ms / ms per unit). When the rate measured
 * is close to that, the bound is CPU, not locks or fsyncs; the side with the most ms is the one to cut.
 */
function reportCpu(title: string, cpu: ReturnType<typeof cpuSince>, unit: string, loadGenerator = 'autocannon'): void {
  const total = cpu.own + cpu.postgres + cpu.loadGenerator;
  if (loadGenerator === 'autocannon') report(`${title}: the server and its jobs (this process)`, cpu.own, 'ms', 2);
  report(`${title}: PostgreSQL`, cpu.postgres, 'ms', 2);
  report(`${title}: the load generator (${loadGenerator})`, cpu.loadGenerator, 'ms', 2);
  report(`${title}: in all`, total, 'ms', 2);
  report(
    `${title}: what ${availableParallelism()} cores carry at that cost`,
    (availableParallelism() * 1000) / total,
    unit,
    0,
  );
}

/** A portal submission with plain-text files of about `megabytes` in all; answers the HTTP status. */
async function upload(base: string, megabytes: number, files = 1): Promise<number> {
  const line = 'Dòng ghi chép hiện trạng con đường số 5, phường Ba Đình.\n';
  const form = new FormData();
  form.set('title', 'Hồ sơ kèm biên bản đo đạc');
  form.set('body', 'Kèm theo là biên bản đo đạc hiện trạng con đường.');
  form.set('categoryCode', 'road-traffic');
  form.set('provinceCode', '01');
  form.set('communeCode', '00004');
  const text = line.repeat(Math.floor((megabytes * 1_000_000) / files / Buffer.byteLength(line)));
  for (let i = 1; i <= files; i++)
    form.append('attachments', new Blob([text], { type: 'text/plain' }), `bien-ban-${i}.txt`);
  const res = await fetch(`${base}/api/public/submissions`, { method: 'POST', body: form });
  await res.arrayBuffer();
  return res.status;
}
