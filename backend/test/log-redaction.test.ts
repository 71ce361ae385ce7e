import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestDatabase, createTestDatabase } from '@caunoi/db/testing';
import { loadConfig } from '../src/support/config';
import { createLogger } from '../src/support/logger';
import { type RunningServer, startServer } from '../src/server';

const serverUrl = inject('databaseServerUrl');

describe('nothing secret in the logs', () => {
  const lines: string[] = [];
  let db: TestDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    db = await createTestDatabase(serverUrl);
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      SWEEP_INTERVAL_MS: '0',
      INTAKE_RETRY_MS: '0',
      SMTP_INTAKE_PORT: '-1',
      PUBLIC_RATE_LIMIT: '0',
    });
    server = await startServer({ config, orm: db.orm, logger: createLogger('info', sink) });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('keeps the Authorization header, cookies, tokens, access keys and contact data out of request logs', async () => {
    const secrets = [
      'Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.sig',
      'session=cookie-secret-123',
      'KEY9DB9UWVG',
      'nguyen.an@example.test',
      '0912345678',
      'zalo-access-token-456',
    ];
    await fetch(`${server.url}/api/cases`, { headers: { authorization: secrets[0]!, cookie: secrets[1]! } });
    await fetch(`${server.url}/api/public/cases/CN.20261201.00001?key=${secrets[2]}`);
    await fetch(`${server.url}/track?code=CN.20261201.00001&key=${secrets[2]}&lang=vi`);
    await fetch(
      `${server.url}/api/dev/mail?to=x&email=${encodeURIComponent(secrets[3]!)}&phone=${secrets[4]}&access_token=${secrets[5]}`,
    );
    // An error whose message quotes a citizen's contact data (as a failed SQL statement would).
    const { createErrorMiddleware } = await import('../src/http/error-middleware');
    const logger = createLogger('info', { write: (line: string) => lines.push(line) } as never);
    createErrorMiddleware(logger)(
      new Error(`insert into citizen values ('${secrets[3]}', '${secrets[4]}')`),
      { id: 'r1', method: 'POST', originalUrl: `/x?key=${secrets[2]}`, path: '/api/x', accepts: () => 'json' } as never,
      {
        headersSent: false,
        setHeader() {},
        status() {
          return { json() {} };
        },
      } as never,
      () => {},
    );

    await expect.poll(() => lines.filter((l) => l.includes('/track')).length).toBeGreaterThan(0);
    const log = lines.join('\n');
    expect(log).toContain('/api/public/cases/CN.20261201.00001?key=[redacted]');
    expect(log).toContain('[redacted]');
    for (const secret of secrets) expect(log, secret).not.toContain(secret);
  });
});
