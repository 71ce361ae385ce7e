import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { ZLoginRequest, ZLoginResponse, ZOfficer } from '@caunoi/contract';
import { ZAuditVerdict, ZCaseDetail, ZCaseListItem, ZTransitionRequest, ZTransitionResult } from '@caunoi/contract';
import { ZDashboard, ZDashboardQuery, ZEscalationReport, ZEscalationReportQuery } from '@caunoi/contract';
import { z } from '@caunoi/contract';

const ZError = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
  400: json(ZError, 'Invalid input; `error.fields` names the fields'),
  401: json(ZError, 'Not logged in'),
  404: json(ZError, 'Not found, or outside your jurisdiction'),
};

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(serverUrl: string) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  const secured = [{ [bearer.name]: [] }];
  const caseId = z.object({
    id: z
      .number()
      .int()
      .openapi({ param: { name: 'id', in: 'path' } }),
  });

  registry.registerPath({
    operationId: 'login',
    method: 'post',
    path: '/api/auth/login',
    summary: 'Log in as an officer',
    request: { body: { content: { 'application/json': { schema: ZLoginRequest } } } },
    responses: {
      200: json(ZLoginResponse, 'A token for `Authorization: Bearer …`'),
      400: errors[400],
      401: json(ZError, 'Wrong email or password'),
    },
  });
  registry.registerPath({
    operationId: 'getMe',
    method: 'get',
    path: '/api/auth/me',
    summary: 'The logged-in officer',
    security: secured,
    responses: { 200: json(ZOfficer, 'The officer'), 401: errors[401] },
  });
  registry.registerPath({
    operationId: 'listCases',
    method: 'get',
    path: '/api/cases',
    summary: 'Cases in your jurisdiction (ra-data-simple-rest: sort, range, filter as JSON; total in Content-Range)',
    security: secured,
    request: {
      query: z.object({
        sort: z.string().optional().openapi({ example: '["receivedAt","DESC"]' }),
        range: z.string().optional().openapi({ example: '[0,24]' }),
        filter: z
          .string()
          .optional()
          .openapi({ example: '{"status":["routed","inProgress"],"overdue":true,"q":"duong ngap"}' }),
      }),
    },
    responses: { 200: json(z.array(ZCaseListItem), 'One page of cases'), 400: errors[400], 401: errors[401] },
  });
  registry.registerPath({
    operationId: 'getCase',
    method: 'get',
    path: '/api/cases/{id}',
    summary: 'One case with timeline, messages and available transitions',
    security: secured,
    request: { params: caseId },
    responses: { 200: json(ZCaseDetail, 'The case'), 401: errors[401], 404: errors[404] },
  });
  registry.registerPath({
    operationId: 'transitionCase',
    method: 'post',
    path: '/api/cases/{id}/transitions',
    summary: 'Move a case through its lifecycle',
    description:
      'Answers with the case page after the transition; with `Prefer: return=minimal`, only its new state and version (TransitionResult), and `Preference-Applied: return=minimal`.',
    security: secured,
    request: {
      params: caseId,
      headers: z.object({ Prefer: z.literal('return=minimal').optional() }),
      body: { content: { 'application/json': { schema: ZTransitionRequest } } },
    },
    responses: {
      200: json(z.union([ZCaseDetail, ZTransitionResult]), 'The case after the transition, or its new state (minimal)'),
      ...errors,
      409: json(ZError, 'Stale version, or a transition the case does not allow now (`error.guard` names the rule)'),
    },
  });
  registry.registerPath({
    operationId: 'verifyCaseAudit',
    method: 'get',
    path: '/api/cases/{id}/audit/verify',
    summary: "Recompute the case's audit hash chain",
    security: secured,
    request: { params: caseId },
    responses: { 200: json(ZAuditVerdict, 'The verdict'), 401: errors[401], 404: errors[404] },
  });

  registry.registerPath({
    operationId: 'getEscalationReport',
    method: 'get',
    path: '/api/reports/escalations',
    summary: 'Government Office summary per unit, with a national total (no citizen contact data)',
    security: secured,
    request: { query: ZEscalationReportQuery },
    responses: { 200: json(ZEscalationReport, 'The summary'), 400: errors[400], 401: errors[401] },
  });
  registry.registerPath({
    operationId: 'getDashboard',
    method: 'get',
    path: '/api/reports/dashboard',
    summary: 'The dashboard in one request: the summary and the weekly trend of received cases and on-time answers',
    security: secured,
    request: { query: ZDashboardQuery },
    responses: { 200: json(ZDashboard, 'Summary and trend'), 400: errors[400], 401: errors[401] },
  });
  registry.registerPath({
    operationId: 'getEscalationReportCsv',
    method: 'get',
    path: '/api/reports/escalations.csv',
    summary: 'The same summary as CSV',
    security: secured,
    request: { query: ZEscalationReportQuery },
    responses: {
      200: { description: 'CSV, UTF-8 with BOM', content: { 'text/csv': { schema: z.string() } } },
      401: errors[401],
    },
  });

  registerIntakePaths(registry, secured);
  registerAgencyPaths(registry, secured);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'CauNoi API',
      version: '0.1.0',
      description: "Citizens' feedback and petitions, turned into cases answered on time.",
    },
    servers: [{ url: serverUrl }],
  });
}

