import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { runMigrations } from 'graphile-worker';
import { createOrmConfig } from './mikro-orm.config';
import { quietWorkerLogger } from './repositories/job-queue.repository';

export type { EntityManager } from '@mikro-orm/postgresql';
export { MikroORM };

/** Connects the ORM to `clientUrl`. The caller owns the instance and closes it. */
export async function initORM(clientUrl: string, overrides: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(createOrmConfig(clientUrl, overrides));
}

/**
 * Applies pending migrations; returns the names applied. The job queue's own schema
 * (graphile-worker's, in `graphile_worker`) comes first: case transactions add jobs to it, and our
 * migrations may move rows into it.
 */
export async function migrate(orm: MikroORM): Promise<string[]> {
  await runMigrations({ connectionString: String(orm.config.get('clientUrl')), logger: quietWorkerLogger });
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
