/**
 * The history plan at small scale: `npm run bench:partitioning -w @caunoi/bench -- [cases]`
 * (default 50,000). Seeds demo cases whose histories cross a year (received from October 2025 to
 * March 2026), serves them, and reads the officers' lists, the summaries, case pages with their
 * timelines and audit verifications through the real HTTP API. Then, with the server running, it
 * turns `case_event` into a table partitioned by year of `created_at` (the plan in the README's
 * scale section), reads the same again and compares every answer, then writes through the
 * partitioned table (transitions, a new submission) and verifies those chains. Prints the
 * timings before and after, and fails if any answer differs.
 */
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { createLogger, prepareDatabase } from '@caunoi/backend';
import { foldCaseTallies } from '@caunoi/db';
import { generateDemoData } from '@caunoi/seeds';
import { startBenchServer, withBenchDatabase } from './bench-database';
import { caseListPath, demoToken } from './demo-api';
import { report } from './report';

const cases = Number(process.argv[2] ?? 50_000);
const logger = createLogger('silent');
const RUNS = 15;

/** The plan for case_event: yearly range partitions, keys that include the partition key. */
export const PARTITION_CASE_EVENT = [
  'alter table case_event rename to case_event_unpartitioned',
  `create table case_event (like case_event_unpartitioned including defaults including constraints)
     partition by range (created_at)`,
  `create table case_event_y2025 partition of case_event for values from ('2025-01-01 00:00+07') to ('2026-01-01 00:00+07')`,
  `create table case_event_y2026 partition of case_event for values from ('2026-01-01 00:00+07') to ('2027-01-01 00:00+07')`,
  `create table case_event_y2027 partition of case_event for values from ('2027-01-01 00:00+07') to ('2028-01-01 00:00+07')`,
  // Anything outside the years made so far lands here until its year's partition is made.
  'create table case_event_later partition of case_event default',
  'insert into case_event select * from case_event_unpartitioned',
  'alter sequence case_event_id_seq owned by case_event.id',
  'drop table case_event_unpartitioned',
  // A unique key of a partitioned table includes the partition key; the writer's row lock on the
  // case is what keeps (case, seq) unique; this index is the backstop and serves the chain's
  // lookup of a case's last link (each partition's index, merged).
  'alter table case_event add primary key (id, created_at)',
  'alter table case_event add constraint case_event_case_seq_unique unique (case_id, seq, created_at)',
  'create index case_event_type_created_at_index on case_event (type, created_at)',
  'alter table case_event add constraint case_event_case_id_foreign foreign key (case_id) references case_file (id)',
  `alter table case_event add constraint case_event_actor_user_id_foreign foreign key (actor_user_id)
     references app_user (id) on delete set null`,
  'analyze case_event',
];

