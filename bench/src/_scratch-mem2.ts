import pg from 'pg';
import { createLogger, prepareDatabase } from '@caunoi/backend';
import { foldCaseTallies } from '@caunoi/db';
import { generateDemoData } from '@caunoi/seeds';
import { withBenchDatabase } from './bench-database';
import { caseListPath, demoToken } from './demo-api';
import { residentBytes, startOwnBackend } from './own-backend';

const logger = createLogger('silent');
const cases = Number(process.argv[2] ?? 100000);
const variants: Array<[string, Record<string, string>]> = [];
for (let i = 0; i < 2; i++) variants.push(['default', {}], ['semi 8', { NODE_OPTIONS: '--max-semi-space-size=8' }]);
await withBenchDatabase(async ({ url, orm }) => {
  await prepareDatabase(orm, { databaseUrl: url, demoCases: 0, demoSeed: 1, loadDemo: true }, logger);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await generateDemoData(client, { cases, seed: 7, connectionString: url });
  await foldCaseTallies(orm.em.fork());
  await client.query('analyze');
  const { rows: sample } = await client.query(`select tracking_code from case_file order by id desc limit 1`);
  await client.end();
  for (const [name, env] of variants) {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    const own = await startOwnBackend(url);
    process.env = saved;
    let loginPeak = 0;
    let sampler = setInterval(() => (loginPeak = Math.max(loginPeak, residentBytes(own.pid))), 20);
    const gov = await demoToken(own.url, 'theodoi.vpcp@caunoi.local');
    const sup = await demoToken(own.url, 'lanhdao.hanoi@caunoi.local');
    const off = await demoToken(own.url, 'canbo.badinh@caunoi.local');
    clearInterval(sampler);
    const afterLogin = residentBytes(own.pid);
    let peak = 0;
    sampler = setInterval(() => (peak = Math.max(peak, residentBytes(own.pid))), 50);
    const get = async (t: string, p: string) => {
      const r = await fetch(`${own.url}${p}`, { headers: { authorization: `Bearer ${t}` } });
      await r.arrayBuffer();
    };
    const f = caseListPath;
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) await get(gov, '/api/reports/escalations');
    for (let i = 0; i < 20; i++) await get(gov, '/api/reports/escalations?level=unit&parentUnit=01');
    for (let i = 0; i < 20; i++) await get(gov, '/api/reports/dashboard?weeks=8');
    for (let i = 0; i < 30; i++) await get(off, f({ status: ['routed', 'inProgress'] }, '["nextDueAt","ASC"]'));
    for (let i = 0; i < 30; i++) await get(sup, f({ status: ['routed', 'inProgress'] }, '["nextDueAt","ASC"]'));
    for (let i = 0; i < 30; i++) await get(gov, f({ overdue: true }));
    for (let i = 0; i < 30; i++) await get(gov, f({ q: 'duong ngap' }));
    for (let i = 0; i < 30; i++) await get(gov, f({ q: 'den tin hieu' }));
    for (let i = 0; i < 30; i++) await get(gov, f({ q: sample[0].tracking_code }));
    const seq = performance.now() - t0;
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = 0; i < 10; i++) await get(gov, '/api/reports/dashboard?weeks=8');
      }),
    );
    const burst = performance.now() - t1;
    clearInterval(sampler);
    console.log(
      `${name}: start ${(own.rssAtStart / 1048576).toFixed(0)} MB, login peak ${(loginPeak / 1048576).toFixed(0)}, after logins ${(afterLogin / 1048576).toFixed(0)}, serving peak ${(peak / 1048576).toFixed(0)} MB, sequential ${(seq / 1000).toFixed(2)} s, burst ${(burst / 1000).toFixed(2)} s`,
    );
    await own.stop();
  }
});
