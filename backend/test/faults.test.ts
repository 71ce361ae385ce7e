import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  type FaultDatabase,
  secondsUntil,
  send,
  sleep,
  spawnBackend,
  startFaultDatabase,
  submission,
} from './faults/harness';

/**
 * The fault tier: submissions under load while the database restarts, is killed, or the backend
 * is killed. What must hold: every acknowledged tracking code exists exactly once, every
 * unacknowledged submission sent again with its key becomes exactly one case, the outage is
 * answered 503 with Retry-After (never 500), and service is back within seconds. The figures are
 * printed (and collected by `npm run bench:faults`).
 */
interface Figures {
  fault: string;
  acknowledged: number;
  unacknowledged: number;
  lost: number;
  duplicated: number;
  serverErrors: number;
  unavailable: number;
  recoverySeconds: number | null;
  /** Seconds until a mail queued after recovery was sent (behind the burst's own jobs). */
  jobsSeconds?: number | null;
}
const figures: Figures[] = [];

let fdb: FaultDatabase;
beforeAll(async () => {
  fdb = await startFaultDatabase();
}, 120_000);
afterAll(async () => {
  for (const f of figures)
    console.log(
      `fault ${f.fault}: ${f.acknowledged} acknowledged, ${f.unacknowledged} sent again, ${f.lost} lost, ${f.duplicated} duplicated, ${f.serverErrors} × 500, ${f.unavailable} × 503, back in ${f.recoverySeconds ?? '—'} s${f.jobsSeconds === undefined ? '' : `, job queue through its backlog in ${f.jobsSeconds} s`}`,
    );
  await fdb?.stop();
});

/**
 * Clients that keep submitting until told to stop; what was answered, per submission.
 */
function startLoad(url: () => string, clients: number) {
  let n = 0;
  let running = true;
  const sent: Array<{
    s: ReturnType<typeof submission>;
    status: number;
    trackingCode: string | null;
    at: number;
    retryAfter: string | null;
  }> = [];
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      const s = submission((n += 1));
      const outcome = await send(url(), s, 8_000);
      sent.push({ s, ...outcome, at: Date.now() });
      if (outcome.status !== 201) await sleep(100);
    }
  });
  return {
    sent,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Sends every unacknowledged submission again with its key until each has its code; then checks the database. */
async function settle(
  fault: string,
  backendUrl: string,
  sent: ReturnType<typeof startLoad>['sent'],
  recoverySeconds: number | null,
) {
  const acknowledged = sent.filter((x) => x.status === 201);
  const unacknowledged = sent.filter((x) => x.status !== 201);
  for (const x of unacknowledged) {
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const again = await send(backendUrl, x.s);
      if (again.status === 201) {
        x.trackingCode = again.trackingCode;
        break;
      }
      await sleep(500);
    }
  }
  const codes = sent.map((x) => x.trackingCode);
  expect(
    codes.filter((c) => !c),
    'every submission has its code in the end',
  ).toEqual([]);
  const rows = await fdb.sql<{ tracking_code: string; n: number }>(
    `select tracking_code, count(*)::int as n from case_file where tracking_code = any($1) group by tracking_code`,
    [codes],
  );
  const found = new Map(rows.map((r) => [r.tracking_code, r.n]));
  const lost = acknowledged.filter((x) => !found.has(x.trackingCode!)).length;
  // One case per submission: as many distinct codes as submissions, and each key stored once.
  const perKey = await fdb.sql<{ n: number }>(
    `select count(*)::int as n from inbound_item where channel = 'portal' and split_part(external_id, ':', 6) = any($1) group by split_part(external_id, ':', 6) having count(*) > 1`,
    [sent.map((x) => x.s.key)],
  );
  const duplicated = sent.length - new Set(codes).size + perKey.length;
  const serverErrors = sent.filter((x) => x.status === 500).length;
  const unavailable = sent.filter((x) => x.status === 503).length;
  figures.push({
    fault,
    acknowledged: acknowledged.length,
    unacknowledged: unacknowledged.length,
    lost,
    duplicated,
    serverErrors,
    unavailable,
    recoverySeconds,
  });
  expect(lost, 'acknowledged submissions lost').toBe(0);
  expect(duplicated, 'submissions that became two cases').toBe(0);
  expect(serverErrors, 'answered 500 instead of 503').toBe(0);
  for (const x of sent.filter((y) => y.status === 503)) expect(x.retryAfter).toBeTruthy();
}

