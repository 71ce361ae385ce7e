import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { MikroORM } from '@caunoi/db';
import { jsonParam, rangeParam } from '@caunoi/contract';
import { setContentRange } from '../http/content-range';

const ZUnitQuery = z.object({
  range: rangeParam(200).optional(),
  filter: jsonParam(z.object({ q: z.string().max(100).optional(), id: z.union([z.string(), z.array(z.string())]).optional(), level: z.string().optional() }).strict(), '{"q":"ba dinh"}').optional(),
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
    const where: string[] = ['u.valid_to is null'];
    const params: unknown[] = [];
    if (filter.id) {
      const ids = [filter.id].flat();
      where.push(`u.code in (${ids.map(() => '?').join(', ')})`);
      params.push(...ids);
    }
    if (filter.q?.trim()) {
      where.push(`(caunoi_unaccent(lower(u.name_vi)) like '%' || caunoi_unaccent(lower(?)) || '%' or lower(u.code) = lower(?) or lower(u.name_en) like '%' || lower(?) || '%')`);
      params.push(filter.q.trim(), filter.q.trim(), filter.q.trim());
    }
    if (filter.level) {
      where.push('u.level = ?');
      params.push(filter.level);
    }
    const em = orm.em.fork();
    const [{ total }] = await em.execute<Array<{ total: number }>>(`select count(*)::int as total from org_unit u where ${where.join(' and ')}`, params);
    const rows = await em.execute<Array<{ code: string; name_vi: string; name_en: string; level: string; parent_name: string | null }>>(
      `select u.code, u.name_vi, u.name_en, u.level, p.name_vi as parent_name from org_unit u left join org_unit p on p.id = u.parent_id
       where ${where.join(' and ')}
       order by array_position(array['governmentOffice','ministry','ministerialAgency','province','commune']::text[], u.level::text), u.name_vi limit ? offset ?`,
      [...params, to - from + 1, from],
    );
    setContentRange(res, 'units', from, rows.length, total);
    res.json(rows.map((r) => ({ id: r.code, code: r.code, name: r.name_vi, nameEn: r.name_en, level: r.level, parentName: r.parent_name, label: r.parent_name && r.level === 'commune' ? `${r.name_vi} — ${r.parent_name}` : r.name_vi })));
  });
  return router;
}