await withBenchDatabase(async ({ url, orm }) => {
  await prepareDatabase(orm, { databaseUrl: url, demoCases: 0, demoSeed: 1, loadDemo: true }, logger);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let started = performance.now();
  await generateDemoData(client, {
    cases,
    seed: 5,
    asOf: new Date('2026-03-01T10:00:00+07:00'),
    connectionString: url,
  });
  report(
    `seed ${cases.toLocaleString('en-US')} cases (Oct 2025 – Mar 2026)`,
    (performance.now() - started) / 1000,
    's',
    1,
  );
  await foldCaseTallies(orm.em.fork());
  await client.query('analyze');
  const { rows: years } = await client.query(
    `select extract(year from created_at at time zone 'Asia/Ho_Chi_Minh')::int as year, count(*)::int as n
     from case_event group by 1 order by 1`,
  );
  console.log(`events by year: ${years.map((y) => `${y.year}: ${y.n.toLocaleString('en-US')}`).join(', ')}`);

  const server = await startBenchServer({ url, orm }, logger, { SWEEP_INTERVAL_MS: '0' });
  try {
    const token = (email: string) => demoToken(server.url, email);
    const gov = await token('theodoi.vpcp@caunoi.local');
    const supervisor = await token('lanhdao.hanoi@caunoi.local');
    const officer = await token('canbo.badinh@caunoi.local');
    const call = async (t: string, path: string, init: RequestInit = {}) => {
      const res = await fetch(`${server.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json', ...init.headers },
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<any>;
    };
    const f = caseListPath;
    const { rows: sampled } = await client.query(
      `select id from case_file where owning_unit_id = (select id from org_unit where code = '00004') order by id limit 20`,
    );
    const sample = sampled.map((r) => Number(r.id));
    const probes: Array<[string, () => Promise<unknown>]> = [
      ['summary, national by province', () => call(gov, '/api/reports/escalations')],
      ['summary, Hà Nội by unit', () => call(gov, '/api/reports/escalations?level=unit&parentUnit=01')],
      ['dashboard (summary + 8-week trend)', () => call(gov, '/api/reports/dashboard?weeks=8')],
      [
        'list: officer queue, open',
        () => call(officer, f({ status: ['routed', 'inProgress'] }, '["nextDueAt","ASC"]')),
      ],
      [
        'list: supervisor subtree',
        () => call(supervisor, f({ status: ['routed', 'inProgress'] }, '["nextDueAt","ASC"]')),
      ],
      ['list: national, overdue', () => call(gov, f({ overdue: true }))],
      ['list: full text "duong ngap"', () => call(gov, f({ q: 'duong ngap' }))],
      ['case pages with timelines (20)', () => Promise.all(sample.map((id) => call(officer, `/api/cases/${id}`)))],
      [
        'audit verifications (20)',
        () => Promise.all(sample.map((id) => call(officer, `/api/cases/${id}/audit/verify`))),
      ],
    ];
    /** Each probe's answer and p50; the generation time of a report is not part of its answer. */
    const measure = async () => {
      const results = new Map<string, { answer: unknown; p50: number }>();
      for (const [name, probe] of probes) {
        const times: number[] = [];
        let answer: unknown;
        for (let i = 0; i < RUNS; i += 1) {
          const t0 = performance.now();
          answer = withoutGeneratedAt(await probe());
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        results.set(name, { answer, p50: times[Math.floor(RUNS / 2)]! });
      }
      return results;
    };
    const before = await measure();

    started = performance.now();
    await client.query('begin');
    for (const statement of PARTITION_CASE_EVENT) await client.query(statement);
    await client.query('commit');
    report('partition case_event by year (in one transaction)', (performance.now() - started) / 1000, 's', 1);
    const { rows: parts } = await client.query(
      `select c.relname as name, (select count(*) from case_event e where e.tableoid = c.oid)::int as n
       from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'case_event'::regclass order by 1`,
    );
    console.log(`partitions: ${parts.map((p) => `${p.name} ${p.n.toLocaleString('en-US')}`).join(', ')}`);

    const after = await measure();
    let differing = 0;
    console.log(`${'probe'.padEnd(44)} ${'p50 before'.padStart(12)} ${'p50 after'.padStart(12)}  same answer`);
    for (const [name] of probes) {
      const a = before.get(name)!;
      const b = after.get(name)!;
      const same = isDeepStrictEqual(a.answer, b.answer);
      if (!same) differing += 1;
      console.log(
        `${name.padEnd(44)} ${`${a.p50.toFixed(1)} ms`.padStart(12)} ${`${b.p50.toFixed(1)} ms`.padStart(12)}  ${same ? 'yes' : 'NO'}`,
      );
    }

    // Writes go through the partitioned table: officers' transitions and a citizen's submission.
    const open = await call(officer, f({ status: ['routed'] }));
    let transitions = 0;
    for (const item of open.slice(0, 10)) {
      await call(officer, `/api/cases/${item.id}/transitions`, {
        method: 'POST',
        headers: { prefer: 'return=minimal' },
        body: JSON.stringify({ type: 'accept', version: item.version }),
      });
      transitions += 1;
    }
    const submitted = await fetch(`${server.url}/api/public/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Đèn đường hỏng sau khi chia bảng',
        body: 'Ba cột đèn trên ngõ 5 đã tắt hơn hai tuần.',
        categoryCode: 'road-traffic',
        provinceCode: '01',
        communeCode: '00004',
      }),
    });
    const { trackingCode } = (await submitted.json()) as { trackingCode: string };
    const { rows: written } = await client.query(`select id from case_file where id = any($1) or tracking_code = $2`, [
      open.slice(0, 10).map((i: { id: number }) => i.id),
      trackingCode,
    ]);
    const verdicts = await Promise.all(written.map((r) => call(gov, `/api/cases/${r.id}/audit/verify`)));
    const chainsOk = verdicts.filter((v) => v.ok).length;
    report('after partitioning: transitions written', transitions, '');
    report('after partitioning: submission', submitted.status, '(HTTP status)');
    report('after partitioning: audit chains verified', chainsOk, `of ${verdicts.length}`);
    report('answers that differ after partitioning', differing, `of ${probes.length}`);
    if (differing > 0 || chainsOk !== verdicts.length || submitted.status !== 201) process.exitCode = 1;
  } finally {
    await server.stop();
    await client.end();
  }
});

function withoutGeneratedAt(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutGeneratedAt);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'generatedAt')
        .map(([key, v]) => [key, withoutGeneratedAt(v)]),
    );
  return value;
}
