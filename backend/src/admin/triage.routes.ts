import { Router } from 'express';
import { type MikroORM, describeNewestTriageModel } from '@caunoi/db';
import type { Logger } from '../support/logger';
import type { TriageModels } from '../triage/triage-models';

/**
 * `/api/admin/triage` (administrators): the category model in use (what it learnt from, how it
 * did on held-out examples) and training it now, instead of waiting for the nightly run (after a
 * batch of corrections, or a threshold change that wants fresh figures).
 */
export function createTriageRoutes(orm: MikroORM, models: TriageModels, logger: Logger): Router {
  const router = Router();
  router.get('/model', async (_req, res) => {
    res.json(await describeNewestTriageModel(orm.em.fork()));
  });
  router.post('/train', async (req, res) => {
    const figures = await models.train();
    logger.info({ adminId: req.principal!.userId, ...figures }, 'category model trained on demand');
    res.status(201).json(figures);
  });
  return router;
}
