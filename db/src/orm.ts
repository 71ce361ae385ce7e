import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { createOrmConfig } from './mikro-orm.config';

export type { EntityManager } from '@mikro-orm/postgresql';
export { MikroORM };

/** Connects the ORM to `clientUrl`. The caller owns the instance and closes it. */
export async function initORM(clientUrl: string, overrides: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(createOrmConfig(clientUrl, overrides));
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
