import { type Request, Router } from 'express';
import { z } from 'zod';
import { type EntityManager, type MikroORM, hashPassword } from '@caunoi/db';
import { CALENDAR_DAY_KINDS, LANGUAGES, ORG_UNIT_LEVELS, ROLES } from '@caunoi/workflows';
import { AppError } from '../http/app-error';
import type { Logger } from '../support/logger';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2027-02-06');
const ZCalendarDay = z.object({ date: isoDate, kind: z.enum(CALENDAR_DAY_KINDS), name: z.string().trim().min(2).max(200), compensate: z.boolean().default(true), active: z.boolean().default(true), verified: z.boolean().default(false), source: z.string().trim().min(3, 'cite the decision or notice'), sourceEn: z.string().trim().max(2000).default('') });
const ZSlaRuleEdit = z.object({ amount: z.number().int().min(0).max(365), remoteAreaAmount: z.number().int().min(0).max(365).nullable().optional(), maxExtensions: z.number().int().min(0).max(5), verified: z.boolean(), effectiveTo: isoDate.nullable().optional(), source: z.string().trim().min(3), sourceEn: z.string().trim().max(2000).default('') });
const ZCategoryEdit = z.object({ nameVi: z.string().trim().min(2).max(200), nameEn: z.string().trim().min(2).max(200), active: z.boolean(), responsibleUnit: z.string().nullable().optional(), defaultLevel: z.enum(ORG_UNIT_LEVELS).nullable().optional() });
const ZUserCreate = z.object({ email: z.email().max(320), name: z.string().trim().min(2).max(200), role: z.enum(ROLES), unitCode: z.string().min(1), language: z.enum(LANGUAGES).default('vi'), password: z.string().min(10, 'at least 10 characters') });
const ZUserEdit = ZUserCreate.omit({ email: true, password: true }).extend({ active: z.boolean(), password: z.string().min(10, 'at least 10 characters').optional().or(z.literal('')) });
const ZZaloOa = z.object({ oaId: z.string().regex(/^\d{6,25}$/, 'the OA id, digits'), name: z.string().trim().min(2).max(200), unitCode: z.string().min(1), appId: z.string().regex(/^\d{6,25}$/, 'the app id, digits'), oaSecretKey: z.string().min(8).optional().or(z.literal('')), appSecret: z.string().min(8).optional().or(z.literal('')), refreshToken: z.string().min(8).optional().or(z.literal('')), active: z.boolean().default(true) });

/**
 * What an administrator may change in the reference data: categories (names, the responsible
 * ministry or default level that routing uses, retirement), calendar days (confirm the yearly
 * holidays against the Prime Minister's notice), SLA rules (amounts, verification, end dates),
 * users and Zalo OAs. Every change is logged with the administrator; deadlines pick changed rules
 * and days up within a minute (the SLA context reloads every 60 s).
 */
