/**
 * The sweeper at national scale: `npm run bench:sweeper -w @caunoi/bench -- [cases] [due] [rounds]`
 * (default 100,000 demo cases, 10,000 due deadlines, 3 rounds). Seeds the demo into a fresh
 * embedded PostgreSQL (fsync on); then, each round on its own copy of that database, fires the
 * `due` earliest deadlines with two sweeper instances at once, each in a process of its own as two
 * backends would run (`sweeper-instance.ts`), and prints the time, the rate, and whether each
 * deadline fired exactly once; then the median. Before the clock starts, each instance sweeps the
 * earliest `WARM_UP` (default 5,000) deadlines of a copy of its own, as a backend that has been
 * running has its code compiled; one last round runs instances just started, for a backend's
 * first sweep after a restart. Each round prints the CPU time PostgreSQL and the sweepers used
 * meanwhile. `IN_PROCESS=1` runs both instances in this process instead (one core for both),
 * `PROFILE=path.cpuprofile` profiles that run, and `SWEEP_BATCH=n` sets the cases per
 * transaction of the instances in their own processes.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Session } from 'node:inspector/promises';
import pg from 'pg';
import { createLogger, createSlaContextLoader, prepareDatabase, sweepDueCases } from '@caunoi/backend';
import { foldCaseTallies, initORM } from '@caunoi/db';
import { generateDemoData } from '@caunoi/seeds';
import { withBenchDatabase } from './bench-database';
import { report } from './report';
import { cpuMsOf } from './process-cpu';

const CASES = Number(process.argv[2] ?? 100_000);
const DUE = Number(process.argv[3] ?? 10_000);
/** Sweeps of the same work, each on a fresh copy of the seeded database (one sweep's time varies by a fifth here). */
const ROUNDS = Number(process.argv[4] ?? 3);
const logger = createLogger('silent');
/** Deadlines swept before the clock starts, on a copy of their own for each instance (0: none). */
const WARM_UP = Number(process.env.WARM_UP ?? 5_000);

await withBenchDatabase(async ({ url, orm }) => {
  await prepareDatabase(orm, { databaseUrl: url, demoCases: 0, demoSeed: 1, loadDemo: true }, logger);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  console.log(`\nSweeper: ${CASES.toLocaleString('en-US')} demo cases, embedded PostgreSQL (fsync on)`);
  await generateDemoData(client, { cases: CASES, seed: 7, connectionString: url });
  await foldCaseTallies(orm.em.fork());
  await client.query('vacuum analyze');
  // Each round sweeps its own copy of the seeded database, so every round does the same work.
  await client.end();
  await orm.close();
  const server = url.replace(/\/[^/]+$/, '');
  const seeded = url.slice(server.length + 1);
  const times: number[] = [];
  let coldSeconds = 0;
  // The rounds with warmed-up instances, then one with instances just started (a backend's first sweep).
  for (let round = 1; round <= ROUNDS + 1; round += 1) {
    const cold = round > ROUNDS;
    const name = `sweep_round_${round}`;
    await admin(server, `create database ${name} template ${seeded} strategy file_copy`);
    const roundUrl = `${server}/${name}`;
    const db = new pg.Client({ connectionString: roundUrl });
    // A failure below stops the database under this client: the failure is what to report, not that.
    db.on('error', () => {});
    await db.connect();
    // The copy's writes flushed before the clock starts (again once the instances have warmed up):
    // a checkpoint in mid-sweep is the set-up's cost.
    await db.query('checkpoint');
    const { rows } = await db.query(
      `select max(at) as at, count(*)::int as n from (select next_due_at as at from case_file
        where next_due_at is not null and status not in ('closed','rejected','merged') order by next_due_at limit ${DUE}) d`,
    );
    const at = new Date(rows[0].at);
    const { rows: before } = await db.query('select count(*)::int as n from case_event');
    // A backend that sweeps has been running: its code is compiled. Each instance first sweeps a
    // copy of its own (the earliest WARM_UP deadlines there), then the clock starts on this one.
    const warm = await warmUpCopy(server, seeded, `sweep_warm_${round}`, cold ? 0 : WARM_UP);
    const { seconds, a, b, cpu } = process.env.IN_PROCESS
      ? await inProcess(roundUrl, at, warm, () => db.query('checkpoint'))
      : await twoProcesses(roundUrl, at, warm, () => db.query('checkpoint'));
    for (const copy of warm.urls) await admin(server, `drop database ${copy.slice(server.length + 1)}`);
    const { rows: after } = await db.query('select count(*)::int as n from case_event');
    // Each fired deadline is one event; a case fired twice for the same deadline would show as two at one instant.
    const { rows: twice } = await db.query(
      `select count(*)::int as n from (select case_id, created_at from case_event where actor = 'system:sweeper'
        group by case_id, type, created_at having count(*) > 1) d`,
    );
    await db.end();
    await admin(server, `drop database ${name}`);
    const fired = a.fired + b.fired;
    if (cold) coldSeconds = seconds;
    else times.push(seconds);
    console.log(
      cold ? '\nonce more, the instances just started (no warm-up)' : `\nround ${round} of ${ROUNDS} (warmed up)`,
    );
    report('due deadlines', rows[0].n, 'deadlines', 0);
    report(`sweep, two instances (${process.env.IN_PROCESS ? 'one process' : 'two processes'})`, seconds, 's', 2);
    report('fired (instance 1 + instance 2)', fired, `deadlines (${a.fired} + ${b.fired})`, 0);
    report('rate', fired / seconds, 'deadlines/s', 0);
    // Both sides on 2 cores: the CPU each used shows which one bounds the sweep.
    report('CPU used meanwhile: PostgreSQL', cpu.postgres / 1000, 's', 2);
    report('CPU used meanwhile: the sweepers', cpu.sweepers / 1000, 's', 2);
    report('not fired (nothing due on a second look, postponed)', a.failed + b.failed, 'cases', 0);
    report('events written', after[0].n - before[0].n, 'events', 0);
    report('deadlines fired twice', twice[0].n, 'cases', 0);
  }
  const sorted = [...times].sort((x, y) => x - y);
  console.log('');
  report(`sweep, median of ${ROUNDS} rounds`, sorted[Math.floor(sorted.length / 2)]!, 's', 2);
  report('sweep, fastest / slowest', sorted[0]!, `s / ${sorted.at(-1)!.toFixed(2)} s`, 2);
  report('sweep by instances just started', coldSeconds, 's', 2);
});

