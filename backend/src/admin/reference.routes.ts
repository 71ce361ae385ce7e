import { Router } from 'express';
import { z } from 'zod';
import type { MikroORM } from '@caunoi/db';
import { jsonParam, rangeParam } from '@caunoi/contract';
import { AppError } from '../http/app-error';
import { setContentRange } from '../http/content-range';

const range = rangeParam(1000);

interface ReferenceList {
  /** Columns as `sql expression as "dtoField"`; the first is the react-admin id. */
  select: string;
  from: string;
  order: string;
  /** Filter fields → a SQL condition with one `?` each. */
  filters: Record<string, (value: string) => { sql: string; params: unknown[] }>;
}

const LISTS: Record<string, ReferenceList> = {
  'org-units': {
    select: `u.code as "id", u.code as "code", u.name_vi as "nameVi", u.name_en as "nameEn", u.level as "level", u.kind as "kind", p.code as "parentCode",
             u.is_remote_area as "isRemoteArea", u.intake_aliases as "intakeAliases", (select count(*)::int from org_unit c where c.parent_id = u.id and c.valid_to is null) as "childCount"`,
    from: 'org_unit u left join org_unit p on p.id = u.parent_id where u.valid_to is null',
    order: `array_position(array['governmentOffice','ministry','ministerialAgency','province','commune']::text[], u.level::text), u.name_vi`,
    filters: {
      parentCode: (v) => ({ sql: 'p.code = ?', params: [v] }),
      q: (v) => ({ sql: `(caunoi_unaccent(lower(u.name_vi)) like '%' || caunoi_unaccent(lower(?)) || '%' or u.code = ?)`, params: [v, v] }),
      level: (v) => ({ sql: 'u.level = ?', params: [v] }),
    },
  },
  categories: {
    select: `c.id as "id", c.code as "code", c.name_vi as "nameVi", c.name_en as "nameEn", c.legal_track as "legalTrack", c.sector as "sector", r.code as "responsibleUnit", c.default_level as "defaultLevel", c.active as "active"`,
    from: 'category c left join org_unit r on r.id = c.responsible_unit_id where true',
    order: 'c.sort_order, c.name_vi',
    filters: {},
  },
  'sla-rules': {
    select: `s.id as "id", s.code as "code", s.legal_track as "legalTrack", c.code as "category", c.name_vi as "categoryNameVi", c.name_en as "categoryNameEn", s.clock as "clock", s.amount as "amount", s.unit as "unit", s.remote_area_amount as "remoteAreaAmount",
             s.extension_amount as "extensionAmount", s.max_extensions as "maxExtensions", s.source as "source", s.source_en as "sourceEn", s.verified as "verified", s.effective_from::text as "effectiveFrom", s.effective_to::text as "effectiveTo"`,
    from: 'sla_rule s left join category c on c.id = s.category_id where true',
    order: 's.legal_track nulls last, s.clock, s.effective_from',
    filters: { clock: (v) => ({ sql: 's.clock = ?', params: [v] }) },
  },
  'calendar-days': {
    select: `d.date::text as "id", d.date::text as "date", d.kind as "kind", d.name as "name", d.compensate as "compensate", d.active as "active", d.verified as "verified", d.source as "source", d.source_en as "sourceEn"`,
    from: 'calendar_day d where true',
    order: 'd.date',
    filters: { year: (v) => ({ sql: `extract(year from d.date) = ?`, params: [Number(v)] }), verified: (v) => ({ sql: 'd.verified = ?', params: [v === 'true'] }) },
  },
  users: {
    select: `a.id as "id", a.email as "email", a.name as "name", a.role as "role", u.code as "unitCode", u.name_vi as "unitName", a.language as "language", a.active as "active", a.last_login_at as "lastLoginAt"`,
    from: 'app_user a join org_unit u on u.id = a.unit_id where true',
    order: 'u.path, a.role, a.name',
    filters: { role: (v) => ({ sql: 'a.role = ?', params: [v] }), unitCode: (v) => ({ sql: 'u.code = ?', params: [v] }) },
  },
  'zalo-oas': {
    select: `z.id as "id", z.oa_id as "oaId", z.name as "name", u.code as "unitCode", u.name_vi as "unitName", z.app_id as "appId", z.active as "active", z.token_expires_at as "tokenExpiresAt", (z.refresh_token is not null) as "authorised"`,
    from: 'zalo_oa z join org_unit u on u.id = z.unit_id where true',
    order: 'z.id',
    filters: {},
  },
};

/**
 * The administrator's view of the data that drives routing and clocks (DESIGN.md §5): units,
 * categories, SLA rules, calendar days, users and Zalo OAs, in the ra-data-simple-rest dialect.
 * Read-only for now: changes go through the seeds (reference data is versioned with its sources).
 */
/** Mounted behind `requireOfficer` and the administrator check (app.ts). */
export function createReferenceRoutes(orm: MikroORM): Router {
  const router = Router();
  router.get('/:resource', async (req, res, next) => {
    const list = LISTS[String(req.params.resource)];
    if (!list) return next();
    const query = z.object({ range: range.optional(), filter: jsonParam(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), '{}').optional() }).parse(req.query);
    const [from, to] = query.range ?? [0, 24];
    const conditions: string[] = [];
    const params: unknown[] = [];
    for (const [field, value] of Object.entries(query.filter ?? {})) {
      const make = list.filters[field];
      if (!make) throw new AppError('VALIDATION_FAILED', `Cannot filter by ${field}`, { fields: [{ field: `filter.${field}`, message: `filters here: ${Object.keys(list.filters).join(', ') || 'none'}` }] });
      const condition = make(String(value));
      conditions.push(condition.sql);
      params.push(...condition.params);
    }
    const where = `${list.from}${conditions.map((c) => ` and ${c}`).join('')}`;
    const em = orm.em.fork();
    const [{ total }] = await em.execute<Array<{ total: number }>>(`select count(*)::int as total from ${where}`, params);
    const rows = await em.execute<Array<Record<string, unknown>>>(`select ${list.select} from ${where} order by ${list.order} limit ? offset ?`, [...params, to - from + 1, from]);
    setContentRange(res, String(req.params.resource), from, rows.length, total);
    res.json(rows);
  });
  return router;
}
