/**
 * Demo data at scale: `npm run bench:seed -- [cases]` (default 100,000) loads the reference data and
 * N demo cases into a fresh embedded PostgreSQL with fsync on (as `npm start` runs it), and prints
 * throughput, Node's peak memory and the database size.
 */
import pg from 'pg';
import {
  defaultAdminUnitsPath,
  defaultLegacyMapPath,
  generateDemoData,
  seedDemoAccounts,
  seedReferenceData,
} from '@caunoi/seeds';
import { withBenchDatabase } from './bench-database';
import { report } from './report';

const cases = Number(process.argv[2] ?? 100_000);
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

try {
  await withBenchDatabase(async ({ url }) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();

    console.log(`Demo data: ${cases.toLocaleString('en-US')} cases into embedded PostgreSQL (fsync on)`);
    let started = performance.now();
    const adminUnitsPath = defaultAdminUnitsPath();
    await seedReferenceData(client, { adminUnitsPath, legacyMapPath: defaultLegacyMapPath(adminUnitsPath) });
    report('reference data (units, legacy map, rules)', (performance.now() - started) / 1000, 's', 2);
    await seedDemoAccounts(client);

    started = performance.now();
    const result = await generateDemoData(client, {
      cases,
      seed: 7,
      asOf: new Date('2026-11-20T10:00:00+07:00'),
      connectionString: url,
    });
    const seconds = (performance.now() - started) / 1000;
    report('demo cases: total time', seconds, 's', 1);
    report('demo cases: throughput', result.cases / seconds, 'cases/s');
    report('demo events: throughput', result.events / seconds, 'events/s');
    report('demo messages written', result.messages, 'rows');
    report('node peak RSS', peakRss / 1024 / 1024, 'MiB');
    const { rows } = await client.query(`select pg_database_size(current_database()) as bytes`);
    report('database size', Number(rows[0].bytes) / 1024 / 1024, 'MiB');
    await client.end();
  });
} finally {
  clearInterval(sampler);
}
