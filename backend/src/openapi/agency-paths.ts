import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ZApiClient, ZApiClientCreate, ZApiKeyRotate, ZIssuedApiKey, ZRotatedApiKey, z } from '@caunoi/contract';
import { WEBHOOK_EVENTS } from '../transitions/delivery-jobs';
import { type Security, ZError, errors, idParam, json } from './openapi-parts';

/** Administrators issue agencies' keys; an agency's key manages its webhooks and reads their delivery log. */
export function registerAgencyPaths(registry: OpenAPIRegistry, security: Security): void {
  const adminOnly = { 401: errors[401], 403: json(ZError, 'Administrators only') };
  registry.registerPath({
    operationId: 'listApiClients',
    method: 'get',
    path: '/api/admin/api-clients',
    tags: ['administrators'],
    summary: "Agencies' systems and their keys (never a key itself)",
    security: security.officer,
    responses: { 200: json(z.array(ZApiClient), 'Every system'), ...adminOnly },
  });
  registry.registerPath({
    operationId: 'issueApiKey',
    method: 'post',
    path: '/api/admin/api-clients',
    tags: ['administrators'],
    summary: 'Issue a key for an agency system (shown once)',
    security: security.officer,
    request: { body: { content: { 'application/json': { schema: ZApiClientCreate } } } },
    responses: { 201: json(ZIssuedApiKey, 'The key, this once'), 400: errors[400], ...adminOnly },
  });
  registry.registerPath({
    operationId: 'rotateApiKey',
    method: 'post',
    path: '/api/admin/api-clients/{id}/rotate',
    tags: ['administrators'],
    summary: 'A new key; the old one works for graceHours more',
    security: security.officer,
    request: { params: idParam, body: { content: { 'application/json': { schema: ZApiKeyRotate } } } },
    responses: { 200: json(ZRotatedApiKey, 'The new key, this once'), 404: errors[404], ...adminOnly },
  });
  registry.registerPath({
    operationId: 'revokeApiKey',
    method: 'post',
    path: '/api/admin/api-clients/{id}/revoke',
    tags: ['administrators'],
    summary: 'Revoke a key (every instance within 5 s)',
    security: security.officer,
    request: { params: idParam },
    responses: {
      200: json(z.object({ id: z.number().int(), revoked: z.literal(true) }), 'Revoked'),
      404: errors[404],
      ...adminOnly,
    },
  });

  const events = z.array(z.enum(WEBHOOK_EVENTS));
  const keyed = { 401: errors[401], 403: json(ZError, 'The key lacks the read scope'), 429: errors[429] };
  const ZSubscription = z
    .object({ id: z.number().int(), url: z.string(), events, active: z.boolean(), createdAt: z.string() })
    .openapi('WebhookSubscription');
  registry.registerPath({
    operationId: 'listWebhookSubscriptions',
    method: 'get',
    path: '/api/agency/webhooks',
    tags: ['agencies'],
    summary: "This key's webhook subscriptions",
    security: security.apiKey,
    responses: { 200: json(z.array(ZSubscription), 'Subscriptions'), ...keyed },
  });
  registry.registerPath({
    operationId: 'subscribeWebhook',
    method: 'post',
    path: '/api/agency/webhooks',
    tags: ['agencies'],
    summary: "Subscribe to the key's units' case events; the signing secret is shown once",
    description:
      'Each delivery is a POST signed with `CauNoi-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`; retried with backoff until the subscriber answers 2xx.',
    security: security.apiKey,
    request: {
      body: {
        content: {
          'application/json': {
            schema: z.object({
              url: z.string().openapi({
                format: 'uri',
                description: 'A public https address (http and private addresses only in development)',
              }),
              events: events.min(1),
            }),
          },
        },
      },
    },
    responses: {
      201: json(
        z.object({ id: z.number().int(), url: z.string(), events, secret: z.string(), note: z.string() }),
        'Subscribed',
      ),
      400: errors[400],
      ...keyed,
    },
  });
  registry.registerPath({
    operationId: 'unsubscribeWebhook',
    method: 'delete',
    path: '/api/agency/webhooks/{id}',
    tags: ['agencies'],
    summary: 'End a subscription',
    security: security.apiKey,
    request: { params: idParam },
    responses: { 204: { description: 'Ended' }, 404: errors[404], ...keyed },
  });
  registry.registerPath({
    operationId: 'listWebhookDeliveries',
    method: 'get',
    path: '/api/agency/webhook-deliveries',
    tags: ['agencies'],
    summary: "Every delivery of this key's subscriptions, newest first (100 a page)",
    security: security.apiKey,
    request: {
      query: z.object({
        status: z.enum(['pending', 'delivered', 'failed']).optional(),
        page: z.number().int().min(1).optional(),
      }),
    },
    responses: {
      200: json(
        z.array(
          z
            .object({
              id: z.number().int(),
              subscriptionId: z.number().int(),
              event: z.enum(WEBHOOK_EVENTS),
              trackingCode: z.string(),
              status: z.enum(['pending', 'delivered', 'failed']),
              attempts: z.number().int(),
              lastStatus: z.number().int().nullable().openapi({ description: "The subscriber's last HTTP status" }),
              lastError: z.string().nullable(),
              createdAt: z.string(),
              deliveredAt: z.string().nullable(),
            })
            .openapi('WebhookDelivery'),
        ),
        'One page',
      ),
      400: errors[400],
      ...keyed,
    },
  });
  registry.registerPath({
    operationId: 'replayWebhookDelivery',
    method: 'post',
    path: '/api/agency/webhook-deliveries/{id}/replay',
    tags: ['agencies'],
    summary: 'Send a delivery again',
    security: security.apiKey,
    request: { params: idParam },
    responses: {
      202: json(z.object({ id: z.number().int(), status: z.literal('pending') }), 'Queued'),
      404: errors[404],
      ...keyed,
    },
  });
}
