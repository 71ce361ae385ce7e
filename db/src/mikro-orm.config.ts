import { fileURLToPath } from 'node:url';
import { Migrator } from '@mikro-orm/migrations';
import { type Options, defineConfig } from '@mikro-orm/postgresql';
import { entities } from './entities';
import { migrationsList } from './migrations';
import { prepareMarkedStatements } from './repositories/bound-query';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * The one ORM configuration, shared by the backend, the seeds, the tests and the migration
 * script. Entities and migrations are listed explicitly (no folder discovery), so it works the
 * same under tsx, vitest and a bundle.
 */
export function createOrmConfig(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    migrations: {
      migrationsList,
      path: MIGRATIONS_DIR,
      emit: 'ts',
      // The database is the source of truth for diffs; a snapshot file written at migrate time
      // would dirty the work tree of every deployment.
      snapshot: false,
      snapshotOnMigrate: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
    schemaGenerator: {
      // caunoi_unaccent() is written by hand in the first migration (MikroORM cannot express it).
      ignoreRoutines: true,
      // Triggers that keep derived tables (full text, case tallies) are hand-written in migrations too.
      ignoreTriggers: true,
      // Owned by the socket.io PostgreSQL adapter, and by triggers on case_file (full text, tallies): hand-written migrations.
      skipTables: [
        'socket_io_attachments',
        'case_search',
        'case_tally',
        'case_tally_delta',
        'case_tally_total',
        'reference_revision',
        'rate_limit_window',
        'webhook_subscription',
        'webhook_delivery',
        'triage_example',
        'triage_model',
        'concern_cluster',
        'case_concern',
        'concern_province',
        // The job queue's live lockers: read and written only by its named queries, next to graphile-worker's tables.
        'job_locker',
        'concern_surge_rule',
        'concern_campaign',
        'case_supporter',
        'public_answer',
      ],
      // Owned by graphile-worker, which migrates it itself (see migrate()).
      ignoreSchema: ['graphile_worker'],
    },
    // Never create a missing database behind the operator's back: a wrong DATABASE_URL, or a
    // dropped database, must fail loudly (readiness 503), not come back empty. The embedded
    // server and the tests create their databases themselves.
    ensureDatabase: false,
    pool: { min: 0, max: 10 },
    ...overrides,
    driverOptions: {
      // A request never waits forever for a pooled connection: after this it fails (the backend
      // answers 503 with Retry-After) and the pool stays usable for the requests behind it.
      connectionTimeoutMillis: 5_000,
      // No parallel plans: CauNoi's statements are many and short (lists, transitions, tallies).
      // A parallel plan's worker start-up and gather cost more than they save, and its workers
      // take the cores other requests need: a text search's first page took 98 ms parallel and
      // 18 ms serial at 100,000 cases, a supervisor's queue 27 and 17 ms at 1,000,000.
      // (Behind a pooler that refuses startup options, set it on the role: `alter role … set`.)
      options: '-c max_parallel_workers_per_gather=0',
      // The hot named queries keep their plans per connection (executePrepared).
      onPoolCreated: prepareMarkedStatements,
      ...(overrides.driverOptions as object | undefined),
    },
  });
}
