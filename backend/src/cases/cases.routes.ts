import type { RoutingReference } from '../routing/route-submission';
import { type RequestHandler, Router } from 'express';
import type { EntityManager, MikroORM } from '@caunoi/db';
import { AppError } from '../http/app-error';
import { z } from '@caunoi/contract';
import type { SlaContext } from '../transitions/sla-context';
import type { TransitionOutcome } from '../transitions/apply-transition';
import { createTransitionGroups } from '../transitions/transition-groups';
import type { Logger } from '../support/logger';
import { type BodyBudget, MAX_UPLOAD_BODY_BYTES } from '../http/body-budget';
import { type TTransitionResult, ZCaseListQuery, ZTransitionRequest } from '@caunoi/contract';
import { getAttachment } from './get-attachment';
import { uploadAnswerFiles } from './upload-answer-files';
import { getCase } from './get-case';
import { findSimilarToCase } from './similar-cases';
import { listCases } from './list-cases';
import { verifyCaseAudit } from './verify-audit';
import { setContentRange } from '../http/content-range';

const ZCaseId = z.object({ id: z.coerce.number().int().positive() });

export interface CaseRoutesDeps {
  orm: MikroORM;
  loadSla: (em: EntityManager) => Promise<SlaContext>;
  /** Matches counted at most (LIST_COUNT_CAP). */
  listCountCap: number;
  /** How a category routes (an officer's categorise in triage routes the case too). */
  loadRouting?: (em: EntityManager) => Promise<RoutingReference>;
  logger: Logger;
  /** Large bodies (answer files) are read within this process's memory budget for them. */
  bodies: BodyBudget;
}

/** The officers' case API (DESIGN.md §8), in the ra-data-simple-rest dialect. Thin: parse, call, map. */
export function createCaseRoutes(deps: CaseRoutesDeps, requireOfficer: RequestHandler): Router {
  const router = Router();
  router.use(requireOfficer);
  // Concurrent officers' transitions commit together (group commit); each is answered after its commit.
  const transitions = createTransitionGroups(deps);

  router.get('/', async (req, res) => {
    const page = await listCases(
      deps.orm.em.fork(),
      req.principal!,
      ZCaseListQuery.parse(req.query),
      deps.listCountCap,
    );
    setContentRange(res, 'cases', page.from, page.items.length, page.total, page.totalExact);
    res.json(page.items);
  });

  router.get('/:id', async (req, res) => {
    const { id } = ZCaseId.parse(req.params);
    const em = deps.orm.em.fork();
    res.json(await getCase(em, await deps.loadSla(em), req.principal!, id));
  });

  // Likely duplicates across channels and spellings, each with why (an officer decides).
  router.get('/:id/similar', async (req, res) => {
    const { id } = ZCaseId.parse(req.params);
    res.json(await findSimilarToCase(deps.orm.em.fork(), req.principal!, id));
  });

  router.get('/:id/attachments/:attachmentId', async (req, res) => {
    const { id } = ZCaseId.parse(req.params);
    const attachmentId = ZCaseId.parse({ id: req.params.attachmentId }).id;
    const file = await getAttachment(deps.orm.em.fork(), req.principal!, id, attachmentId);
    // Served as a download with its checked type; never rendered in our origin.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.type(file.mime).attachment(file.fileName).send(file.content);
  });

  // Files for an answer, before it is sent (multipart `files`); the answer names them by id.
  router.post('/:id/attachments', deps.bodies.raw(MAX_UPLOAD_BODY_BYTES), async (req, res) => {
    const { id } = ZCaseId.parse(req.params);
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    res
      .status(201)
      .json(await uploadAnswerFiles(deps.orm.em.fork(), req.principal!, id, raw, req.header('content-type') ?? ''));
  });

  router.post('/:id/transitions', async (req, res) => {
    const { id } = ZCaseId.parse(req.params);
    const request = ZTransitionRequest.parse(req.body ?? {});
    const outcome = await transitions.apply(req.principal!, id, request);
    // RFC 7240: a client that reloads the page anyway (the admin UI) asks for the new state only.
    if (/\breturn=minimal\b/.test(req.header('prefer') ?? '')) {
      res.setHeader('Preference-Applied', 'return=minimal');
      res.json(transitionResult(outcome));
      return;
    }
    const fresh = deps.orm.em.fork();
    try {
      res.json(await getCase(fresh, await deps.loadSla(fresh), req.principal!, id));
    } catch (error) {
      // Routing or transferring can move the case out of the actor's jurisdiction: say where it went.
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      res.json({ ...transitionResult(outcome), inYourJurisdiction: false });
    }
  });

  router.get('/:id/audit/verify', async (req, res) => {
    const { id } = ZCaseId.parse(req.params);
    res.json(await verifyCaseAudit(deps.orm.em.fork(), req.principal!, id));
  });

  return router;
}

function transitionResult(outcome: TransitionOutcome): TTransitionResult {
  return {
    id: outcome.caseId,
    trackingCode: outcome.trackingCode,
    status: outcome.status,
    version: outcome.version,
    owningUnit: { code: outcome.owningUnitCode },
  };
}
