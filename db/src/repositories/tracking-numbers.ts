import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Tracking numbers restart every local day (CN.20261201.00001, …). Each day has a PostgreSQL
 * sequence of its own: `nextval` never waits for another transaction and is never rolled back,
 * so a case transaction takes its number on its own connection without queueing behind the
 * submission before it (a counter row updated in the transaction would hold its lock until the
 * commit) and without a second pooled connection (which deadlocks once the pool is taken).
 * A rolled-back submission leaves a gap in the day's numbers, which is harmless.
 */
export function trackingSequenceName(localDay: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(localDay)) throw new RangeError(`not an ISO date: ${localDay}`);
  return `tracking_${localDay.replaceAll('-', '')}`;
}

/**
 * Creates the day's sequence if it is missing, starting after every number already issued that
 * day (by an earlier counter, by the demo generator, or found in existing tracking codes).
 * Autocommit statements, never inside a case transaction: concurrent creators race harmlessly.
 */
export async function ensureTrackingDay(em: EntityManager, localDay: string): Promise<void> {
  const name = trackingSequenceName(localDay);
  const [exists] = await em.execute<Array<{ present: boolean }>>(`select to_regclass(?) is not null as present`, [
    name,
  ]);
  if (exists?.present) return;
  const prefix = `CN.${localDay.replaceAll('-', '')}.`;
  const [issued] = await em.execute<Array<{ last: string }>>(
    `select greatest(
       coalesce((select last_value from tracking_sequence where day = ?::date), 0),
       coalesce((select max(split_part(tracking_code, '.', 3)::bigint) from case_file where tracking_code >= ? and tracking_code < ?), 0)
     ) as last`,
    [localDay, prefix, `${prefix.slice(0, -1)}/`],
  );
  try {
    await em.execute(`create sequence if not exists ${name} start with ${Number(issued?.last ?? 0) + 1}`);
  } catch (error) {
    // Two processes creating the same day's sequence at once: one wins, the other sees a duplicate.
    if (!['23505', '42P07'].includes(String((error as { code?: string }).code))) throw error;
  }
}

/**
 * The day's next `count` numbers, inside the caller's transaction (one for a single submission,
 * a group's at once); null when the day's sequence does not exist yet (then `ensureTrackingDay`
 * outside the transaction and try again).
 */
export async function nextTrackingNumbers(
  tx: EntityManager,
  localDay: string,
  count: number,
): Promise<number[] | null> {
  const rows = await tx.execute<Array<{ n: string | null }>>(
    `select nextval(to_regclass(?)) as n from generate_series(1, ?)`,
    [trackingSequenceName(localDay), count],
  );
  if (rows.some((r) => r.n == null)) return null;
  return rows.map((r) => Number(r.n));
}
