import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestDatabase, createTestDatabase } from '../src/testing';
import { executeBound, executePrepared } from '../src/repositories/bound-query';

const serverUrl = inject('databaseServerUrl');
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase(serverUrl);
});
afterAll(async () => {
  await db?.drop();
});

describe('the hot named queries keep their plans', () => {
  /** The statements prepared on the connection of one transaction, with how often each ran on it. */
  const preparedIn = (work: (tx: TestDatabase['orm']['em']) => Promise<unknown>) =>
    db.orm.em.fork().transactional(async (tx) => {
      await work(tx);
      return executeBound<{ name: string; statement: string; runs: number }>(
        tx,
        `select name, statement, (generic_plans + custom_plans)::int as runs from pg_prepared_statements where name like 'caunoi_%'`,
        [],
      );
    });

  it('prepares a marked statement once per connection, under one name for one text, and answers as a plain one would', async () => {
    const prepared = await preparedIn(async (tx) => {
      for (const n of [1, 2, 3])
        expect(await executePrepared<{ n: number }>(tx, 'select ?::int + 1 as n', [n])).toEqual([{ n: n + 1 }]);
      expect(await executeBound<{ n: number }>(tx, 'select ?::int + 2 as n', [1])).toEqual([{ n: 3 }]);
    });
    const ours = prepared.filter((p) => p.statement.includes('+ 1 as n'));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.runs).toBeGreaterThanOrEqual(3);
    // An unmarked statement stays unnamed: nothing else of ours is prepared.
    expect(prepared.some((p) => p.statement.includes('+ 2 as n'))).toBe(false);
  });

  it('survives a failed statement on the same connection: the next run prepares it again', async () => {
    await expect(
      db.orm.em.fork().transactional(async (tx) => {
        await executePrepared(tx, 'select 1 / ?::int as n', [0]);
      }),
    ).rejects.toThrow(/division by zero/);
    const answers = await db.orm.em
      .fork()
      .transactional((tx) => executePrepared<{ n: number }>(tx, 'select 1 / ?::int as n', [1]));
    expect(answers).toEqual([{ n: 1 }]);
  });
});
