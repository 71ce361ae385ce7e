import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from './bound-query';

/**
 * Request counters of the rate limits (table rate_limit_window), shared by every replica: one
 * statement counts a hit, starting a new window when the last one has passed, and answers the
 * count with the window's end.
 */
export async function hitRateLimit(
  em: EntityManager,
  key: string,
  windowMs: number,
  /** What this hit counts: 1 for a request, its size for a byte quota; negative takes hits back. */
  amount = 1,
): Promise<{ hits: number; resetAt: Date }> {
  return (await hitRateLimits(em, [{ key, amount, windowMs }])).get(key)!;
}

export async function forgetRateLimit(em: EntityManager, key: string): Promise<void> {
  await em.execute(`delete from rate_limit_window where key = ?`, [key]);
}

/** Drops windows that have ended (a recurring job), so the table holds only live counters. */
export async function pruneRateLimits(em: EntityManager): Promise<number> {
  const rows = await em.execute<Array<{ n: number }>>(
    `with gone as (delete from rate_limit_window where reset_at <= now() returning 1) select count(*)::int as n from gone`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Many counters' hits in one statement (each with its own window length, keys distinct), for
 * counters kept in a process and written once a second; answers each key's count and window end
 * after the write. A count taken back never goes below 0.
 */
export async function hitRateLimits(
  em: EntityManager,
  hits: ReadonlyArray<{ key: string; amount: number; windowMs: number }>,
): Promise<Map<string, { hits: number; resetAt: Date }>> {
  if (hits.length === 0) return new Map();
  const rows = await executeBound<{ key: string; hits: string; reset_at: Date }>(
    em,
    `insert into rate_limit_window as w (key, hits, reset_at)
     select t.key, t.amount, now() + t.window_ms * interval '1 millisecond'
       from unnest(?::text[], ?::bigint[], ?::bigint[]) as t(key, amount, window_ms)
     on conflict (key) do update set
       hits = greatest(case when w.reset_at <= now() then excluded.hits else w.hits + excluded.hits end, 0),
       reset_at = case when w.reset_at <= now() then excluded.reset_at else w.reset_at end
     returning w.key, w.hits, w.reset_at`,
    [hits.map((h) => h.key), hits.map((h) => h.amount), hits.map((h) => h.windowMs)],
  );
  return new Map(rows.map((r) => [r.key, { hits: Number(r.hits), resetAt: new Date(r.reset_at) }]));
}