/**
 * The job queue works again: an acknowledgement mail queued now is sent (captured). It waits
 * behind the burst's own jobs (a unit notice and a live update per case), hence the long limit.
 */
async function jobsRunAgain(url: string): Promise<number | null> {
  const email = `after-fault-${Date.now()}@example.test`;
  const s = submission(Date.now());
  const res = await fetch(`${url}/api/public/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...s.body, name: 'Lê Văn Tám', email, consent: true }),
  });
  expect(res.status).toBe(201);
  return secondsUntil(async () => {
    const [row] = await fdb.sql(`select count(*)::int as n from captured_mail where $1 = any(recipients)`, [email]);
    return row.n > 0;
  }, 60_000);
}

/** What a stalled job queue looks like from outside: the backend's own words (not its request lines) and the jobs table. */
async function jobQueueState(backend: Backend): Promise<string> {
  const said = backend.output
    .join('')
    .split('\n')
    .filter((line) => line && !line.includes('"request completed"'))
    .slice(-40)
    .join('\n');
  const jobs = await fdb.sql(
    `select task_identifier, locked_by is not null as locked, attempts, count(*)::int as n, min(run_at) as first_run_at, max(last_error) as last_error
       from graphile_worker.jobs group by 1, 2, 3 order by 1, 2, 3`,
  );
  return `backend said:\n${said}\njobs:\n${JSON.stringify(jobs, null, 1)}`;
}

const ready = (url: string) => async () => (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) })).ok;
/** Seconds until a submission is taken again (an acknowledgement, not just a ping). */
const accepting = (url: string) => async () => (await send(url, submission(0), 2_000)).status === 201;

describe('the database restarts or dies under load', () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await spawnBackend(fdb.url);
  }, 180_000);
  afterAll(() => backend?.kill('SIGTERM'));

  it('a routine restart: 503 while it is away, nothing lost or doubled, submissions taken again within seconds', async () => {
    const load = startLoad(() => backend.url, 16);
    await sleep(2_000);
    await fdb.db.restart();
    const recovery = await secondsUntil(accepting(backend.url), 30_000);
    await sleep(1_500);
    await load.stop();
    expect(
      recovery,
      `no acknowledgement after the restart; backend said:\n${backend.output.join('').slice(-4000)}`,
    ).not.toBeNull();
    expect(await secondsUntil(ready(backend.url), 10_000)).not.toBeNull();
    await settle('PostgreSQL restart', backend.url, load.sent, recovery);
    const mailed = await jobsRunAgain(backend.url);
    if (mailed === null) expect.fail(`mail queued after the restart was not sent:\n${await jobQueueState(backend)}`);
    figures.at(-1)!.jobsSeconds = mailed;
  }, 120_000);

  it('killed with SIGKILL: the supervisor starts it again, and the backend rides through', async () => {
    const load = startLoad(() => backend.url, 16);
    await sleep(2_000);
    const killedAt = Date.now();
    process.kill(fdb.db.pid()!, 'SIGKILL');
    const databaseBack = await secondsUntil(async () => {
      await fdb.sql('select 1');
      return true;
    }, 60_000);
    expect(databaseBack, 'the supervisor started PostgreSQL again').not.toBeNull();
    const recovery = await secondsUntil(accepting(backend.url), 30_000);
    await sleep(1_500);
    await load.stop();
    expect(fdb.logs.join('\n')).toMatch(/PostgreSQL stopped unexpectedly \(it exited with SIGKILL\)/);
    expect(recovery).not.toBeNull();
    await settle('PostgreSQL SIGKILL', backend.url, load.sent, recovery);
    const mailed = await jobsRunAgain(backend.url);
    if (mailed === null) expect.fail(`mail queued after the kill was not sent:\n${await jobQueueState(backend)}`);
    figures.at(-1)!.jobsSeconds = mailed;
    expect(Date.now() - killedAt).toBeLessThan(150_000);
  }, 240_000);
});

/** The ids under which jobs are locked now, with how many each holds. */
async function jobLocks(): Promise<Map<string, number>> {
  const rows = await fdb.sql<{ locked_by: string; n: number }>(
    `select locked_by, count(*)::int as n from graphile_worker.jobs where locked_by is not null group by 1`,
  );
  return new Map(rows.map((r) => [r.locked_by, r.n]));
}

describe('the backend is killed under load', () => {
  // A lock counts as a dead process's after 3 s unvouched here (60 s by default), so the test waits seconds, not a minute.
  const env = { JOB_LOCK_STALE_MS: '3000' };

  it('SIGKILL mid-burst: a new process takes over; acknowledged codes exist once, the rest are taken when sent again; the jobs the dead one held run within seconds', async () => {
    let backend = await spawnBackend(fdb.url, env);
    let url = backend.url;
    const load = startLoad(() => url, 16);
    await sleep(2_000);
    const killedAt = Date.now();
    await backend.kill('SIGKILL');
    // What the dead process had fetched and not finished: graphile-worker alone would keep it
    // locked for four hours (a citizen's acknowledgement among it).
    const heldByTheDead = await jobLocks();
    expect(heldByTheDead.size, 'jobs locked by the killed process').toBeGreaterThan(0);
    backend = await spawnBackend(fdb.url, env);
    url = backend.url;
    const accepted = await secondsUntil(accepting(url), 30_000);
    // From the kill to the new process's first acknowledgement (most of it is the process starting).
    const recovery = accepted === null ? null : Math.round((Date.now() - killedAt) / 100) / 10;
    await sleep(1_000);
    await load.stop();
    try {
      await settle('backend SIGKILL', url, load.sent, recovery);
      const freed = await secondsUntil(async () => {
        const now = await jobLocks();
        return [...heldByTheDead.keys()].every((locker) => !now.has(locker));
      }, 30_000);
      expect(freed, `the dead process's jobs still locked:\n${await jobQueueState(backend)}`).not.toBeNull();
    } finally {
      await backend.kill('SIGTERM');
    }
  }, 240_000);

  it('SIGTERM mid-burst (a deploy): it answers what it took, hands back the jobs it fetched and exits 0', async () => {
    const backend = await spawnBackend(fdb.url, env);
    const load = startLoad(() => backend.url, 16);
    await sleep(2_000);
    // While it runs, it vouches for every id it holds jobs under: nobody frees a live process's jobs.
    const vouched = new Set(
      (await fdb.sql<{ locker_id: string }>(`select locker_id from job_locker`)).map((r) => r.locker_id),
    );
    const holding = [...(await jobLocks()).keys()];
    expect(
      holding.filter((locker) => !vouched.has(locker)),
      'lockers holding jobs that nobody vouched for',
    ).toEqual([]);
    await backend.kill('SIGTERM');
    expect(await backend.exited, backend.output.join('').slice(-3000)).toBe(0);
    // No process runs now, and no job is locked: nothing waits for a lock to go stale.
    expect(Object.fromEntries(await jobLocks())).toEqual({});
    await load.stop();
    const next = await spawnBackend(fdb.url, env);
    try {
      await settle('backend SIGTERM', next.url, load.sent, null);
    } finally {
      await next.kill('SIGTERM');
    }
  }, 240_000);
});
