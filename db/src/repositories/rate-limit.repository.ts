import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Request counters of the rate limits (table rate_limit_window), shared by every replica: one
 * statement counts a hit, starting a new window when the last one has passed, and answers the
 * count with the window's end.
 */
export async function hitRateLimit(
  em: EntityManager,
  key: string,
  windowMs: number,
  /** What this hit counts: 1 for a request, its size for a byte quota. */
  amount = 1,
): Promise<{ hits: number; resetAt: Date }> {
  const [row] = await em.execute<Array<{ hits: string; reset_at: Date }>>(
    `insert into rate_limit_window as w (key, hits, reset_at) values (?, ?, now() + ? * interval '1 millisecond')
     on conflict (key) do update set
       hits = case when w.reset_at <= now() then excluded.hits else w.hits + excluded.hits end,
       reset_at = case when w.reset_at <= now() then excluded.reset_at else w.reset_at end
     returning hits, reset_at`,
    [key, amount, windowMs],
  );
  return { hits: Number(row!.hits), resetAt: new Date(row!.reset_at) };
}

/** Takes one hit back (a request the limit should not count, e.g. a successful login). */
export async function unhitRateLimit(em: EntityManager, key: string): Promise<void> {
  await em.execute(`update rate_limit_window set hits = greatest(hits - 1, 0) where key = ?`, [key]);
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
