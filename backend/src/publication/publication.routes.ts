import { type RequestHandler, Router } from 'express';
import type { EntityManager, MikroORM } from '@caunoi/db';
import { ZPublishRequest, ZWithdrawPublicationRequest, z } from '@caunoi/contract';
import type { SlaContext } from '../transitions/sla-context';
import { getCasePublication, publishCaseAnswer, withdrawCasePublication } from './case-publication';

const ZCaseId = z.object({ id: z.coerce.number().int().positive() });

export interface PublicationRoutesDeps {
  orm: MikroORM;
  loadSla: (em: EntityManager) => Promise<SlaContext>;
}

/** A case's publication in the public register (`/api/cases/:id/publication`): read, publish, withdraw. Thin. */
export function createPublicationRoutes(deps: PublicationRoutesDeps, requireOfficer: RequestHandler): Router {
  // Per route, not `router.use`: this router shares /api/cases with the case routes, which agencies' keys reach too.
  const router = Router();
  const panel = async (principal: Parameters<typeof getCasePublication>[2], id: number) => {
    const em = deps.orm.em.fork();
    return getCasePublication(em, await deps.loadSla(em), principal, id);
  };

  router.get('/:id/publication', requireOfficer, async (req, res) => {
    const { id } = ZCaseId.parse(req.params);
    res.json(await panel(req.principal!, id));
  });

  router.put('/:id/publication', requireOfficer, async (req, res) => {
    const { id } = ZCaseId.parse(req.params);
    const request = ZPublishRequest.parse(req.body ?? {});
    await publishCaseAnswer(deps.orm.em.fork(), deps.loadSla, req.principal!, id, request);
    res.json(await panel(req.principal!, id));
  });

  router.delete('/:id/publication', requireOfficer, async (req, res) => {
    const { id } = ZCaseId.parse(req.params);
    const request = ZWithdrawPublicationRequest.parse(req.body ?? {});
    await withdrawCasePublication(deps.orm.em.fork(), deps.loadSla, req.principal!, id, request);
    res.json(await panel(req.principal!, id));
  });

  return router;
}
