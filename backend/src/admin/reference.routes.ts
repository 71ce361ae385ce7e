import { Router } from 'express';
import { z } from 'zod';
import { type MikroORM, REFERENCE_LISTS, findReferencePage } from '@caunoi/db';
import { jsonParam, rangeParam } from '@caunoi/contract';
import { AppError } from '../http/app-error';
import { setContentRange } from '../http/content-range';

const range = rangeParam(1000);

/**
 * The administrator's view of the data that drives routing and clocks (DESIGN.md §5): units,
 * categories, SLA rules, calendar days, users and Zalo OAs, in the ra-data-simple-rest dialect.
 * Read-only for now: changes go through the seeds (reference data is versioned with its sources).
 */
/** Mounted behind `requireOfficer` and the administrator check (app.ts). */
export function createReferenceRoutes(orm: MikroORM): Router {
  const router = Router();
  router.get('/:resource', async (req, res, next) => {
    const list = REFERENCE_LISTS[String(req.params.resource)];
    if (!list) return next();
    const query = z
      .object({
        range: range.optional(),
        filter: jsonParam(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), '{}').optional(),
      })
      .parse(req.query);
    const [from, to] = query.range ?? [0, 24];
    const filters = Object.fromEntries(
      Object.entries(query.filter ?? {}).map(([field, value]) => [field, String(value)]),
    );
    for (const field of Object.keys(filters)) {
      if (!list.filters[field])
        throw new AppError('VALIDATION_FAILED', `Cannot filter by ${field}`, {
          fields: [
            { field: `filter.${field}`, message: `filters here: ${Object.keys(list.filters).join(', ') || 'none'}` },
          ],
        });
    }
    const { rows, total } = await findReferencePage(orm.em.fork(), list, filters, {
      offset: from,
      limit: to - from + 1,
    });
    setContentRange(res, String(req.params.resource), from, rows.length, total);
    res.json(rows);
  });
  return router;
}
