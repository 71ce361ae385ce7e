import pg from 'pg';
import { databaseSettingsFromEnv, initORM, migrate, resolveDatabase } from '@caunoi/db';

/**
 * Runs a seed command against DATABASE_URL or the project's embedded PostgreSQL (migrated first),
 * with a plain pg client for bulk loading.
 */
export async function withDatabase(work: (client: pg.Client, url: string) => Promise<void>): Promise<void> {
  const database = await resolveDatabase({ ...databaseSettingsFromEnv(), log: console.log });
  try {
    const orm = await initORM(database.url);
    await migrate(orm);
    await orm.close();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await work(client, database.url);
    } finally {
      await client.end();
    }
  } finally {
    await database.stop();
  }
}
