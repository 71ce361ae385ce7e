import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { MikroORM } from '@caunoi/db';
import { INBOUND_STATUSES, OUTBOX_KINDS, OUTBOX_STATUSES, canWorkIntakeQueue } from '@caunoi/workflows';
import { jsonParam, rangeParam } from '@caunoi/contract';
import { AppError } from '../http/app-error';
import type { IntakeProcessor } from '../intake/intake-processor';
import { setContentRange } from '../http/content-range';

const range = rangeParam(500);
const ZInboundQuery = z.object({
  range: range.optional(),
  filter: jsonParam(z.object({ status: z.union([z.enum(INBOUND_STATUSES), z.array(z.enum(INBOUND_STATUSES))]).optional(), channel: z.string().optional() }).strict(), '{"status":"failed"}').optional(),
});
const ZOutboxQuery = z.object({
  range: range.optional(),
  filter: jsonParam(z.object({ status: z.union([z.enum(OUTBOX_STATUSES), z.array(z.enum(OUTBOX_STATUSES))]).optional(), kind: z.enum(OUTBOX_KINDS).optional() }).strict(), '{"status":"dead"}').optional(),
});
const ZId = z.object({ id: z.coerce.number().int().positive() });

/**
 * The queues behind "nothing is lost" (DESIGN.md §4): inbound items that failed or were refused,
 * and outbox messages that went dead, each with its error and a retry. ra-data-simple-rest dialect.
 */
export function createIntakeQueueRoutes(orm: MikroORM, processor: IntakeProcessor, onCommitted: () => void, requireOfficer: RequestHandler): Router {
  const router = Router();
  router.use(requireOfficer, (req, _res, next) => {
    if (!canWorkIntakeQueue(req.principal!)) return next(new AppError('FORBIDDEN', 'Only administrators and the Government Office reception desk work the intake queues'));
    next();
  });

  router.get('/inbound', async (req, res) => {
    const { range: [from, to] = [0, 24], filter = {} } = ZInboundQuery.parse(req.query);
    const statuses = filter.status ? [filter.status].flat() : ['pending', 'failed'];
    const params: unknown[] = [...statuses];
    let where = `i.status in (${statuses.map(() => '?').join(', ')})`;
    if (filter.channel) {
      where += ' and i.channel = ?';
      params.push(filter.channel);
    }
    const em = orm.em.fork();
    const [{ total }] = await em.execute<Array<{ total: number }>>(`select count(*)::int as total from inbound_item i where ${where}`, params);
    const rows = await em.execute<Array<Record<string, unknown>>>(
      `select i.id, i.channel, i.external_id, i.content_type, i.status, i.attempts, i.error, i.meta, i.received_at, i.processed_at, length(i.raw) as size, c.tracking_code
       from inbound_item i left join case_file c on c.id = i.case_id where ${where} order by i.received_at desc, i.id desc limit ? offset ?`,
      [...params, to - from + 1, from],
    );
    setContentRange(res, 'inbound', from, rows.length, total);
    res.json(
      rows.map((r) => ({
        id: Number(r.id),
        channel: r.channel,
        externalId: r.external_id,
        contentType: r.content_type,
        status: r.status,
        attempts: r.attempts,
        error: r.error,
        meta: r.meta,
        size: r.size,
        receivedAt: r.received_at,
        processedAt: r.processed_at,
        trackingCode: r.tracking_code ?? null,
      })),
    );
  });

  /** The item exactly as it arrived: read it, or feed it to another tool. */
  router.get('/inbound/:id/raw', async (req, res) => {
    const { id } = ZId.parse(req.params);
    const [row] = await orm.em.fork().execute<Array<{ raw: Buffer; content_type: string }>>('select raw, content_type from inbound_item where id = ?', [id]);
    if (!row) throw new AppError('NOT_FOUND', `No inbound item ${id}`);
    res.setHeader('Content-Type', row.content_type === 'message/rfc822' ? 'message/rfc822' : 'application/octet-stream');
    res.setHeader('Content-Disposition', `attachment; filename="inbound-${id}${row.content_type === 'message/rfc822' ? '.eml' : '.bin'}"`);
    res.send(row.raw);
  });

  router.post('/inbound/:id/retry', async (req, res) => {
    const { id } = ZId.parse(req.params);
    const [row] = await orm.em.fork().execute<Array<{ status: string }>>('select status from inbound_item where id = ?', [id]);
    if (!row) throw new AppError('NOT_FOUND', `No inbound item ${id}`);
    if (row.status !== 'failed' && row.status !== 'pending') throw new AppError('CONFLICT', `Inbound item ${id} is ${row.status}; only failed or pending items are retried`);
    const outcome = await processor.process(id);
    res.json(outcome.kind === 'rejected' ? { kind: 'rejected', error: { code: outcome.error.code, message: outcome.error.message, ...outcome.error.details } } : outcome);
  });

  router.get('/outbox', async (req, res) => {
    const { range: [from, to] = [0, 24], filter = {} } = ZOutboxQuery.parse(req.query);
    const statuses = filter.status ? [filter.status].flat() : ['dead'];
    const params: unknown[] = [...statuses];
    let where = `o.status in (${statuses.map(() => '?').join(', ')})`;
    if (filter.kind) {
      where += ' and o.kind = ?';
      params.push(filter.kind);
    }
    const em = orm.em.fork();
    const [{ total }] = await em.execute<Array<{ total: number }>>(`select count(*)::int as total from outbox_message o where ${where}`, params);
    const rows = await em.execute<Array<Record<string, unknown>>>(
      `select o.id, o.kind, o.status, o.attempts, o.last_error, o.payload->>'template' as template, o.payload->>'audience' as audience, o.created_at, o.next_attempt_at, o.sent_at, c.tracking_code
       from outbox_message o left join case_file c on c.id = o.case_id where ${where} order by o.id desc limit ? offset ?`,
      [...params, to - from + 1, from],
    );
    setContentRange(res, 'outbox', from, rows.length, total);
    res.json(rows.map((r) => ({ id: Number(r.id), kind: r.kind, status: r.status, attempts: r.attempts, lastError: r.last_error, template: r.template, audience: r.audience, createdAt: r.created_at, nextAttemptAt: r.next_attempt_at, sentAt: r.sent_at, trackingCode: r.tracking_code ?? null })));
  });

  router.post('/outbox/:id/retry', async (req, res) => {
    const { id } = ZId.parse(req.params);
    const result = (await orm.em.fork().execute(`update outbox_message set status = 'pending', attempts = 0, next_attempt_at = now(), last_error = null where id = ? and status = 'dead'`, [id], 'run')) as { affectedRows?: number };
    if (!result.affectedRows) throw new AppError('CONFLICT', `Outbox message ${id} is not dead; only dead messages are retried`);
    onCommitted();
    res.json({ id, status: 'pending' });
  });

  return router;
}
