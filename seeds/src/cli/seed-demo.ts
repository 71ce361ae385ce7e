/**
 * `npm run seed:demo -- --cases N --seed S [--as-of YYYY-MM-DD]`: adds N deterministic demo cases
 * (and the demo logins) to the database. Loads the reference data first if it is missing.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { countReference, seedReferenceData } from '../seed-reference';
import { defaultAdminUnitsPath, defaultLegacyMapPath } from '../units/admin-units-file';
import { generateDemoData } from '../demo/generate-demo';
import { seedDemoAccounts } from '../demo/demo-accounts';
import { withDatabase } from './with-database';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    'as-of': { type: 'string' },
  },
});
const cases = Number(values.cases);
const seed = Number(values.seed);
if (!Number.isInteger(cases) || cases < 0) throw new Error(`--cases must be a whole number, got "${values.cases}"`);
if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`);
const asOf = values['as-of'] ? new Date(`${values['as-of']}T12:00:00+07:00`) : new Date();
if (Number.isNaN(asOf.getTime())) throw new Error(`--as-of must be a date (YYYY-MM-DD), got "${values['as-of']}"`);

await withDatabase(async (client, url) => {
  if ((await countReference(client)).provinces === 0) {
    const adminUnitsPath = defaultAdminUnitsPath();
    await seedReferenceData(client, {
      adminUnitsPath,
      legacyMapPath: defaultLegacyMapPath(adminUnitsPath),
      log: console.log,
    });
  }
  await seedDemoAccounts(client);
  const bar = new cliProgress.SingleBar(
    { format: 'Demo cases [{bar}] {value}/{total} · {duration_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(cases, 0);
  const result = await generateDemoData(client, {
    cases,
    seed,
    asOf,
    connectionString: url,
    onProgress: (done) => bar.update(done),
  });
  bar.stop();
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `Wrote ${result.cases} cases, ${result.events} events, ${result.messages} messages in ${seconds.toFixed(1)} s ` +
      `(${Math.round(result.cases / Math.max(seconds, 0.001))} cases/s). By status: ${JSON.stringify(result.byStatus)}`,
  );
});