/** The citizen's endpoints, the Zalo webhook and the intake queues (DESIGN.md §8). */
function registerIntakePaths(registry: OpenAPIRegistry, secured: Array<Record<string, string[]>>): void {
  const submission = z
    .object({
      title: z.string().min(5).max(300),
      body: z.string().min(10).max(20_000),
      categoryCode: z.string().optional(),
      provinceCode: z.string().optional().openapi({ example: '01' }),
      communeCode: z.string().optional().openapi({ example: '00004' }),
      placeText: z.string().optional(),
      lat: z.number().min(-90).max(90).optional().openapi({ description: 'WGS 84; with long' }),
      long: z.number().min(-180).max(180).optional(),
      name: z.string().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
      language: z.enum(['vi', 'en']).optional(),
      anonymous: z.boolean().optional(),
      consent: z
        .boolean()
        .optional()
        .openapi({ description: 'Required (true) when name, email or phone is given (Decree 13/2023)' }),
    })
    .openapi('PortalSubmission');
  const submitted = z
    .object({
      trackingCode: z.string().openapi({ example: 'CN.20261122.00042' }),
      accessKey: z.string(),
      status: z.string(),
      statusUrl: z.string(),
    })
    .openapi('SubmissionReceipt');
  const publicCase = z
    .object({
      trackingCode: z.string(),
      title: z.string(),
      status: z.string(),
      canReply: z.boolean(),
      canReopen: z.boolean(),
      canRate: z.boolean(),
      messages: z.array(z.object({ direction: z.string(), body: z.string(), at: z.string() })),
    })
    .passthrough()
    .openapi('PublicCase');
  const reply = z
    .object({
      key: z.string(),
      action: z.enum(['message', 'reopen', 'rate']).optional(),
      message: z.string().optional(),
      satisfaction: z.number().int().min(1).max(5).optional(),
    })
    .openapi('PortalReply');
  const trackingCode = z.object({
    trackingCode: z.string().openapi({ param: { name: 'trackingCode', in: 'path' }, example: 'CN.20261122.00042' }),
  });
  const refused = {
    400: errors[400],
    413: json(ZError, 'Body or attachment over the limit'),
    415: json(ZError, 'Not JSON, multipart or form'),
    429: json(ZError, 'Too many requests from this address'),
  };

  registry.registerPath({
    operationId: 'submitCase',
    method: 'post',
    path: '/api/public/submissions',
    summary:
      'Submit feedback or a petition (JSON, or multipart with files as `attachments`); retry with the same Idempotency-Key to get the same case',
    request: {
      headers: z.object({ 'Idempotency-Key': z.string().optional() }),
      body: {
        content: {
          'application/json': { schema: submission },
          'multipart/form-data': {
            schema: submission.extend({ attachments: z.array(z.string().openapi({ format: 'binary' })).optional() }),
          },
        },
      },
    },
    responses: {
      201: json(submitted, 'Registered (or the same case again, with `Idempotent-Replayed: true`)'),
      202: json(z.object({ received: z.boolean(), message: z.string() }), 'Stored; it will be registered shortly'),
      ...refused,
    },
  });
  registry.registerPath({
    operationId: 'getPublicCase',
    method: 'get',
    path: '/api/public/cases/{trackingCode}',
    summary: 'The status page of a case',
    request: { params: trackingCode, query: z.object({ key: z.string() }) },
    responses: { 200: json(publicCase, 'The case as its citizen sees it'), 404: errors[404] },
  });
  registry.registerPath({
    operationId: 'replyToCase',
    method: 'post',
    path: '/api/public/cases/{trackingCode}/replies',
    summary: 'Answer a question or add a message, ask to reopen an answer, or rate it',
    request: { params: trackingCode, body: { content: { 'application/json': { schema: reply } } } },
    responses: {
      200: json(publicCase, 'The case after the reply'),
      404: errors[404],
      409: json(ZError, 'The case is finished'),
      ...refused,
    },
  });
  registry.registerPath({
    operationId: 'receiveZaloEvent',
    method: 'post',
    path: '/api/zalo/webhook',
    summary: 'Zalo OA events, signed with X-ZEvent-Signature: mac=sha256(app_id + body + timestamp + OA secret key)',
    request: {
      headers: z.object({ 'X-ZEvent-Signature': z.string() }),
      body: {
        content: {
          'application/json': {
            schema: z.object({ app_id: z.string(), event_name: z.string(), timestamp: z.string() }).passthrough(),
          },
        },
      },
    },
    responses: {
      200: json(z.object({ received: z.boolean(), outcome: z.string() }), 'Stored and processed'),
      401: json(ZError, 'Bad signature; nothing stored'),
    },
  });
  const id = z.object({
    id: z
      .number()
      .int()
      .openapi({ param: { name: 'id', in: 'path' } }),
  });
  registry.registerPath({
    operationId: 'listInboundItems',
    method: 'get',
    path: '/api/admin/inbound',
    summary: 'Inbound items that failed or were refused (filter {"status":"failed"}), with their errors',
    security: secured,
    responses: {
      200: json(
        z.array(
          z
            .object({ id: z.number(), channel: z.string(), status: z.string(), error: z.string().nullable() })
            .passthrough(),
        ),
        'One page',
      ),
      403: json(ZError, 'Not an administrator or the reception desk'),
    },
  });
  registry.registerPath({
    operationId: 'retryInboundItem',
    method: 'post',
    path: '/api/admin/inbound/{id}/retry',
    summary: 'Process a failed inbound item again',
    security: secured,
    request: { params: id },
    responses: {
      200: json(z.object({ kind: z.string() }).passthrough(), 'What processing decided'),
      409: json(ZError, 'Not failed or pending'),
    },
  });
  registry.registerPath({
    operationId: 'listOutbox',
    method: 'get',
    path: '/api/admin/outbox',
    summary: 'Outbox messages (dead letters by default)',
    security: secured,
    responses: {
      200: json(
        z.array(
          z
            .object({ id: z.number(), kind: z.string(), status: z.string(), lastError: z.string().nullable() })
            .passthrough(),
        ),
        'One page',
      ),
    },
  });
  registry.registerPath({
    operationId: 'retryOutboxMessage',
    method: 'post',
    path: '/api/admin/outbox/{id}/retry',
    summary: 'Send a dead message again',
    security: secured,
    request: { params: id },
    responses: {
      200: json(z.object({ id: z.number(), status: z.string() }), 'Queued again'),
      409: json(ZError, 'Not dead'),
    },
  });
}

