import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestDatabase, createTestDatabase } from '@caunoi/db/testing';
import { type SharedCounters, createSharedCounters } from '../src/http/shared-counters';

/**
 * The rate limits' counters are counted in each process while far from the limit and written to
 * PostgreSQL once a second; near the limit every hit is a statement. Two "replicas" here are two
 * counter sets on the same database, as two backends are.
 */
const serverUrl = inject('databaseServerUrl');
let db: TestDatabase;
const made: SharedCounters[] = [];
/** A replica's counters; a long sync interval, so that only the story's own flushes write. */
const replica = (syncMs = 60_000) => {
  const counters = createSharedCounters(db.orm, { syncMs });
  made.push(counters);
  return counters;
};
const inDatabase = async (key: string): Promise<number | null> => {
  const rows = await db.orm.em
    .fork()
    .execute<Array<{ hits: string }>>('select hits from rate_limit_window where key = ?', [key]);
  return rows[0] ? Number(rows[0].hits) : null;
};

beforeAll(async () => {
  db = await createTestDatabase(serverUrl);
});
afterAll(async () => {
  for (const c of made) await c.stop();
  await db?.drop();
});

describe('a replica counting hits far from the limit', () => {
  it('answers every count exactly, and writes them in one go later', async () => {
    const counters = replica();
    const answers = [];
    for (let i = 0; i < 40; i += 1) answers.push((await counters.count('story:far', 1, 1_000, 3_600_000)).hits);
    expect(answers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // The first hit was a statement (the key was new here); the other 39 wait for the write.
    expect(await inDatabase('story:far')).toBe(1);
    await counters.flush();
    expect(await inDatabase('story:far')).toBe(40);
  });

  it('counts each hit by a statement once it passes half the limit', async () => {
    const counters = replica();
    for (let i = 0; i < 5; i += 1) await counters.count('story:near', 1, 10, 3_600_000);
    expect(await inDatabase('story:near')).toBe(1);
    // The sixth would take it past half of 10: it goes with the five counted so far.
    expect((await counters.count('story:near', 1, 10, 3_600_000)).hits).toBe(6);
    expect(await inDatabase('story:near')).toBe(6);
    expect((await counters.count('story:near', 1, 10, 3_600_000)).hits).toBe(7);
    expect(await inDatabase('story:near')).toBe(7);
  });

  it('takes hits back, and forgets a key in PostgreSQL and here', async () => {
    const counters = replica();
    await counters.count('story:back', 300, 1_000, 3_600_000);
    await counters.count('story:back', 100, 1_000, 3_600_000);
    expect((await counters.count('story:back', -100, 1_000, 3_600_000)).hits).toBe(300);
    await counters.flush();
    expect(await inDatabase('story:back')).toBe(300);
    await counters.forget('story:back');
    expect(await inDatabase('story:back')).toBeNull();
    expect((await counters.count('story:back', 1, 1_000, 3_600_000)).hits).toBe(1);
  });

  it('starts over when the window has ended', async () => {
    const counters = replica();
    for (let i = 0; i < 3; i += 1) await counters.count('story:window', 1, 100, 300);
    await counters.flush();
    await new Promise((r) => setTimeout(r, 400));
    expect((await counters.count('story:window', 1, 100, 300)).hits).toBe(1);
  });

  it('writes on its own, once a sync interval has passed', async () => {
    const counters = replica(100);
    await counters.count('story:timer', 1, 1_000, 3_600_000);
    await counters.count('story:timer', 1, 1_000, 3_600_000);
    await new Promise((r) => setTimeout(r, 350));
    expect(await inDatabase('story:timer')).toBe(2);
  });
});

describe('two replicas sharing a limit', () => {
  it('let through at most half a limit more than it, and lose no hit', async () => {
    const [a, b] = [replica(), replica()];
    const limit = 20;
    let accepted = 0;
    // Both take turns until each one is refused, as an address spread over two backends would.
    const refused = new Set<SharedCounters>();
    while (refused.size < 2)
      for (const r of [a, b]) {
        if (refused.has(r)) continue;
        const { hits } = await r.count('story:shared', 1, limit, 3_600_000);
        if (hits > limit) refused.add(r);
        else accepted += 1;
      }
    expect(accepted).toBeGreaterThanOrEqual(limit);
    expect(accepted).toBeLessThanOrEqual(limit + limit / 2);
    await a.flush();
    await b.flush();
    // Every hit counted, the refused ones too (a limiter takes those back itself when it should).
    expect(await inDatabase('story:shared')).toBe(accepted + 2);
  });

  it('count hundreds of concurrent hits from both without losing one', async () => {
    const [a, b] = [replica(), replica()];
    await Promise.all(
      Array.from({ length: 400 }, (_, i) => (i % 2 ? a : b).count('story:burst', 1, 100_000, 3_600_000)),
    );
    await Promise.all([a.flush(), b.flush()]);
    expect(await inDatabase('story:burst')).toBe(400);
  });
});
