import { type Request, Router } from 'express';
import {
  ZCalendarDayEdit as ZCalendarDay,
  ZCategoryEdit,
  ZSlaRuleEdit,
  ZUserCreate,
  ZUserEdit,
  ZZaloOaEdit as ZZaloOa,
} from '@caunoi/contract';
import {
  type EntityManager,
  type MikroORM,
  addCalendarDay,
  addUser,
  addZaloOa,
  findCurrentUnitId,
  findReferenceRow,
  hashPassword,
  unlockAccount,
  updateCalendarDay,
  updateCategory,
  updateSlaRule,
  updateUser,
  updateZaloOa,
} from '@caunoi/db';
import { AppError } from '../http/app-error';
import type { Logger } from '../support/logger';

/**
 * What an administrator may change in the reference data: categories (names, the responsible
 * ministry or default level that routing uses, retirement), calendar days (confirm the yearly
 * holidays against the Prime Minister's notice), SLA rules (amounts, verification, end dates),
 * users and Zalo OAs. Every change is logged with the administrator; deadlines pick changed rules
 * and days up within a minute (the SLA context reloads every 60 s).
 */
/** Mounted behind `requireOfficer` and the administrator check (app.ts). */
export function createReferenceEditRoutes(
  orm: MikroORM,
  logger: Logger,
  forgetAccount: (userId: number) => void,
): Router {
  const router = Router();
  const audit = (req: Request, what: string, detail: Record<string, unknown>) =>
    logger.info(
      { adminId: req.principal!.userId, admin: req.principal!.email, ...detail },
      `reference data changed: ${what}`,
    );

  router.get('/:resource/:id', async (req, res) => {
    const row = await findReferenceRow(orm.em.fork(), String(req.params.resource), String(req.params.id));
    if (!row) throw new AppError('NOT_FOUND', `No ${req.params.resource} ${req.params.id}`);
    res.json(row);
  });

  router.post('/calendar-days', async (req, res) => {
    const day = ZCalendarDay.parse(req.body);
    await addCalendarDay(orm.em.fork(), day).catch(conflict(`a calendar day ${day.date} exists; edit it`));
    audit(req, 'calendar day added', { day });
    res.status(201).json({ id: day.date, ...day });
  });
  router.put('/calendar-days/:date', async (req, res) => {
    const day = ZCalendarDay.parse({ ...req.body, date: req.params.date });
    found(await updateCalendarDay(orm.em.fork(), day), `calendar day ${day.date}`);
    audit(req, 'calendar day edited', { day });
    res.json({ id: day.date, ...day });
  });

  router.put('/categories/:id', async (req, res) => {
    const category = ZCategoryEdit.parse(req.body);
    const em = orm.em.fork();
    const responsibleUnitId = category.responsibleUnit ? await unitIdOf(em, category.responsibleUnit) : null;
    found(
      await updateCategory(em, String(req.params.id), {
        nameVi: category.nameVi,
        nameEn: category.nameEn,
        active: category.active,
        responsibleUnitId,
        defaultLevel: category.defaultLevel ?? null,
        suggestionThreshold: category.suggestionThreshold ?? null,
        answerApproval: category.answerApproval ?? null,
      }),
      `category ${req.params.id}`,
    );
    audit(req, 'category edited', { categoryId: req.params.id, category });
    res.json({ id: Number(req.params.id), ...category });
  });

  router.put('/sla-rules/:id', async (req, res) => {
    const rule = ZSlaRuleEdit.parse(req.body);
    found(
      await updateSlaRule(orm.em.fork(), String(req.params.id), {
        ...rule,
        remoteAreaAmount: rule.remoteAreaAmount ?? null,
        effectiveTo: rule.effectiveTo ?? null,
      }),
      `SLA rule ${req.params.id}`,
    );
    audit(req, 'SLA rule edited', { ruleId: req.params.id, rule });
    res.json({ id: Number(req.params.id), ...rule });
  });

  router.post('/users', async (req, res) => {
    const user = ZUserCreate.parse(req.body);
    const em = orm.em.fork();
    const unitId = await unitIdOf(em, user.unitCode);
    const id = await addUser(em, {
      email: user.email,
      name: user.name,
      passwordHash: await hashPassword(user.password),
      role: user.role,
      unitId,
      language: user.language,
    }).catch(conflict(`a user with the email ${user.email} exists`));
    audit(req, 'user added', { userId: id, email: user.email, role: user.role, unitCode: user.unitCode });
    res.status(201).json({
      id,
      email: user.email.toLowerCase(),
      name: user.name,
      role: user.role,
      unitCode: user.unitCode,
      language: user.language,
      active: true,
    });
  });
  router.put('/users/:id', async (req, res) => {
    const user = ZUserEdit.parse(req.body);
    if (String(req.principal!.userId) === String(req.params.id) && (!user.active || user.role !== 'admin')) {
      throw new AppError('VALIDATION_FAILED', 'You cannot lock yourself out', {
        fields: [
          {
            field: user.active ? 'role' : 'active',
            message: 'another administrator must change your own role or deactivate you',
          },
        ],
      });
    }
    const em = orm.em.fork();
    const unitId = await unitIdOf(em, user.unitCode);
    const passwordHash = user.password ? await hashPassword(user.password) : null;
    found(
      await updateUser(em, String(req.params.id), {
        name: user.name,
        role: user.role,
        unitId,
        language: user.language,
        active: user.active,
        passwordHash,
      }),
      `user ${req.params.id}`,
    );
    forgetAccount(Number(req.params.id));
    audit(req, 'user edited', {
      userId: req.params.id,
      role: user.role,
      unitCode: user.unitCode,
      active: user.active,
      passwordReset: !!passwordHash,
    });
    const { password: _password, ...rest } = user;
    res.json({ id: Number(req.params.id), ...rest });
  });

  // A lock earned by failed logins (auth/login.ts) is lifted by an administrator.
  router.post('/users/:id/unlock', async (req, res) => {
    found(await unlockAccount(orm.em.fork(), Number(req.params.id) || 0), `user ${req.params.id}`);
    audit(req, 'user unlocked', { userId: req.params.id });
    res.json({ id: Number(req.params.id), failedLogins: 0, lockedUntil: null });
  });

  router.post('/zalo-oas', async (req, res) => {
    const oa = ZZaloOa.parse(req.body);
    if (!oa.oaSecretKey || !oa.appSecret)
      throw new AppError('VALIDATION_FAILED', 'Secrets are required for a new OA', {
        fields: [
          { field: oa.oaSecretKey ? 'appSecret' : 'oaSecretKey', message: 'copy it from the Zalo developer console' },
        ],
      });
    const em = orm.em.fork();
    const unitId = await unitIdOf(em, oa.unitCode);
    const id = await addZaloOa(em, {
      oaId: oa.oaId,
      name: oa.name,
      unitId,
      appId: oa.appId,
      oaSecretKey: oa.oaSecretKey,
      appSecret: oa.appSecret,
      refreshToken: oa.refreshToken ?? '',
      active: oa.active,
    }).catch(conflict(`the OA ${oa.oaId} is already configured`));
    audit(req, 'Zalo OA added', { oaId: oa.oaId, unitCode: oa.unitCode });
    res
      .status(201)
      .json({ id, oaId: oa.oaId, name: oa.name, unitCode: oa.unitCode, appId: oa.appId, active: oa.active });
  });
  router.put('/zalo-oas/:id', async (req, res) => {
    const oa = ZZaloOa.parse(req.body);
    const em = orm.em.fork();
    const unitId = await unitIdOf(em, oa.unitCode);
    // Secrets are write-only: an empty field keeps the stored one; a new refresh token restarts the chain.
    found(
      await updateZaloOa(em, String(req.params.id), {
        name: oa.name,
        unitId,
        appId: oa.appId,
        active: oa.active,
        oaSecretKey: oa.oaSecretKey ?? '',
        appSecret: oa.appSecret ?? '',
        refreshToken: oa.refreshToken ?? '',
      }),
      `Zalo OA ${req.params.id}`,
    );
    audit(req, 'Zalo OA edited', {
      zaloOaId: req.params.id,
      unitCode: oa.unitCode,
      active: oa.active,
      secretsChanged: !!(oa.oaSecretKey || oa.appSecret),
      reauthorised: !!oa.refreshToken,
    });
    res.json({
      id: Number(req.params.id),
      oaId: oa.oaId,
      name: oa.name,
      unitCode: oa.unitCode,
      appId: oa.appId,
      active: oa.active,
    });
  });

  return router;
}

async function unitIdOf(em: EntityManager, code: string): Promise<number> {
  const unit = await findCurrentUnitId(em, code);
  if (unit === null)
    throw new AppError('VALIDATION_FAILED', 'Invalid unitCode', {
      fields: [{ field: 'unitCode', message: `no current unit has the code ${code}` }],
    });
  return unit;
}

function found(updated: boolean, what: string): void {
  if (!updated) throw new AppError('NOT_FOUND', `No ${what}`);
}

function conflict(message: string): (error: unknown) => never {
  return (error) => {
    if ((error as { code?: string }).code === '23505' || /unique|duplicate/i.test(String((error as Error).message)))
      throw new AppError('CONFLICT', message);
    throw error;
  };
}
