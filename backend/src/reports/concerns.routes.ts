import { type RequestHandler, Router } from 'express';
import {
  type MikroORM,
  findCaseRows,
  findConcernCaseIds,
  findCurrentUnitId,
  listConcerns,
  loadSurgeRule,
  saveSurgeRule,
  updateConcern,
} from '@caunoi/db';
import { z } from '@caunoi/contract';
import { ZConcernUpdate, ZSurgeRule } from '@caunoi/contract';
import { AppError } from '../http/app-error';
import { toCaseListItemDto } from '../cases/case-dtos';
import type { Logger } from '../support/logger';

const ZId = z.object({ id: z.coerce.number().int().positive() });
const ZConcernQuery = z.object({
  minSize: z.coerce.number().int().min(1).max(1000).default(2),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * `/api/reports/concerns` (the Government Office and administrators, behind requireRole):
 * the emerging concerns, fastest growing first; the cases behind one (no citizen data); naming one
 * and giving it a lead unit; the surge rule (when the Government Office is alerted), as data.
 */
export function createConcernRoutes(orm: MikroORM, requireOversight: RequestHandler[], logger: Logger): Router {
  const router = Router();
  router.use(...requireOversight);
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  router.get('/', async (req, res) => {
    const query = ZConcernQuery.parse(req.query);
    const rows = await listConcerns(orm.em.fork(), query);
    res.json(rows.map((r) => ({ ...r, surgedAt: iso(r.surgedAt), lastCaseAt: iso(r.lastCaseAt)! })));
  });
  router.get('/surge-rule', async (_req, res) => {
    res.json(await loadSurgeRule(orm.em.fork()));
  });
  router.put('/surge-rule', async (req, res) => {
    const rule = ZSurgeRule.parse(req.body);
    const saved = await saveSurgeRule(orm.em.fork(), rule);
    logger.info({ userId: req.principal!.userId, ...saved }, 'surge rule changed');
    res.json(saved);
  });
  router.get('/:id/cases', async (req, res) => {
    const { id } = ZId.parse(req.params);
    const em = orm.em.fork();
    const rows = await findCaseRows(em, await findConcernCaseIds(em, id));
    res.json(rows.map((row) => toCaseListItemDto(row, { includeContact: false })));
  });
  router.put('/:id', async (req, res) => {
    const { id } = ZId.parse(req.params);
    const change = ZConcernUpdate.parse(req.body);
    const em = orm.em.fork();
    const leadUnitId = change.leadUnitCode ? await findCurrentUnitId(em, change.leadUnitCode) : null;
    if (change.leadUnitCode && leadUnitId === null)
      throw new AppError('VALIDATION_FAILED', 'Invalid leadUnitCode', {
        fields: [{ field: 'leadUnitCode', message: `no current unit has the code ${change.leadUnitCode}` }],
      });
    if (!(await updateConcern(em, id, { label: change.label || null, leadUnitId })))
      throw new AppError('NOT_FOUND', `No concern ${id}`);
    logger.info({ userId: req.principal!.userId, concernId: id, ...change }, 'concern named');
    const [row] = await listConcerns(em, { minSize: 1, ids: [id] });
    res.json(row ? { ...row, surgedAt: iso(row.surgedAt), lastCaseAt: iso(row.lastCaseAt)! } : { id });
  });
  return router;
}
