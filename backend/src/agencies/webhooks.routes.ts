import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import {
  type MikroORM,
  addJobs,
  createWebhookSubscription,
  deactivateWebhookSubscription,
  listWebhookDeliveries,
  listWebhookSubscriptions,
  markWebhookForReplay,
} from '@caunoi/db';
import { isPrivateHost } from '../adapters/public-address';
import { AppError } from '../http/app-error';
import { sendJob } from '../jobs/deliver-webhook';
import { WEBHOOK_EVENTS } from '../transitions/delivery-jobs';
import type { ApiClientAuth } from './api-client-auth';

const ZId = z.object({ id: z.coerce.number().int().positive() });

/**
 * `/api/agency` (an agency's own key, with the read scope): its webhook subscriptions to its
 * units' case events, and the log of every delivery, which it can replay. The signing secret is
 * shown once, when the subscription is made.
 */
export function createAgencyWebhookRoutes(orm: MikroORM, apiClients: ApiClientAuth, allowPrivateUrls: boolean): Router {
  const router = Router();
  router.use(apiClients.require('read'));
  const ZSubscription = z.object({
    url: z
      .url({ protocol: allowPrivateUrls ? /^https?$/ : /^https$/ })
      .refine((u) => allowPrivateUrls || !isPrivateHost(new URL(u).hostname), 'a public https address'),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, `one or more of ${WEBHOOK_EVENTS.join(', ')}`),
  });

  router.get('/webhooks', async (req, res) => {
    res.json(await listWebhookSubscriptions(orm.em.fork(), req.apiClient!.id));
  });
  router.post('/webhooks', async (req, res) => {
    const input = ZSubscription.parse(req.body);
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const id = await createWebhookSubscription(orm.em.fork(), { apiClientId: req.apiClient!.id, ...input, secret });
    res.status(201).json({ id, ...input, secret, note: 'The signing secret is shown this once; store it now.' });
  });
  router.delete('/webhooks/:id', async (req, res) => {
    const { id } = ZId.parse(req.params);
    if (!(await deactivateWebhookSubscription(orm.em.fork(), req.apiClient!.id, id)))
      throw new AppError('NOT_FOUND', `No webhook subscription ${id} of this key`);
    res.status(204).end();
  });
  router.get('/webhook-deliveries', async (req, res) => {
    const { status, page } = z
      .object({
        status: z.enum(['pending', 'delivered', 'failed']).optional(),
        page: z.coerce.number().int().min(1).default(1),
      })
      .parse(req.query);
    res.json(
      await listWebhookDeliveries(orm.em.fork(), req.apiClient!.id, status ? { status } : {}, {
        offset: (page - 1) * 100,
        limit: 100,
      }),
    );
  });
  router.post('/webhook-deliveries/:id/replay', async (req, res) => {
    const { id } = ZId.parse(req.params);
    await orm.em.fork().transactional(async (tx) => {
      if (!(await markWebhookForReplay(tx, req.apiClient!.id, id)))
        throw new AppError('NOT_FOUND', `No webhook delivery ${id} of this key`);
      await addJobs(tx, [sendJob(id, new Date())]);
    });
    res.status(202).json({ id, status: 'pending' });
  });
  return router;
}
