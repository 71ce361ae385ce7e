export * from './entities';
export { createOrmConfig, MIGRATIONS_DIR } from './mikro-orm.config';
export { initORM, migrate, MikroORM, type EntityManager } from './orm';
export {
  startEmbeddedDatabase,
  reachableDataDir,
  takeOverShutdownSignals,
  type EmbeddedDatabase,
} from './embedded/embedded-database';
export { HASHES_AT_ONCE, hashPassword, passwordWork, verifyPassword } from './passwords';
export {
  resolveDatabase,
  databaseSettingsFromEnv,
  resolveDataDir,
  DEFAULT_EMBEDDED_PG_PORT,
  type DatabaseSettings,
  type ResolvedDatabase,
} from './embedded/resolve-database';
export { findFreePort } from './testing/free-port';
export * from './repositories';
