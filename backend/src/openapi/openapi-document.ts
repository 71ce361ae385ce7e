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
    method: 'get',
    path: '/api/auth/me',
    summary: 'The logged-in officer',
    security: secured,
    responses: { 200: json(ZOfficer, 'The officer'), 401: errors[401] },
  });
  registry.registerPath({
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
    method: 'get',
    path: '/api/cases/{id}',
    summary: 'One case with timeline, messages and available transitions',
    security: secured,
    request: { params: caseId },
    responses: { 200: json(ZCaseDetail, 'The case'), 401: errors[401], 404: errors[404] },
  });
  registry.registerPath({
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
    method: 'get',
    path: '/api/cases/{id}/audit/verify',
    summary: "Recompute the case's audit hash chain",
    security: secured,
    request: { params: caseId },
    responses: { 200: json(ZAuditVerdict, 'The verdict'), 401: errors[401], 404: errors[404] },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/reports/escalations',
    summary: 'Government Office summary per unit, with a national total (no citizen contact data)',
    security: secured,
    request: { query: ZEscalationReportQuery },
    responses: { 200: json(ZEscalationReport, 'The summary'), 400: errors[400], 401: errors[401] },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/reports/dashboard',
    summary: 'The dashboard in one request: the summary and the weekly trend of received cases and on-time answers',
    security: secured,
    request: { query: ZDashboardQuery },
    responses: { 200: json(ZDashboard, 'Summary and trend'), 400: errors[400], 401: errors[401] },
  });
  registry.registerPath({
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
    method: 'get',
    path: '/api/public/cases/{trackingCode}',
    summary: 'The status page of a case',
    request: { params: trackingCode, query: z.object({ key: z.string() }) },
    responses: { 200: json(publicCase, 'The case as its citizen sees it'), 404: errors[404] },
  });
  registry.registerPath({
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
