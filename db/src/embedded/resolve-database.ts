import { startEmbeddedDatabase } from './embedded-database';

export interface DatabaseSettings {
  /** A PostgreSQL URL; when absent, the embedded server runs in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  embeddedPort: number;
  log?: (line: string) => void;
}

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when given, else the embedded PostgreSQL of the project (DESIGN.md §8). */
export async function resolveDatabase(settings: DatabaseSettings): Promise<ResolvedDatabase> {
  if (settings.databaseUrl) return { url: settings.databaseUrl, embedded: false, stop: async () => {} };
  const database = await startEmbeddedDatabase({
    dataDir: settings.dataDir,
    port: settings.embeddedPort,
    database: 'caunoi',
    ...(settings.log ? { log: settings.log } : {}),
  });
  return { url: database.url, embedded: true, stop: () => database.stop() };
}

/** The settings from the environment, with the documented defaults. */
export function databaseSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || './.data',
    embeddedPort: Number(env.EMBEDDED_PG_PORT || 5488),
  };
}