interface WarmUp {
  urls: string[];
  at: Date;
}

/** One copy of the seeded database per instance, and the instant when its earliest `deadlines` are due. */
async function warmUpCopy(server: string, seeded: string, name: string, deadlines: number): Promise<WarmUp> {
  if (deadlines === 0) return { urls: [], at: new Date(0) };
  const urls: string[] = [];
  for (const copy of [`${name}_a`, `${name}_b`]) {
    await admin(server, `create database ${copy} template ${seeded} strategy file_copy`);
    urls.push(`${server}/${copy}`);
  }
  const db = new pg.Client({ connectionString: urls[0] });
  await db.connect();
  const { rows } = await db.query(
    `select max(at) as at from (select next_due_at as at from case_file where next_due_at is not null
      and status not in ('closed','rejected','merged') order by next_due_at limit ${deadlines}) d`,
  );
  await db.end();
  return { urls, at: new Date(rows[0].at) };
}

async function admin(server: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${server}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

type Fired = { fired: number; failed: number };
/** One timed sweep: what each instance fired and the CPU time each side used meanwhile (ms). */
type Sweep = { seconds: number; a: Fired; b: Fired; cpu: { postgres: number; sweepers: number } };

/** Both instances here, each with its own pool (what a test can do; one core runs both). */
async function inProcess(url: string, at: Date, warm: WarmUp, beforeStart: () => Promise<unknown>): Promise<Sweep> {
  for (const copy of warm.urls) {
    const orm = await initORM(copy, { pool: { min: 2, max: 20 } });
    await sweepDueCases(orm, createSlaContextLoader(), logger, warm.at);
    await orm.close();
  }
  await beforeStart();
  const orm = await initORM(url, { pool: { min: 2, max: 20 } });
  const other = await initORM(url, { pool: { min: 2, max: 20 } });
  const session = process.env.PROFILE ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const started = performance.now();
  const postgresBefore = cpuMsOf({ command: 'postgres' });
  const mineBefore = process.cpuUsage();
  const [a, b] = await Promise.all([
    sweepDueCases(orm, createSlaContextLoader(), logger, at),
    sweepDueCases(other, createSlaContextLoader(), logger, at),
  ]);
  const seconds = (performance.now() - started) / 1000;
  const mine = process.cpuUsage(mineBefore);
  const cpu = {
    postgres: cpuMsOf({ command: 'postgres' }) - postgresBefore,
    sweepers: (mine.user + mine.system) / 1000,
  };
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(process.env.PROFILE!, JSON.stringify(profile));
    session.disconnect();
  }
  await other.close();
  await orm.close();
  return { seconds, a, b, cpu };
}

/** Two instance processes, started together once both are connected; the time is the later one's end. */
async function twoProcesses(url: string, at: Date, warm: WarmUp, beforeStart: () => Promise<unknown>): Promise<Sweep> {
  const script = fileURLToPath(new URL('./sweeper-instance.ts', import.meta.url));
  const instances = [0, 1].map((i) => {
    const warmUp = warm.urls[i] ? [warm.urls[i]!, warm.at.toISOString()] : [];
    const child = spawn(process.execPath, ['--import', 'tsx', script, url, at.toISOString(), ...warmUp], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    // Lines as they come ('line' events; the readline async iterator missed the first one here).
    const queue: string[] = [];
    const waiting: Array<(line: string) => void> = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else queue.push(line);
    });
    child.once('exit', () => {
      for (const waiter of waiting.splice(0)) waiter('');
    });
    const next = () =>
      new Promise<string>((resolve) => {
        const line = queue.shift();
        if (line !== undefined) resolve(line);
        else waiting.push(resolve);
      });
    return { child, next };
  });
  for (const i of instances) if ((await i.next()) !== 'ready') throw new Error('a sweeper instance did not start');
  await beforeStart();
  const pids = instances.map((i) => i.child.pid!);
  const before = { postgres: cpuMsOf({ command: 'postgres' }), sweepers: cpuMsOf({ pids }) };
  const started = performance.now();
  for (const i of instances) i.child.stdin!.write('go\n');
  const [a, b] = (await Promise.all(instances.map(async (i) => JSON.parse(await i.next())))) as [Fired, Fired];
  const seconds = (performance.now() - started) / 1000;
  // Read before the instances and their database sessions end (their /proc entries go with them).
  const cpu = {
    postgres: cpuMsOf({ command: 'postgres' }) - before.postgres,
    sweepers: cpuMsOf({ pids }) - before.sweepers,
  };
  for (const i of instances) i.child.stdin!.end();
  await Promise.all(
    instances.map((i) => (i.child.exitCode !== null ? null : new Promise((done) => i.child.once('exit', done)))),
  );
  return { seconds, a, b, cpu };
}
