/**
 * Transitions through the real HTTP API: `npm run bench:transitions -w @caunoi/bench -- [cases] [concurrency]`
 * (default 2,000 cases, 16 in flight). Each transition is one transaction (row lock, version check,
 * machine, deadlines, audit hash chain, outbox rows) on an embedded PostgreSQL with fsync on. Prints
 * throughput and latency percentiles for case creation (service call) and for officers' transitions
 * (asking `Prefer: return=minimal`, as the admin UI does; then with the full case page in the
 * reply), and the database round trips each transition request made (statements the ORM sent
 * inside HTTP requests, counted by its query logger; the job worker's are not in them), and the
 * CPU time per request of this process (server, load generator and job runner) and of PostgreSQL.
 * `PROFILE=path.cpuprofile` writes a CPU profile of the accept phase; `PG_STATEMENTS=1` prints the
 * statements that took PostgreSQL's time in it (pg_stat_statements).
 */
import { createLogger, createSlaContextLoader, prepareDatabase, submitCase } from '@caunoi/backend';
import { RequestContext } from '@mikro-orm/core';
import { startBenchServer, watchStatements, withBenchDatabase } from './bench-database';
import { demoToken } from './demo-api';
import { cpuMsOf } from './process-cpu';
import { startProfile } from './cpu-profile';
import { report } from './report';

const cases = Number(process.argv[2] ?? 2_000);
const concurrency = Number(process.argv[3] ?? 16);
const logger = createLogger('silent');

/** Statements sent inside HTTP requests while `counting` (the requests run in MikroORM's request context). */
const statements = { counting: false, inRequests: 0 };
const countStatement = () => {
  if (statements.counting && RequestContext.currentRequestContext()) statements.inRequests += 1;
};

await withBenchDatabase(
  async ({ url, orm }) => {
    await prepareDatabase(orm, { databaseUrl: url, demoCases: 0, demoSeed: 1, loadDemo: true }, logger);
    // Every case here has the same words: a copy-paste campaign, whose copies the concern job
    // merges into the first one while the officers accept them (a 409 in the middle of the run).
    // The bench measures transitions, so the rule is set so that no campaign starts.
    await orm.em.getConnection().execute('update concern_surge_rule set campaign_min_cases = 1000000');
    const server = await startBenchServer({ url, orm }, logger);
    const token = await demoToken(server.url, 'canbo.badinh@caunoi.local');

    console.log(
      `Transitions: ${cases.toLocaleString('en-US')} cases, ${concurrency} in flight, embedded PostgreSQL (fsync on)`,
    );
    const loadSla = createSlaContextLoader();
    const ids: number[] = [];
    const created = await timed(cases, concurrency, async () => {
      const { caseId } = await submitCase(
        orm.em.fork(),
        loadSla,
        {
          title: 'Đường ngập nước sau mưa',
          body: 'Mưa lớn làm ngập đoạn đường trước trường học.',
          language: 'vi',
          channel: 'portal',
          categoryCode: 'road-traffic',
          provinceCode: '01',
          communeCode: '00004',
          placeText: null,
          citizen: { name: 'Nguyễn Văn An', email: 'an@example.test', phone: null },
          anonymous: false,
          receivingUnitCode: 'VPCP',
          routeToUnitCode: '00004',
          receivedAt: new Date(),
        },
        { accessKeySecret: 'bench-secret' },
      );
      ids.push(caseId);
    });
    print('create case (service, one transaction)', created);

    const post = async (id: number, body: object, minimal = true) => {
      const res = await fetch(`${server.url}/api/cases/${id}/transitions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...(minimal ? { prefer: 'return=minimal' } : {}),
        },
        body: JSON.stringify(body),
      });
      if (res.status !== 200) throw new Error(`transition ${id}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { version: number };
    };
    const versions = new Map<number, number>();
    let next = 0;
    statements.counting = true;
    const printStatements = await watchStatements(orm);
    const profiling = await startProfile();
    const accepted = await timed(ids.length, concurrency, async () => {
      const id = ids[next++]!;
      versions.set(id, (await post(id, { type: 'accept', version: 1 })).version);
    });
    await profiling?.stop();
    statements.counting = false;
    print('accept over HTTP (minimal reply)', accepted);
    report('accept: database round trips per request', statements.inRequests / ids.length, '', 1);
    await printStatements('accept, with the jobs that ran meanwhile');
    // Half the cases are answered with the new state only, half with the full case page in the reply.
    const half = Math.floor(ids.length / 2);
    next = 0;
    statements.inRequests = 0;
    statements.counting = true;
    const answered = await timed(half, concurrency, async () => {
      const id = ids[next++]!;
      await post(id, {
        type: 'respond',
        version: versions.get(id),
        answer: 'Đơn vị đã khơi thông cống, đường hết ngập.',
      });
    });
    statements.counting = false;
    print('respond over HTTP (minimal reply)', answered);
    report('respond: database round trips per request', statements.inRequests / half, '', 1);
    await printStatements('respond, minimal reply');
    statements.inRequests = 0;
    statements.counting = true;
    const answeredFull = await timed(ids.length - half, concurrency, async () => {
      const id = ids[next++]!;
      await post(
        id,
        { type: 'respond', version: versions.get(id), answer: 'Đơn vị đã khơi thông cống, đường hết ngập.' },
        false,
      );
    });
    statements.counting = false;
    print('respond over HTTP (full case page in reply)', answeredFull);
    report('respond, full page: round trips per request', statements.inRequests / (ids.length - half), '', 1);
    await printStatements('respond, full case page in the reply');
    // The notices and live updates the transitions queued, still being delivered by the same process.
    const draining = performance.now();
    await server.jobs.drain(600_000);
    report('jobs left after the load: drained in', (performance.now() - draining) / 1000, 's', 1);
    await server.stop();
  },
  { debug: ['query'], logger: countStatement },
);

interface Timing {
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU time per request (ms): this process (server, load generator, job runner) and PostgreSQL's processes. */
  cpu: { node: number; postgres: number };
}

async function timed(total: number, inFlight: number, work: () => Promise<void>): Promise<Timing> {
  const latencies: number[] = [];
  let started = 0;
  const postgresBefore = cpuMsOf({ command: 'postgres' });
  const nodeBefore = process.cpuUsage();
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (started < total) {
        started += 1;
        const t0 = performance.now();
        await work();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - begin) / 1000;
  const node = process.cpuUsage(nodeBefore);
  const cpu = {
    node: (node.user + node.system) / 1000 / total,
    postgres: (cpuMsOf({ command: 'postgres' }) - postgresBefore) / total,
  };
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: total / seconds, p50: at(0.5), p99: at(0.99), cpu };
}

function print(name: string, t: Timing): void {
  report(`${name}: throughput`, t.perSecond, '/s');
  report(`${name}: p50`, t.p50, 'ms', 1);
  report(`${name}: p99`, t.p99, 'ms', 1);
  // Both on the same 2 cores: which one the requests kept busy.
  report(`${name}: CPU per request, this process`, t.cpu.node, 'ms', 2);
  report(`${name}: CPU per request, PostgreSQL`, t.cpu.postgres, 'ms', 2);
}
