import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addJobs } from '@caunoi/db';
import { type TestDatabase, createTestDatabase } from '@caunoi/db/testing';
import { createGroupCommitIntake } from '../src/intake/group-commit';
import type { IntakeProcessor } from '../src/intake/intake-processor';
import { createBackgroundGate } from '../src/jobs/background-gate';
import { defineTask, startJobRunner } from '../src/jobs/job-runner';
import { BusySignal } from '../src/support/busy-signal';
import { createLogger } from '../src/support/logger';
import { eventually } from './eventually';

const serverUrl = inject('databaseServerUrl');
/** One database for the file's stories that need one (the job runner's, the receiver's). */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(serverUrl);
});
afterAll(() => db?.drop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Work that records when it ran and how many ran beside it. */
function recorder() {
  let running = 0;
  const log: Array<{ name: string; startedAt: number; alongside: number }> = [];
  const started = performance.now();
  return {
    log,
    work:
      (name: string, ms = 5) =>
      async () => {
        running += 1;
        log.push({ name, startedAt: performance.now() - started, alongside: running - 1 });
        await sleep(ms);
        running -= 1;
        return name;
      },
  };
}

describe('the foreground is busy while it works, and a moment after', () => {
  it('is busy from enter to end and for the linger after, then quiet', () => {
    let now = 0;
    const signal = new BusySignal(100, () => now);
    expect(signal.busy()).toBe(false);
    const end = signal.enter();
    now = 1_000;
    expect(signal.busy()).toBe(true);
    end();
    // Ending twice is ending once: the count never goes below the spans still under way.
    end();
    now = 1_099;
    expect(signal.busy()).toBe(true);
    now = 1_100;
    expect(signal.busy()).toBe(false);
  });
});

describe('background work stands back while intake is busy', () => {
  it('runs at once and side by side while the foreground is quiet', async () => {
    const gate = createBackgroundGate(new BusySignal(), 1_000);
    const r = recorder();
    const t0 = performance.now();
    await Promise.all(['a', 'b', 'c'].map((n) => gate.run(r.work(n, 20))));
    expect(performance.now() - t0).toBeLessThan(500);
    expect(Math.max(...r.log.map((e) => e.alongside))).toBe(2);
  });

  it('runs one job at a time, each after the pause, while the foreground is busy; a failure does not stop the next', async () => {
    const busy = new BusySignal();
    const end = busy.enter();
    const gate = createBackgroundGate(busy, 60);
    const r = recorder();
    const failing = gate.run(async () => {
      throw new Error('a delivery failed');
    });
    const done = Promise.all(['a', 'b', 'c'].map((n) => gate.run(r.work(n))));
    await expect(failing).rejects.toThrow('a delivery failed');
    expect(await done).toEqual(['a', 'b', 'c']);
    end();
    expect(r.log.map((e) => e.alongside)).toEqual([0, 0, 0]);
    // Each started a pause after the one before it ended (the failing one's pause first).
    const starts = r.log.map((e) => e.startedAt);
    expect(starts[0]).toBeGreaterThanOrEqual(2 * 60 - 5);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(60 - 5);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(60 - 5);
  });

  it('runs at once again when the foreground has gone quiet', async () => {
    const busy = new BusySignal(10);
    busy.enter()();
    await sleep(20);
    const gate = createBackgroundGate(busy, 10_000);
    const r = recorder();
    await gate.run(r.work('now'));
    expect(r.log[0]!.startedAt).toBeLessThan(1_000);
  });

  it('with a pause of 0, never waits', async () => {
    const busy = new BusySignal();
    busy.enter();
    const gate = createBackgroundGate(busy, 0);
    const r = recorder();
    await Promise.all(['a', 'b'].map((n) => gate.run(r.work(n, 20))));
    expect(r.log.map((e) => e.alongside)).toEqual([0, 1]);
  });
});

describe('the job runner sends background tasks through the gate', () => {
  it('delivers a citizen’s job while officers’ notices queued before it wait their turns, and then delivers those too', async () => {
    const busy = new BusySignal();
    const endIntake = busy.enter();
    const r = recorder();
    const ZStory = z.object({ name: z.string(), audience: z.enum(['citizen', 'unit']) });
    const runner = await startJobRunner({
      connectionString: db.url,
      orm: db.orm,
      logger: createLogger('silent'),
      tasks: {
        storyNotice: defineTask(ZStory, async ({ name }) => void (await r.work(name)()), {
          background: (job) => job.audience === 'unit',
        }),
      },
      crontab: [],
      recurring: [],
      concurrency: 4,
      gate: createBackgroundGate(busy, 150),
    });
    try {
      const job = (name: string, audience: 'citizen' | 'unit') => ({
        task: 'storyNotice',
        payload: { name, audience },
      });
      await addJobs(
        db.orm.em.fork(),
        [1, 2, 3, 4, 5].map((i) => job(`officer ${i}`, 'unit')),
      );
      await sleep(100);
      await addJobs(db.orm.em.fork(), [job('citizen', 'citizen')]);
      await eventually(async () => (r.log.some((e) => e.name === 'citizen') ? true : null), { timeoutMs: 10_000 });
      const citizenAt = r.log.findIndex((e) => e.name === 'citizen');
      // The citizen's job did not wait behind the five notices queued before it.
      expect(citizenAt).toBeLessThan(3);
      // The notices keep going while intake stays busy, one at a time.
      await eventually(async () => (r.log.length === 6 ? true : null), { timeoutMs: 10_000 });
      expect(r.log).toHaveLength(6);
      const notices = r.log.filter((e) => e.name.startsWith('officer'));
      for (const [i, e] of notices.entries()) {
        expect(notices.slice(0, i).every((before) => before.startedAt <= e.startedAt)).toBe(true);
        if (i > 0) expect(e.startedAt - notices[i - 1]!.startedAt).toBeGreaterThanOrEqual(150 - 5);
      }
    } finally {
      endIntake();
      await runner.stop();
    }
  });
});

describe('intake says when it is busy', () => {
  it('is busy while a group is stored and processed, and quiet after the linger', async () => {
    const busy = new BusySignal(50);
    const seenWhileProcessing: boolean[] = [];
    // The receiver's own contract is under test here: the processor only notes what it saw.
    const processor = {
      processBatch: async (ids: readonly number[]) => {
        seenWhileProcessing.push(busy.busy());
        return ids.map(() => ({ kind: 'recorded', note: 'noted', replayed: false }));
      },
      process: async () => ({ kind: 'recorded', note: 'noted', replayed: false }),
    } as unknown as IntakeProcessor;
    const receiver = createGroupCommitIntake({ orm: db.orm, processor, logger: createLogger('silent'), busy });
    expect(busy.busy()).toBe(false);
    const handed = await Promise.all(
      [1, 2, 3].map((i) =>
        receiver.receive({
          channel: 'portal',
          externalId: `busy-story-${i}`,
          contentType: 'application/json',
          raw: Buffer.from(`{"n":${i}}`),
          meta: {},
          receivedAt: new Date(),
        }),
      ),
    );
    await Promise.all(handed.map((h) => h.outcome));
    await receiver.drain();
    expect(seenWhileProcessing.length).toBeGreaterThan(0);
    expect(seenWhileProcessing.every(Boolean)).toBe(true);
    await sleep(60);
    expect(busy.busy()).toBe(false);
  });
});
