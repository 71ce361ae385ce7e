import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, chmodSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { defaultSharedBuffersMb, startEmbeddedDatabase } from '../src/embedded/embedded-database';
import { findFreePort } from '../src/testing/free-port';

const folders: string[] = [];
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'caunoi-embedded-'));
  chmodSync(dir, 0o755); // mkdtemp makes it private; the OS user postgres must traverse it
  folders.push(dir);
  return dir;
}
afterAll(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select 1 as one')).rows[0].one;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the embedded PostgreSQL of npm start', () => {
  it('keeps its data across a stop and a start', async () => {
    const dataDir = freshDataDir();
    const port = await findFreePort();
    const first = await startEmbeddedDatabase({ dataDir, port, database: 'caunoi' });
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query(`create table kept (note text); insert into kept values ('still here')`);
    await client.end();
    await first.stop();

    const second = await startEmbeddedDatabase({ dataDir, port, database: 'caunoi' });
    const again = new pg.Client({ connectionString: second.url });
    await again.connect();
    expect((await again.query('select note from kept')).rows).toEqual([{ note: 'still here' }]);
    await again.end();
    await second.stop();
  });

  it('gives PostgreSQL a page cache sized to the machine, or the size asked for', async () => {
    const gib = 1_073_741_824;
    expect([0.5, 4, 8, 24, 256].map((g) => defaultSharedBuffersMb(g * gib))).toEqual([128, 512, 1024, 2048, 2048]);
    const database = await startEmbeddedDatabase({
      dataDir: freshDataDir(),
      port: await findFreePort(),
      database: 'caunoi',
      sharedBuffersMb: 200,
    });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    expect((await client.query('show shared_buffers')).rows[0].shared_buffers).toBe('200MB');
    await client.end();
    await database.stop();
  });

  it('starts after a crash that left a stale postmaster.pid, and says so', async () => {
    const dataDir = freshDataDir();
    const port = await findFreePort();
    const first = await startEmbeddedDatabase({ dataDir, port, database: 'caunoi' });
    await first.stop();
    const pidFile = join(first.clusterDir, 'postmaster.pid');
    writeFileSync(pidFile, `999999\n${first.clusterDir}\n0\n${port}\n`);

    const lines: string[] = [];
    const second = await startEmbeddedDatabase({ dataDir, port, database: 'caunoi', log: (l) => lines.push(l) });
    try {
      expect(lines.join('\n')).toMatch(/stale postmaster\.pid.*crashed/);
      expect(await selectOne(second.url)).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it('stops the orphan a killed npm start left running, then starts cleanly', async () => {
    const dataDir = freshDataDir();
    const port = await findFreePort();
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'fixtures/start-and-wait.ts'), dataDir, String(port)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve());
      child.on('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
    const orphanPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(isAlive(orphanPid)).toBe(true);

    const lines: string[] = [];
    const restarted = await startEmbeddedDatabase({ dataDir, port, database: 'caunoi', log: (l) => lines.push(l) });
    try {
      expect(lines.join('\n')).toContain(`PostgreSQL (pid ${orphanPid}) is still running`);
      expect(isAlive(orphanPid)).toBe(false);
      expect(await selectOne(restarted.url)).toBe(1);
    } finally {
      await restarted.stop();
    }
    expect(existsSync(pidFile)).toBe(false);
  });
});

describe('a process that uses the embedded PostgreSQL', () => {
  it('ends with the exit code it set (a failed test run must not exit 0)', async () => {
    const module = join(import.meta.dirname, '../src/embedded/embedded-database.ts');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', `await import(${JSON.stringify(module)}); process.exitCode = 3;`],
      { stdio: 'ignore' },
    );
    const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
    expect(code).toBe(3);
  });
});