/** Mounted behind `requireOfficer` and the administrator check (app.ts). */
export function createReferenceEditRoutes(orm: MikroORM, logger: Logger): Router {
  const router = Router();
  const audit = (req: Request, what: string, detail: Record<string, unknown>) => logger.info({ adminId: req.principal!.userId, admin: req.principal!.email, ...detail }, `reference data changed: ${what}`);

  router.get('/:resource/:id', async (req, res) => {
    const queries: Record<string, string> = {
      'calendar-days': `select date::text as id, date::text as date, kind, name, compensate, active, verified, source, source_en as "sourceEn" from calendar_day where date::text = ?`,
      categories: `select c.id, c.code, c.name_vi as "nameVi", c.name_en as "nameEn", c.active, r.code as "responsibleUnit", c.default_level as "defaultLevel" from category c left join org_unit r on r.id = c.responsible_unit_id where c.id::text = ?`,
      'sla-rules': `select id, code, amount, remote_area_amount as "remoteAreaAmount", max_extensions as "maxExtensions", verified, effective_to::text as "effectiveTo", source, source_en as "sourceEn" from sla_rule where id::text = ?`,
      users: `select a.id, a.email, a.name, a.role, u.code as "unitCode", a.language, a.active from app_user a join org_unit u on u.id = a.unit_id where a.id::text = ?`,
      'zalo-oas': `select z.id, z.oa_id as "oaId", z.name, u.code as "unitCode", z.app_id as "appId", z.active from zalo_oa z join org_unit u on u.id = z.unit_id where z.id::text = ?`,
    };
    const sql = queries[String(req.params.resource)];
    if (!sql) throw new AppError('NOT_FOUND', `No editable resource ${req.params.resource}`);
    const [row] = await orm.em.fork().execute(sql, [String(req.params.id)]);
    if (!row) throw new AppError('NOT_FOUND', `No ${req.params.resource} ${req.params.id}`);
    res.json(row);
  });

  router.post('/calendar-days', async (req, res) => {
    const day = ZCalendarDay.parse(req.body);
    await orm.em.fork().execute(`insert into calendar_day (date, kind, name, compensate, active, verified, source, source_en) values (?, ?, ?, ?, ?, ?, ?, ?)`, [day.date, day.kind, day.name, day.compensate, day.active, day.verified, day.source, day.sourceEn]).catch(conflict(`a calendar day ${day.date} exists; edit it`));
    audit(req, 'calendar day added', { day });
    res.status(201).json({ id: day.date, ...day });
  });
  router.put('/calendar-days/:date', async (req, res) => {
    const day = ZCalendarDay.parse({ ...req.body, date: req.params.date });
    await updateOne(orm.em.fork(), `update calendar_day set kind = ?, name = ?, compensate = ?, active = ?, verified = ?, source = ?, source_en = ? where date::text = ?`, [day.kind, day.name, day.compensate, day.active, day.verified, day.source, day.sourceEn, day.date], `calendar day ${day.date}`);
    audit(req, 'calendar day edited', { day });
    res.json({ id: day.date, ...day });
  });

  router.put('/categories/:id', async (req, res) => {
    const category = ZCategoryEdit.parse(req.body);
    const em = orm.em.fork();
    const responsibleUnitId = category.responsibleUnit ? await unitIdOf(em, category.responsibleUnit) : null;
    await updateOne(em, `update category set name_vi = ?, name_en = ?, active = ?, responsible_unit_id = ?, default_level = ? where id::text = ?`, [category.nameVi, category.nameEn, category.active, responsibleUnitId, category.defaultLevel ?? null, String(req.params.id)], `category ${req.params.id}`);
    audit(req, 'category edited', { categoryId: req.params.id, category });
    res.json({ id: Number(req.params.id), ...category });
  });

  router.put('/sla-rules/:id', async (req, res) => {
    const rule = ZSlaRuleEdit.parse(req.body);
    await updateOne(orm.em.fork(), `update sla_rule set amount = ?, remote_area_amount = ?, max_extensions = ?, verified = ?, effective_to = ?, source = ?, source_en = ? where id::text = ?`, [rule.amount, rule.remoteAreaAmount ?? null, rule.maxExtensions, rule.verified, rule.effectiveTo ?? null, rule.source, rule.sourceEn, String(req.params.id)], `SLA rule ${req.params.id}`);
    audit(req, 'SLA rule edited', { ruleId: req.params.id, rule });
    res.json({ id: Number(req.params.id), ...rule });
  });

  router.post('/users', async (req, res) => {
    const user = ZUserCreate.parse(req.body);
    const em = orm.em.fork();
    const unitId = await unitIdOf(em, user.unitCode);
    const [row] = await em
      .execute<Array<{ id: number }>>(`insert into app_user (email, name, password_hash, role, unit_id, language, active, created_at) values (lower(?), ?, ?, ?, ?, ?, true, now()) returning id`, [user.email, user.name, await hashPassword(user.password), user.role, unitId, user.language])
      .catch(conflict(`a user with the email ${user.email} exists`));
    audit(req, 'user added', { userId: row!.id, email: user.email, role: user.role, unitCode: user.unitCode });
    res.status(201).json({ id: row!.id, email: user.email.toLowerCase(), name: user.name, role: user.role, unitCode: user.unitCode, language: user.language, active: true });
  });
  router.put('/users/:id', async (req, res) => {
    const user = ZUserEdit.parse(req.body);
    if (String(req.principal!.userId) === String(req.params.id) && (!user.active || user.role !== 'admin')) {
      throw new AppError('VALIDATION_FAILED', 'You cannot lock yourself out', { fields: [{ field: user.active ? 'role' : 'active', message: 'another administrator must change your own role or deactivate you' }] });
    }
    const em = orm.em.fork();
    const unitId = await unitIdOf(em, user.unitCode);
    const passwordHash = user.password ? await hashPassword(user.password) : null;
    await updateOne(em, `update app_user set name = ?, role = ?, unit_id = ?, language = ?, active = ?, password_hash = coalesce(?, password_hash) where id::text = ?`, [user.name, user.role, unitId, user.language, user.active, passwordHash, String(req.params.id)], `user ${req.params.id}`);
    audit(req, 'user edited', { userId: req.params.id, role: user.role, unitCode: user.unitCode, active: user.active, passwordReset: !!passwordHash });
    const { password: _password, ...rest } = user;
    res.json({ id: Number(req.params.id), ...rest });
  });

  router.post('/zalo-oas', async (req, res) => {
    const oa = ZZaloOa.parse(req.body);
    if (!oa.oaSecretKey || !oa.appSecret) throw new AppError('VALIDATION_FAILED', 'Secrets are required for a new OA', { fields: [{ field: oa.oaSecretKey ? 'appSecret' : 'oaSecretKey', message: 'copy it from the Zalo developer console' }] });
    const em = orm.em.fork();
    const [row] = await em
      .execute<Array<{ id: number }>>(`insert into zalo_oa (oa_id, name, unit_id, app_id, oa_secret_key, app_secret, refresh_token, active, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, now()) returning id`, [oa.oaId, oa.name, await unitIdOf(em, oa.unitCode), oa.appId, oa.oaSecretKey, oa.appSecret, oa.refreshToken || null, oa.active])
      .catch(conflict(`the OA ${oa.oaId} is already configured`));
    audit(req, 'Zalo OA added', { oaId: oa.oaId, unitCode: oa.unitCode });
    res.status(201).json({ id: row!.id, oaId: oa.oaId, name: oa.name, unitCode: oa.unitCode, appId: oa.appId, active: oa.active });
  });
  router.put('/zalo-oas/:id', async (req, res) => {
    const oa = ZZaloOa.parse(req.body);
    const em = orm.em.fork();
    // Secrets are write-only: an empty field keeps the stored one; a new refresh token restarts the chain.
    await updateOne(
      em,
      `update zalo_oa set name = ?, unit_id = ?, app_id = ?, active = ?, oa_secret_key = coalesce(nullif(?, ''), oa_secret_key), app_secret = coalesce(nullif(?, ''), app_secret),
         refresh_token = coalesce(nullif(?, ''), refresh_token), access_token = case when nullif(?, '') is null then access_token else null end where id::text = ?`,
      [oa.name, await unitIdOf(em, oa.unitCode), oa.appId, oa.active, oa.oaSecretKey ?? '', oa.appSecret ?? '', oa.refreshToken ?? '', oa.refreshToken ?? '', String(req.params.id)],
      `Zalo OA ${req.params.id}`,
    );
    audit(req, 'Zalo OA edited', { zaloOaId: req.params.id, unitCode: oa.unitCode, active: oa.active, secretsChanged: !!(oa.oaSecretKey || oa.appSecret), reauthorised: !!oa.refreshToken });
    res.json({ id: Number(req.params.id), oaId: oa.oaId, name: oa.name, unitCode: oa.unitCode, appId: oa.appId, active: oa.active });
  });

  return router;
}

async function unitIdOf(em: EntityManager, code: string): Promise<number> {
  const [unit] = await em.execute<Array<{ id: number }>>('select id from org_unit where code = ? and valid_to is null', [code]);
  if (!unit) throw new AppError('VALIDATION_FAILED', 'Invalid unitCode', { fields: [{ field: 'unitCode', message: `no current unit has the code ${code}` }] });
  return unit.id;
}

async function updateOne(em: EntityManager, sql: string, params: unknown[], what: string): Promise<void> {
  const result = (await em.execute(sql, params, 'run')) as { affectedRows?: number };
  if (!result.affectedRows) throw new AppError('NOT_FOUND', `No ${what}`);
}

function conflict(message: string): (error: unknown) => never {
  return (error) => {
    if ((error as { code?: string }).code === '23505' || /unique|duplicate/i.test(String((error as Error).message))) throw new AppError('CONFLICT', message);
    throw error;
  };
}
