export * from './entities';
export { createOrmConfig, MIGRATIONS_DIR } from './mikro-orm.config';
export { initORM, migrate, MikroORM, type EntityManager } from './orm';
export { startEmbeddedDatabase, reachableDataDir, type EmbeddedDatabase } from './embedded/embedded-database';
