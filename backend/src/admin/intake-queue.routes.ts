import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import {
  type MikroORM,
  findInboundQueue,
  findInboundRaw,
  findInboundStatus,
  findQueuedJobs,
  retryDeadJob,
} from '@caunoi/db';
import {
  INBOUND_STATUSES,
  OUTBOX_KINDS,
  OUTBOX_STATUSES,
  canSeeInboundContact,
  canWorkIntakeQueue,
} from '@caunoi/workflows';
import { jsonParam, rangeParam } from '@caunoi/contract';
import { AppError } from '../http/app-error';
import type { IntakeOutcome, IntakeProcessor } from '../intake/intake-processor';
import { setContentRange } from '../http/content-range';
import { redactInboundRaw, redactInboundRow } from './redact-inbound';
import { MAX_ATTEMPTS, MESSAGE_TASKS, TASKS, kindOfTask } from '../transitions/delivery-jobs';

const range = rangeParam(500);
const ZInboundQuery = z.object({
  range: range.optional(),
  filter: jsonParam(
    z
      .object({
        status: z.union([z.enum(INBOUND_STATUSES), z.array(z.enum(INBOUND_STATUSES))]).optional(),
        channel: z.string().optional(),
      })
      .strict(),
    '{"status":"failed"}',
  ).optional(),
});
const ZOutboxQuery = z.object({
  range: range.optional(),
  filter: jsonParam(
    z
      .object({
        status: z.union([z.enum(OUTBOX_STATUSES), z.array(z.enum(OUTBOX_STATUSES))]).optional(),
        kind: z.enum(OUTBOX_KINDS).optional(),
      })
      .strict(),
    '{"status":"dead"}',
  ).optional(),
});
const ZId = z.object({ id: z.coerce.number().int().positive() });

/**
 * The queues behind "nothing is lost" (DESIGN.md §4): inbound items that failed or were refused,
 * and messages the job queue gave up on (its failed jobs), each with its error and a retry.
 * ra-data-simple-rest dialect.
 */
export function createIntakeQueueRoutes(
  orm: MikroORM,
  processor: IntakeProcessor,
  requireOfficer: RequestHandler,
): Router {
  const router = Router();
  router.use(requireOfficer, (req, _res, next) => {
    if (!canWorkIntakeQueue(req.principal!))
      return next(
        new AppError(
          'FORBIDDEN',
          'Only administrators and the Government Office reception desk work the intake queues',
        ),
      );
    next();
  });

  router.get('/inbound', async (req, res) => {
    const { range: [from, to] = [0, 24], filter = {} } = ZInboundQuery.parse(req.query);
    const statuses = filter.status ? [filter.status].flat() : (['pending', 'failed'] as const);
    const page = await findInboundQueue(
      orm.em.fork(),
      { statuses, ...(filter.channel ? { channel: filter.channel } : {}) },
      { offset: from, limit: to - from + 1 },
    );
    setContentRange(res, 'inbound', from, page.rows.length, page.total);
    // Contact data only for whom may see that case's (workflows' canSeeInboundContact).
    res.json(
      page.rows.map(({ caseUnit, ...row }) =>
        canSeeInboundContact(req.principal!, caseUnit) ? row : redactInboundRow(row),
      ),
    );
  });

  /** The item exactly as it arrived: read it, or feed it to another tool. */
  router.get('/inbound/:id/raw', async (req, res) => {
    const { id } = ZId.parse(req.params);
    const item = await findInboundRaw(orm.em.fork(), id);
    if (!item) throw new AppError('NOT_FOUND', `No inbound item ${id}`);
    const mail = item.contentType === 'message/rfc822';
    const whole = canSeeInboundContact(req.principal!, item.caseUnit);
    res.setHeader('Content-Type', mail ? 'message/rfc822' : 'application/octet-stream');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="inbound-${id}${whole ? '' : '-redacted'}${mail ? '.eml' : '.bin'}"`,
    );
    if (!whole) res.setHeader('X-Redacted', 'contact');
    res.send(whole ? item.raw : redactInboundRaw(item.raw, item.contentType));
  });

  router.post('/inbound/:id/retry', async (req, res) => {
    const { id } = ZId.parse(req.params);
    const status = await findInboundStatus(orm.em.fork(), id);
    if (!status) throw new AppError('NOT_FOUND', `No inbound item ${id}`);
    if (status !== 'failed' && status !== 'pending')
      throw new AppError('CONFLICT', `Inbound item ${id} is ${status}; only failed or pending items are retried`);
    res.json(retryAnswer(await processor.process(id)));
  });

  router.get('/outbox', async (req, res) => {
    const { range: [from, to] = [0, 24], filter = {} } = ZOutboxQuery.parse(req.query);
    const states = filter.status ? [filter.status].flat() : (['dead'] as const);
    const tasks = filter.kind ? [TASKS[filter.kind]] : MESSAGE_TASKS;
    const page = await findQueuedJobs(orm.em.fork(), { states, tasks }, { offset: from, limit: to - from + 1 });
    setContentRange(res, 'outbox', from, page.rows.length, page.total);
    res.json(
      page.rows.map(({ task, state, runAt, jobKey: _key, maxAttempts: _max, ...row }) => ({
        ...row,
        kind: kindOfTask(task),
        status: state,
        nextAttemptAt: runAt,
      })),
    );
  });

  router.post('/outbox/:id/retry', async (req, res) => {
    const { id } = ZId.parse(req.params);
    if (!(await retryDeadJob(orm.em.fork(), id, MAX_ATTEMPTS.message)))
      throw new AppError('CONFLICT', `Outbox message ${id} is not dead; only dead messages are retried`);
    res.json({ id, status: 'pending' });
  });

  return router;
}

/** What a retry decided, for the desk: never the citizen's access key. */
function retryAnswer(outcome: IntakeOutcome) {
  switch (outcome.kind) {
    case 'case':
      return {
        kind: outcome.kind,
        caseId: outcome.caseId,
        trackingCode: outcome.trackingCode,
        status: outcome.status,
        created: outcome.created,
      };
    case 'rejected':
      return {
        kind: outcome.kind,
        error: { code: outcome.error.code, message: outcome.error.message, ...outcome.error.details },
      };
    case 'ignored':
      return { kind: outcome.kind, reason: outcome.reason };
    case 'recorded':
      return { kind: outcome.kind, note: outcome.note };
    case 'failed':
      return { kind: outcome.kind, error: outcome.error };
  }
}