/** Agencies' keys, their webhooks, and Open311 GeoReport v2 (JSON; every path has an `.xml` twin). */
function registerAgencyPaths(registry: OpenAPIRegistry, secured: Array<Record<string, string[]>>): void {
  const apiKey = registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
  });
  const keyed = [{ [apiKey.name]: [] }];
  const id = z.object({
    id: z
      .number()
      .int()
      .openapi({ param: { name: 'id', in: 'path' } }),
  });
  const scopes = z.array(z.enum(['submit', 'read', 'transition']));
  const ZApiClient = z
    .object({
      id: z.number().int(),
      name: z.string(),
      unitCode: z.string(),
      unitName: z.string(),
      keyPrefix: z.string(),
      scopes,
      rateLimitPerMinute: z.number().int(),
      active: z.boolean(),
      revokedAt: z.string().nullable(),
      previousKeyExpiresAt: z.string().nullable(),
      createdAt: z.string(),
      lastUsedAt: z.string().nullable(),
    })
    .openapi('ApiClient');
  registry.registerPath({
    operationId: 'listApiClients',
    method: 'get',
    path: '/api/admin/api-clients',
    summary: "Agencies' systems and their keys (never a key itself)",
    security: secured,
    responses: {
      200: json(z.array(ZApiClient), 'Every system'),
      401: errors[401],
      403: json(ZError, 'Administrators only'),
    },
  });
  registry.registerPath({
    operationId: 'issueApiKey',
    method: 'post',
    path: '/api/admin/api-clients',
    summary: 'Issue a key for an agency system (shown once)',
    security: secured,
    request: {
      body: {
        content: {
          'application/json': {
            schema: z.object({
              name: z.string(),
              unitCode: z.string(),
              scopes,
              rateLimitPerMinute: z.number().int().optional(),
            }),
          },
        },
      },
    },
    responses: {
      201: json(
        z.object({ id: z.number().int(), key: z.string(), keyPrefix: z.string() }).passthrough(),
        'The key, this once',
      ),
      400: errors[400],
    },
  });
  registry.registerPath({
    operationId: 'rotateApiKey',
    method: 'post',
    path: '/api/admin/api-clients/{id}/rotate',
    summary: 'A new key; the old one works for graceHours more',
    security: secured,
    request: {
      params: id,
      body: { content: { 'application/json': { schema: z.object({ graceHours: z.number().optional() }) } } },
    },
    responses: {
      200: json(
        z.object({
          id: z.number().int(),
          key: z.string(),
          keyPrefix: z.string(),
          previousKeyValidUntil: z.string().nullable(),
        }),
        'The new key, this once',
      ),
      404: errors[404],
    },
  });
  registry.registerPath({
    operationId: 'revokeApiKey',
    method: 'post',
    path: '/api/admin/api-clients/{id}/revoke',
    summary: 'Revoke a key (every instance within 5 s)',
    security: secured,
    request: { params: id },
    responses: { 200: json(z.object({ id: z.number().int(), revoked: z.boolean() }), 'Revoked'), 404: errors[404] },
  });
  const events = z.array(z.enum(['case.created', 'case.updated', 'case.answered', 'escalation.raised']));
  registry.registerPath({
    operationId: 'listWebhookSubscriptions',
    method: 'get',
    path: '/api/agency/webhooks',
    summary: "This key's webhook subscriptions",
    security: keyed,
    responses: {
      200: json(
        z.array(
          z.object({ id: z.number().int(), url: z.string(), events, active: z.boolean(), createdAt: z.string() }),
        ),
        'Subscriptions',
      ),
    },
  });
  registry.registerPath({
    operationId: 'subscribeWebhook',
    method: 'post',
    path: '/api/agency/webhooks',
    summary: "Subscribe to the key's units' case events; the signing secret is shown once",
    security: keyed,
    request: { body: { content: { 'application/json': { schema: z.object({ url: z.string(), events }) } } } },
    responses: {
      201: json(
        z.object({ id: z.number().int(), url: z.string(), events, secret: z.string() }).passthrough(),
        'Subscribed',
      ),
      400: errors[400],
    },
  });
  registry.registerPath({
    operationId: 'unsubscribeWebhook',
    method: 'delete',
    path: '/api/agency/webhooks/{id}',
    summary: 'End a subscription',
    security: keyed,
    request: { params: id },
    responses: { 204: { description: 'Ended' }, 404: errors[404] },
  });
  registry.registerPath({
    operationId: 'listWebhookDeliveries',
    method: 'get',
    path: '/api/agency/webhook-deliveries',
    summary: "Every delivery of this key's subscriptions, newest first (100 a page)",
    security: keyed,
    request: {
      query: z.object({
        status: z.enum(['pending', 'delivered', 'failed']).optional(),
        page: z.number().int().optional(),
      }),
    },
    responses: {
      200: json(
        z.array(
          z.object({
            id: z.number().int(),
            subscriptionId: z.number().int(),
            event: z.string(),
            trackingCode: z.string(),
            status: z.string(),
            attempts: z.number().int(),
            lastStatus: z.number().int().nullable(),
            lastError: z.string().nullable(),
            createdAt: z.string(),
            deliveredAt: z.string().nullable(),
          }),
        ),
        'One page',
      ),
    },
  });
  registry.registerPath({
    operationId: 'replayWebhookDelivery',
    method: 'post',
    path: '/api/agency/webhook-deliveries/{id}/replay',
    summary: 'Send a delivery again',
    security: keyed,
    request: { params: id },
    responses: { 202: json(z.object({ id: z.number().int(), status: z.string() }), 'Queued'), 404: errors[404] },
  });

  const ZOpen311Error = z.array(z.object({ code: z.number().int(), description: z.string() })).openapi('Open311Errors');
  const ZOpen311Request = z
    .object({
      service_request_id: z.string(),
      status: z.enum(['open', 'closed']),
      status_notes: z.string(),
      service_name: z.string().nullable(),
      service_code: z.string().nullable(),
      description: z.string().nullable().openapi({ description: "Only for a key that may read the case's unit" }),
      agency_responsible: z.string(),
      requested_datetime: z.string(),
      updated_datetime: z.string(),
      expected_datetime: z.string().nullable(),
      address: z.string().nullable(),
      lat: z.number().nullable(),
      long: z.number().nullable(),
    })
    .passthrough()
    .openapi('Open311Request');
  const open311Errors = {
    400: json(ZOpen311Error, 'Refused, naming the field'),
    404: json(ZOpen311Error, 'Not found'),
  };
  registry.registerPath({
    operationId: 'open311Discovery',
    method: 'get',
    path: '/open311/discovery.json',
    summary: 'Open311 discovery',
    responses: {
      200: json(
        z.object({ endpoints: z.array(z.object({ url: z.string() }).passthrough()) }).passthrough(),
        'Discovery',
      ),
    },
  });
  registry.registerPath({
    operationId: 'open311Services',
    method: 'get',
    path: '/open311/v2/services.json',
    summary: 'Services (categories), in the language of `locale`',
    request: { query: z.object({ locale: z.string().optional() }) },
    responses: {
      200: json(
        z.array(
          z.object({
            service_code: z.string(),
            service_name: z.string(),
            description: z.string(),
            metadata: z.boolean(),
            type: z.string(),
            keywords: z.string(),
            group: z.string(),
          }),
        ),
        'Services',
      ),
    },
  });
  registry.registerPath({
    operationId: 'open311PostRequest',
    method: 'post',
    path: '/open311/v2/requests.json',
    summary: 'Submit on behalf of a citizen (a key with the submit scope, as api_key or X-Api-Key)',
    security: keyed,
    request: {
      body: {
        content: {
          'application/x-www-form-urlencoded': {
            schema: z.object({
              api_key: z.string().optional(),
              service_code: z.string(),
              lat: z.string().optional(),
              long: z.string().optional(),
              address_string: z.string().optional(),
              address_id: z.string().optional().openapi({ description: 'A commune code' }),
              description: z.string(),
              media_url: z.string().optional(),
              first_name: z.string().optional(),
              last_name: z.string().optional(),
              email: z.string().optional(),
              phone: z.string().optional(),
            }),
          },
        },
      },
    },
    responses: {
      200: json(
        z.array(
          z
            .object({
              service_request_id: z.string().optional(),
              token: z.string().optional(),
              service_notice: z.string(),
            })
            .passthrough(),
        ),
        'The tracking code, or a token while the case waits',
      ),
      401: json(ZOpen311Error, 'No valid key'),
      ...open311Errors,
    },
  });
  registry.registerPath({
    operationId: 'open311ListRequests',
    method: 'get',
    path: '/open311/v2/requests.json',
    summary: 'Requests (no citizen data), newest first',
    request: {
      query: z.object({
        service_request_id: z.string().optional(),
        service_code: z.string().optional(),
        start_date: z.string().optional(),
        end_date: z.string().optional(),
        status: z.enum(['open', 'closed']).optional(),
        page: z.number().int().optional(),
        page_size: z.number().int().optional(),
      }),
    },
    responses: { 200: json(z.array(ZOpen311Request), 'Requests'), 400: open311Errors[400] },
  });
  registry.registerPath({
    operationId: 'open311GetRequest',
    method: 'get',
    path: '/open311/v2/requests/{service_request_id}.json',
    summary: 'One request',
    request: {
      params: z.object({
        service_request_id: z.string().openapi({ param: { name: 'service_request_id', in: 'path' } }),
      }),
    },
    responses: { 200: json(z.array(ZOpen311Request), 'The request'), 404: open311Errors[404] },
  });
  registry.registerPath({
    operationId: 'open311GetToken',
    method: 'get',
    path: '/open311/v2/tokens/{token}.json',
    summary: 'The service_request_id behind a token, once the case exists',
    request: { params: z.object({ token: z.string().openapi({ param: { name: 'token', in: 'path' } }) }) },
    responses: {
      200: json(z.array(z.object({ token: z.string(), service_request_id: z.string().nullable() })), 'The token'),
      404: open311Errors[404],
    },
  });
}
