import { type TestDatabase, createTestDatabase } from '@caunoi/db/testing';
import { loadConfig, ormPoolOptions, type Config } from '../src/support/config';
import { createLogger } from '../src/support/logger';
import { demoAccounts } from '@caunoi/seeds';
import { type RunningServer, startServer } from '../src/server';

export interface TestServer {
  db: TestDatabase;
  server: RunningServer;
  config: Config;
  stop(): Promise<void>;
}

/** A real server on a free port over a database of its own. */
export async function startTestServer(serverUrl: string, env: Record<string, string> = {}): Promise<TestServer> {
  // The pool is sized and timed from the same variables as in production (DB_POOL_MAX, DB_ACQUIRE_TIMEOUT_MS).
  const db = await createTestDatabase(serverUrl, ormPoolOptions(loadConfig({ NODE_ENV: 'test', ...env })));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    SWEEP_INTERVAL_MS: '0',
    INTAKE_RETRY_MS: '0',
    SMTP_INTAKE_PORT: '0',
    PUBLIC_RATE_LIMIT: '0',
    STATUS_LOOKUP_LIMIT: '0',
    LOGIN_ATTEMPT_LIMIT: '0',
    ...env,
  });
  const server = await startServer({
    config,
    orm: db.orm,
    logger: createLogger((process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent'),
    demoAccounts,
  });
  return {
    db,
    server,
    config,
    async stop() {
      await server.stop();
      await db.drop();
    },
  };
}
