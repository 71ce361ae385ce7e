import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '@caunoi/db';
import { findFreePort } from '@caunoi/db/testing';

/**
 * The fault tier's stage: a PostgreSQL of its own (the shared test server must not be restarted
 * under the other test files), supervised as `npm start` supervises its own, and backends run as
 * separate processes exactly as `npm start` runs them, so that they can be killed with SIGKILL.
 */
const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const AUTH_SECRET = 'fault-tier-Qm2vX9pL4rT8wZ1nB6cJ3hF5dG0sYa';

export interface FaultDatabase {
  db: EmbeddedDatabase;
  url: string;
  logs: string[];
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startFaultDatabase(): Promise<FaultDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'caunoi-faults-'));
  mkdirSync(dataDir, { recursive: true });
  const logs: string[] = [];
  const db = await startEmbeddedDatabase({
    dataDir,
    port: await findFreePort(),
    database: 'caunoi',
    ephemeral: true,
    // fsync and synchronous commit on: an acknowledged commit must survive SIGKILL, as in production.
    durable: true,
    supervise: true,
    log: (line) => logs.push(`${new Date().toISOString()} ${line}`),
  });
  return {
    db,
    url: db.url,
    logs,
    async sql(text, params = []) {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        return (await client.query(text, params)).rows;
      } finally {
        await client.end();
      }
    },
    async stop() {
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Backend {
  url: string;
  smtpPort: number;
  process: ChildProcess;
  output: string[];
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** `npm start`'s entry point against the fault database, on free ports, with the start script's node flags. */
export async function spawnBackend(databaseUrl: string, env: Record<string, string> = {}): Promise<Backend> {
  const port = await findFreePort();
  const output: string[] = [];
  // node itself with tsx as its loader (not the tsx wrapper, whose child would outlive a SIGKILL).
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=384', '--max-semi-space-size=8', '--import', 'tsx', join(REPOSITORY, 'backend/src/main.ts')],
    {
      cwd: REPOSITORY,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        AUTH_SECRET,
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        SMTP_INTAKE_PORT: '0',
        DEMO_CASES: '0',
        PUBLIC_RATE_LIMIT: '0',
        STATUS_LOOKUP_LIMIT: '0',
        LOG_LEVEL: 'info',
        DB_ACQUIRE_TIMEOUT_MS: '2000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Everything the process says goes to test-artifacts/faults too, to read after a failed run.
  const logDir = join(REPOSITORY, 'test-artifacts', 'faults');
  mkdirSync(logDir, { recursive: true });
  const logFile = createWriteStream(join(logDir, `backend-${port}.log`));
  child.stdout!.pipe(logFile);
  child.stderr!.pipe(logFile);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let smtpPort = 0;
  const ready = new Promise<void>((done, fail) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      const smtp = /Email intake\s+smtp:\/\/localhost:(\d+)/.exec(text);
      if (smtp) smtpPort = Number(smtp[1]);
      if (text.includes('CauNoi is running.')) done();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    void exited.then((code) =>
      fail(new Error(`backend exited (${code}) before it was ready:\n${output.join('').slice(-3000)}`)),
    );
  });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 120_000);
  await ready.finally(() => clearTimeout(timeout));
  return {
    url: `http://127.0.0.1:${port}`,
    smtpPort,
    process: child,
    output,
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

export function removeDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/** A submission as citizens send them, with its own Idempotency-Key. */
export function submission(n: number) {
  return {
    key: `fault-tier-${n}-${Math.random().toString(36).slice(2, 10)}`,
    body: {
      title: `Đèn đường hỏng số ${n}`,
      body: `Cột đèn số ${n} trên phố Đội Cấn đã tắt nhiều ngày, buổi tối rất nguy hiểm.`,
      categoryCode: 'road-traffic',
      provinceCode: '01',
      communeCode: '00004',
    },
  };
}

export interface SendOutcome {
  status: number;
  trackingCode: string | null;
  retryAfter: string | null;
}

export async function send(url: string, s: ReturnType<typeof submission>, timeoutMs = 10_000): Promise<SendOutcome> {
  try {
    const res = await fetch(`${url}/api/public/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': s.key },
      body: JSON.stringify(s.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as { trackingCode?: string };
    return { status: res.status, trackingCode: body.trackingCode ?? null, retryAfter: res.headers.get('retry-after') };
  } catch {
    return { status: 0, trackingCode: null, retryAfter: null };
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `probe` is true; the seconds it took, or null after `limitMs`. */
export async function secondsUntil(probe: () => Promise<boolean>, limitMs = 60_000): Promise<number | null> {
  const start = Date.now();
  while (Date.now() - start < limitMs) {
    if (await probe().catch(() => false)) return (Date.now() - start) / 1000;
    await sleep(100);
  }
  return null;
}
