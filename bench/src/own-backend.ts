/**
 * The backend on its own, started as `npm start` starts it (tsx, `main.ts`, the start script's
 * Node flags) in a process of its own, on a database a bench prepared: what its memory is when
 * nothing else shares the process.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@caunoi/db';

/** Resident set size of a process, from /proc (Linux). */
function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** The most a process's RSS reached (bytes, read every `everyMs`) while `work` ran, with what `work` answered. */
export async function peakRss<T>(
  pid: number,
  everyMs: number,
  work: () => Promise<T>,
): Promise<{ peak: number; value: T }> {
  let peak = residentBytes(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentBytes(pid));
  }, everyMs);
  try {
    const value = await work();
    return { peak: Math.max(peak, residentBytes(pid)), value };
  } finally {
    clearInterval(sampler);
  }
}

/** The backend as `npm start` runs it, on an existing database, without demo cases or schedules. */
export async function startOwnBackend(databaseUrl: string, env: Record<string, string> = {}) {
  const port = await findFreePort();
  const main = fileURLToPath(new URL('../../backend/src/main.ts', import.meta.url));
  // The Node flags `npm start` gives the backend (its heap limit), read from the root package.json.
  const start: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts.start;
  const nodeFlags =
    /\btsx((?:\s+--[\w-]+(?:=\S+)?)*)\s+backend\/src\/main\.ts/.exec(start)?.[1]?.trim().split(/\s+/) ?? [];
  // And the environment it sets for the backend (`NAME=value tsx …`: the allocator's settings).
  const startEnv = Object.fromEntries(
    (/((?:[A-Z_]+=\S+\s+)+)tsx\b/.exec(start)?.[1]?.trim().split(/\s+/) ?? []).map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
  const child = spawn(process.execPath, [...nodeFlags.filter(Boolean), '--import', 'tsx', main], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_CASES: '0',
      PUBLIC_RATE_LIMIT: '0',
      SMTP_INTAKE_PORT: '-1',
      SWEEP_INTERVAL_MS: '0',
      INTAKE_RETRY_MS: '0',
      LOG_LEVEL: 'warn',
      ...startEnv,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('CauNoi is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the backend exited (${code}) before it was ready:\n${out}`)));
  });
  child.stdout!.resume();
  const rssAtStart = residentBytes(child.pid!);
  return {
    pid: child.pid!,
    nodeFlags: [...Object.entries(startEnv).map(([k, v]) => `${k}=${v}`), ...nodeFlags],
    url: `http://127.0.0.1:${port}`,
    rssAtStart,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}
