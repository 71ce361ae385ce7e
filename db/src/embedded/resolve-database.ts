import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedDatabase } from './embedded-database';

/** The repository's root folder, wherever the process was started from. */
const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_EMBEDDED_PG_PORT = 5488;

export interface DatabaseSettings {
  /** A PostgreSQL URL; when absent, the embedded server runs in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  embeddedPort: number;
  /** The embedded server's shared_buffers in MB (default: see `defaultSharedBuffersMb`). */
  embeddedSharedBuffersMb?: number | undefined;
  log?: (line: string) => void;
}

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** Stopping begins: resolves if an embedded server exits meanwhile (never for DATABASE_URL's). */
  beginStop(): Promise<void>;
  stop(): Promise<void>;
}

/** DATABASE_URL when given, else the embedded PostgreSQL of the project (DESIGN.md §8). */
export async function resolveDatabase(settings: DatabaseSettings): Promise<ResolvedDatabase> {
  if (settings.databaseUrl)
    return {
      url: settings.databaseUrl,
      embedded: false,
      beginStop: () => new Promise<void>(() => {}),
      stop: async () => {},
    };
  const database = await startEmbeddedDatabase({
    dataDir: settings.dataDir,
    port: settings.embeddedPort,
    database: 'caunoi',
    // npm start looks after its PostgreSQL: killed or crashed, it is started again (and the log says so).
    supervise: true,
    ...(settings.embeddedSharedBuffersMb ? { sharedBuffersMb: settings.embeddedSharedBuffersMb } : {}),
    ...(settings.log ? { log: settings.log } : {}),
  });
  return { url: database.url, embedded: true, beginStop: () => database.beginStop(), stop: () => database.stop() };
}

/**
 * The data folder of the embedded PostgreSQL, resolved the same way by every command (`npm start`,
 * `npm run seed:*`, whatever workspace npm runs them in): the default is `.data` at the
 * repository's root; a relative `DATA_DIR` is relative to where the user typed the command
 * (npm's `INIT_CWD`), not to the workspace folder npm changes into.
 */
export function resolveDataDir(dataDir: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (!dataDir) return resolve(REPOSITORY_ROOT, '.data');
  return isAbsolute(dataDir) ? dataDir : resolve(env.INIT_CWD ?? process.cwd(), dataDir);
}

/** The settings from the environment, with the documented defaults. */
export function databaseSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolveDataDir(env.DATA_DIR || undefined, env),
    embeddedPort: Number(env.EMBEDDED_PG_PORT || DEFAULT_EMBEDDED_PG_PORT),
    embeddedSharedBuffersMb: env.EMBEDDED_PG_SHARED_BUFFERS_MB ? Number(env.EMBEDDED_PG_SHARED_BUFFERS_MB) : undefined,
  };
}
