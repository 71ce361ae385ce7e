import type { Response } from 'express';

/**
 * The react-admin list header (`Content-Range: cases 0-24/319`), in one place. An empty page gives
 * its range as `*` (RFC 9110's form for a range that covers nothing) instead of the malformed
 * `0--1/0`; the total after the slash is what react-admin reads, and `X-Total-Exact` says whether it
 * is every match or only the count cap (there are more).
 */
export function setContentRange(
  res: Response,
  resource: string,
  from: number,
  count: number,
  total: number,
  /** False when `total` is a lower bound (a capped count): `X-Total-Exact: false` says so. */
  totalExact = true,
): void {
  res.setHeader('X-Total-Exact', String(totalExact));
  res.setHeader(
    'Content-Range',
    count > 0 ? `${resource} ${from}-${from + count - 1}/${total}` : `${resource} */${total}`,
  );
}
