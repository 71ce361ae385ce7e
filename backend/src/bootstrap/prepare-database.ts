import pg from 'pg';
import { type MikroORM, migrate } from '@caunoi/db';
import {
  countReference,
  defaultAdminUnitsPath,
  defaultLegacyMapPath,
  generateDemoData,
  seedDemoAccounts,
  seedReferenceData,
} from '@caunoi/seeds';
import type { Logger } from '../support/logger';

/** An arbitrary constant: the advisory lock that serialises start-up preparation across instances. */
const PREPARE_LOCK_KEY = 0x4361754e; // "CauN"

export interface PrepareOptions {
  databaseUrl: string;
  /** Demo cases for an empty database; 0 loads none (production). */
  demoCases: number;
  demoSeed: number;
  loadDemo: boolean;
}

export interface PrepareResult {
  migrations: string[];
  referenceLoaded: boolean;
  demoCasesLoaded: number;
}

/**
 * Brings a database to the state the server needs: migrations, then reference data when it is
 * missing (a restart does not reload it; `npm run seed:units` refreshes it), then the demo logins
 * and, on the first start of an empty database, the demo cases.
 */
export async function prepareDatabase(orm: MikroORM, options: PrepareOptions, logger: Logger): Promise<PrepareResult> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    // Several replicas start at once: one prepares, the others wait and then find nothing to do.
    await client.query('select pg_advisory_lock($1)', [PREPARE_LOCK_KEY]);
    const migrations = await migrate(orm);
    if (migrations.length) logger.info({ migrations }, `applied ${migrations.length} migration(s)`);

    let referenceLoaded = false;
    if ((await countReference(client)).provinces === 0) {
      const adminUnitsPath = defaultAdminUnitsPath();
      await seedReferenceData(client, {
        adminUnitsPath,
        legacyMapPath: defaultLegacyMapPath(adminUnitsPath),
        log: (line) => logger.info(line),
      });
      referenceLoaded = true;
    }
    let demoCasesLoaded = 0;
    if (options.loadDemo) {
      await seedDemoAccounts(client);
      const { rows } = await client.query<{ empty: boolean }>('select not exists (select 1 from case_file) as empty');
      if (rows[0]!.empty && options.demoCases > 0) {
        logger.info(`First start: loading ${options.demoCases} demo cases (seed ${options.demoSeed})…`);
        demoCasesLoaded = (
          await generateDemoData(client, {
            cases: options.demoCases,
            seed: options.demoSeed,
            connectionString: options.databaseUrl,
          })
        ).cases;
      }
    }
    return { migrations, referenceLoaded, demoCasesLoaded };
  } finally {
    await client.end(); // ending the session releases the advisory lock
  }
}
