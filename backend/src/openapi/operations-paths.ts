import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '@caunoi/contract';
import { type Security, errors, json } from './openapi-parts';

/** What operators and their tools read: liveness, readiness, Prometheus metrics, this document. */
export function registerOperationsPaths(registry: OpenAPIRegistry, _security: Security): void {
  registry.registerPath({
    operationId: 'healthz',
    method: 'get',
    path: '/healthz',
    tags: ['operations'],
    summary: 'Liveness: the process answers',
    responses: { 200: json(z.object({ status: z.literal('ok') }), 'Alive') },
  });
  registry.registerPath({
    operationId: 'readyz',
    method: 'get',
    path: '/readyz',
    tags: ['operations'],
    summary: 'Readiness: the database answers',
    responses: {
      200: json(z.object({ status: z.literal('ready'), database: z.literal('up') }), 'Ready'),
      503: json(
        z.object({ status: z.literal('unavailable'), database: z.literal('down'), reason: z.string() }),
        'The database is away',
      ),
    },
  });
  registry.registerPath({
    operationId: 'metrics',
    method: 'get',
    path: '/metrics',
    tags: ['operations'],
    summary: 'Prometheus metrics (the list is in the README; alert rules and a dashboard in backend/monitoring/)',
    responses: {
      200: { description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: z.string() } } },
    },
  });
  registry.registerPath({
    operationId: 'openApiDocument',
    method: 'get',
    path: '/api/openapi.json',
    tags: ['operations'],
    summary: 'This document',
    responses: { 200: json(z.record(z.string(), z.unknown()), 'OpenAPI 3.1') },
  });
}

/** Development aids (`NODE_ENV` not production): in the document, marked `x-development-only`. */
export function registerDevelopmentPaths(registry: OpenAPIRegistry, options: { fakeZalo: boolean }): void {
  const dev = { tags: ['development'], 'x-development-only': true as const };
  registry.registerPath({
    ...dev,
    operationId: 'devDemoAccounts',
    method: 'get',
    path: '/api/dev/demo-accounts',
    summary: 'The demo logins that exist in this database',
    responses: {
      200: json(
        z.array(
          z.object({
            email: z.string(),
            password: z.string(),
            name: z.string(),
            role: z.string(),
            unitCode: z.string(),
            unitName: z.string(),
          }),
        ),
        'Demo logins',
      ),
    },
  });
  registry.registerPath({
    ...dev,
    operationId: 'devCapturedMail',
    method: 'get',
    path: '/api/dev/mail',
    summary: 'Mail CauNoi would have sent (no SMTP_URL), newest first',
    request: { query: z.object({ to: z.string().optional() }) },
    responses: {
      200: json(
        z.array(
          z.object({
            id: z.number().int(),
            messageId: z.string(),
            inReplyTo: z.string().nullable(),
            from: z.string(),
            to: z.array(z.string()),
            subject: z.string(),
            text: z.string(),
            createdAt: z.string(),
          }),
        ),
        'Captured mail',
      ),
    },
  });
  if (!options.fakeZalo) return;
  registry.registerPath({
    ...dev,
    operationId: 'devZaloUserWrites',
    method: 'post',
    path: '/api/dev/zalo/messages',
    summary: 'Play a Zalo user writing to the demo OA (the fake Zalo signs the event and posts it to our webhook)',
    request: {
      body: {
        content: {
          'application/json': { schema: z.object({ text: z.string(), userId: z.string().optional() }) },
        },
      },
    },
    responses: {
      201: json(z.object({ userId: z.string(), webhook: z.number().int() }), 'Posted'),
      400: errors[400],
    },
  });
  registry.registerPath({
    ...dev,
    operationId: 'devZaloSent',
    method: 'get',
    path: '/api/dev/zalo/sent',
    summary: 'What CauNoi sent through the fake Zalo, newest first (200 at most)',
    responses: { 200: json(z.array(z.record(z.string(), z.unknown())), 'Sent messages') },
  });
}
