import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  ZPortalReply,
  ZPortalSubmission,
  ZPublicCase,
  ZPublicCommune,
  ZPublicReference,
  ZSimilarPublicCase,
  ZPortalSupport,
  ZSupportReceipt,
  ZSimilarQuery,
  ZSubmissionQueued,
  ZSubmissionReceipt,
  z,
} from '@caunoi/contract';
import { type Security, ZError, errors, json, pathParam } from './openapi-parts';

/** The citizen's endpoints and the Zalo webhook (DESIGN.md §8): no login; limited per address. */
export function registerPublicPaths(registry: OpenAPIRegistry, _security: Security): void {
  const trackingCode = pathParam('trackingCode', z.string().openapi({ example: 'CN.20261122.00042' }));
  const refused = {
    400: errors[400],
    413: json(ZError, 'Body or attachment over the limit'),
    415: json(ZError, 'Not JSON, multipart or form'),
    429: errors[429],
  };
  registry.registerPath({
    operationId: 'submitCase',
    method: 'post',
    path: '/api/public/submissions',
    tags: ['citizens'],
    summary:
      'Submit feedback or a petition (JSON, or multipart with files as `attachments`); retry with the same Idempotency-Key to get the same case',
    request: {
      headers: z.object({ 'Idempotency-Key': z.string().optional() }),
      body: {
        content: {
          'application/json': { schema: ZPortalSubmission },
          'multipart/form-data': {
            schema: ZPortalSubmission.extend({
              attachments: z.array(z.string().openapi({ format: 'binary' })).optional(),
            }),
          },
        },
      },
    },
    responses: {
      201: json(ZSubmissionReceipt, 'Registered (or the same case again, with `Idempotent-Replayed: true`)'),
      202: json(ZSubmissionQueued, 'Stored; it will be registered shortly (`Retry-After`)'),
      ...refused,
      422: json(ZError, 'The Idempotency-Key was already used with another body'),
    },
  });
  registry.registerPath({
    operationId: 'getPublicCase',
    method: 'get',
    path: '/api/public/cases/{trackingCode}',
    tags: ['citizens'],
    summary: 'The status page of a case (failed lookups are limited per address)',
    request: { params: trackingCode, query: z.object({ key: z.string() }) },
    responses: {
      200: json(ZPublicCase, 'The case as its citizen sees it'),
      400: errors[400],
      404: errors[404],
      429: errors[429],
    },
  });
  registry.registerPath({
    operationId: 'replyToCase',
    method: 'post',
    path: '/api/public/cases/{trackingCode}/replies',
    tags: ['citizens'],
    summary: 'Answer a question or add a message, ask to reopen an answer, or rate it',
    request: { params: trackingCode, body: { content: { 'application/json': { schema: ZPortalReply } } } },
    responses: {
      200: json(ZPublicCase, 'The case after the reply'),
      202: json(ZSubmissionQueued, 'Stored; it will reach the case shortly'),
      404: errors[404],
      409: json(ZError, 'The case is finished'),
      ...refused,
    },
  });
  registry.registerPath({
    operationId: 'supportCase',
    method: 'post',
    path: '/api/public/cases/{trackingCode}/supporters',
    tags: ['citizens'],
    summary:
      'Support an open case instead of filing the same again; with an email (and consent), be told when it is answered',
    request: { params: trackingCode, body: { content: { 'application/json': { schema: ZPortalSupport } } } },
    responses: {
      201: json(ZSupportReceipt, 'Counted'),
      202: json(ZSubmissionQueued, 'Stored; it will count shortly'),
      404: errors[404],
      409: json(ZError, 'The case is finished'),
      ...refused,
    },
  });
  registry.registerPath({
    operationId: 'listSimilarPublicCases',
    method: 'get',
    path: '/api/public/similar',
    tags: ['citizens'],
    summary: 'Before submitting: up to five open cases of the same commune like this one (titles and status only)',
    request: { query: ZSimilarQuery },
    responses: { 200: json(z.array(ZSimilarPublicCase), 'Similar open cases'), 400: errors[400], 429: errors[429] },
  });
  registry.registerPath({
    operationId: 'getPublicReference',
    method: 'get',
    path: '/api/public/reference',
    tags: ['citizens'],
    summary: "The portal's pickers: active categories and the provinces (cached 5 minutes)",
    responses: { 200: json(ZPublicReference, 'Categories and provinces') },
  });
  registry.registerPath({
    operationId: 'listProvinceCommunes',
    method: 'get',
    path: '/api/public/provinces/{code}/communes',
    tags: ['citizens'],
    summary: "A province's current communes (cached 5 minutes)",
    request: { params: pathParam('code', z.string().openapi({ example: '01' })) },
    responses: { 200: json(z.array(ZPublicCommune), 'The communes'), 404: errors[404] },
  });
  registry.registerPath({
    operationId: 'receiveZaloEvent',
    method: 'post',
    path: '/api/zalo/webhook',
    tags: ['channels'],
    summary: 'Zalo OA events, signed with X-ZEvent-Signature: mac=sha256(app_id + body + timestamp + OA secret key)',
    description:
      'An unsigned or badly signed request is refused before anything else runs; a signed one is stored raw before it is read.',
    request: {
      headers: z.object({ 'X-ZEvent-Signature': z.string() }),
      body: {
        content: {
          'application/json': {
            schema: z
              .object({ app_id: z.string(), event_name: z.string(), timestamp: z.string() })
              .catchall(z.unknown()),
          },
        },
      },
    },
    responses: {
      200: json(z.object({ received: z.boolean(), outcome: z.string() }), 'Stored and processed'),
      400: errors[400],
      401: json(ZError, 'Bad signature; nothing stored'),
    },
  });
}
