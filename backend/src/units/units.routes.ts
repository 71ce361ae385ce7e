import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import { type MikroORM, findUnitsForPicker } from '@caunoi/db';
import { jsonParam, rangeParam } from '@caunoi/contract';
import { setContentRange } from '../http/content-range';

const ZUnitQuery = z.object({
  range: rangeParam(200).optional(),
  filter: jsonParam(
    z
      .object({
        q: z.string().max(100).optional(),
        id: z.union([z.string(), z.array(z.string())]).optional(),
        level: z.string().optional(),
      })
      .strict(),
    '{"q":"ba dinh"}',
  ).optional(),
});

/**
 * `GET /api/units` for the unit pickers (transfer, route, filters): the 3,400 current units
 * searched by name or code, with or without diacritics, central bodies and provinces first. The
 * id is the unit code (ra-data-simple-rest: `filter={"q":"ba dinh"}`, `filter={"id":["01"]}`).
 */
export function createUnitRoutes(orm: MikroORM, requireOfficer: RequestHandler): Router {
  const router = Router();
  router.use(requireOfficer);
  router.get('/', async (req, res) => {
    const { range: [from, to] = [0, 24], filter = {} } = ZUnitQuery.parse(req.query);
    const { rows, total } = await findUnitsForPicker(
      orm.em.fork(),
      {
        ...(filter.id ? { codes: [filter.id].flat() } : {}),
        ...(filter.q ? { q: filter.q } : {}),
        ...(filter.level ? { level: filter.level } : {}),
      },
      { offset: from, limit: to - from + 1 },
    );
    setContentRange(res, 'units', from, rows.length, total);
    res.json(
      rows.map((r) => ({
        id: r.code,
        code: r.code,
        name: r.nameVi,
        nameEn: r.nameEn,
        level: r.level,
        parentName: r.parentName,
        label: r.parentName && r.level === 'commune' ? `${r.nameVi} — ${r.parentName}` : r.nameVi,
      })),
    );
  });
  return router;
}
