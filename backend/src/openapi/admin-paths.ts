import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  ZReferenceRows,
  ZCalendarDayEdit,
  ZCategoryEdit,
  ZInboundItem,
  ZOutboxMessage,
  ZSlaRuleEdit,
  ZUserCreate,
  ZUserEdit,
  ZZaloOaEdit,
  z,
} from '@caunoi/contract';
import { type Security, ZError, errors, idParam, json, list, listQuery, pathParam } from './openapi-parts';

const FILTERS: Record<keyof typeof ZReferenceRows, string> = {
  'org-units': '{"parentCode":"01","q":"ba dinh","level":"commune"}',
  categories: '{}',
  'sla-rules': '{"clock":"resolve"}',
  'calendar-days': '{"year":2027,"verified":false}',
  users: '{"role":"officer","unitCode":"00004","locked":true}',
  'zalo-oas': '{}',
};

/** Administrators: the reference data (lists and edits), the intake queues (also the reception desk). */
export function registerAdminPaths(registry: OpenAPIRegistry, security: Security): void {
  const adminOnly = { 401: errors[401], 403: json(ZError, 'Administrators only') };
  for (const [resource, row] of Object.entries(ZReferenceRows) as Array<[keyof typeof ZReferenceRows, z.ZodType]>) {
    const name = resource.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
    const title = `${name[0]!.toUpperCase()}${name.slice(1)}`;
    registry.registerPath({
      operationId: `listReference${title}`,
      method: 'get',
      path: `/api/admin/reference/${resource}`,
      tags: ['administrators'],
      summary: `The reference list ${resource}`,
      security: security.officer,
      request: { query: listQuery(FILTERS[resource]) },
      responses: { 200: list(row, resource), 400: errors[400], ...adminOnly },
    });
    registry.registerPath({
      operationId: `getReference${title.replace(/s$/, '')}`,
      method: 'get',
      path: `/api/admin/reference/${resource}/{id}`,
      tags: ['administrators'],
      summary: `One row of ${resource} (the id is a code for units, a date for calendar days)`,
      security: security.officer,
      request: { params: pathParam('id') },
      responses: { 200: json(row, 'The row'), 404: errors[404], ...adminOnly },
    });
  }
  const edit = (
    operationId: string,
    method: 'post' | 'put',
    path: string,
    summary: string,
    body: z.ZodType,
    answer: z.ZodType,
    params?: z.ZodObject,
  ) =>
    registry.registerPath({
      operationId,
      method,
      path,
      tags: ['administrators'],
      summary,
      description: 'Logged with the administrator; deadlines pick changed rules and days up within a minute.',
      security: security.officer,
      request: { ...(params ? { params } : {}), body: { content: { 'application/json': { schema: body } } } },
      responses: {
        [method === 'post' ? 201 : 200]: json(answer, method === 'post' ? 'Added' : 'Changed'),
        400: errors[400],
        ...adminOnly,
        ...(method === 'put' ? { 404: errors[404] } : { 409: json(ZError, 'It exists already; edit it') }),
      },
    });
  const dayParam = pathParam('date', z.string().openapi({ example: '2027-02-06' }));
  edit(
    'addCalendarDay',
    'post',
    '/api/admin/reference/calendar-days',
    'Add a holiday or a compensating working day',
    ZCalendarDayEdit,
    ZReferenceRows['calendar-days'],
  );
  edit(
    'editCalendarDay',
    'put',
    '/api/admin/reference/calendar-days/{date}',
    'Change or confirm a calendar day',
    ZCalendarDayEdit.omit({ date: true }),
    ZReferenceRows['calendar-days'],
    dayParam,
  );
  edit(
    'editCategory',
    'put',
    '/api/admin/reference/categories/{id}',
    'Rename, retire, or route a category to a ministry or a level',
    ZCategoryEdit,
    ZCategoryEdit.extend({ id: z.number().int() }),
    idParam,
  );
  edit(
    'editSlaRule',
    'put',
    '/api/admin/reference/sla-rules/{id}',
    'Change a time limit, its verification or its end',
    ZSlaRuleEdit,
    ZSlaRuleEdit.extend({ id: z.number().int() }),
    idParam,
  );
  const user = ZUserCreate.omit({ password: true }).extend({ id: z.number().int(), active: z.boolean() });
  edit('addUser', 'post', '/api/admin/reference/users', 'Add an officer or an administrator', ZUserCreate, user);
  edit(
    'editUser',
    'put',
    '/api/admin/reference/users/{id}',
    'Change a user (an empty password keeps it; a change logs the user out everywhere)',
    ZUserEdit,
    ZUserEdit.omit({ password: true }).extend({ id: z.number().int() }),
    idParam,
  );
  registry.registerPath({
    operationId: 'unlockUser',
    method: 'post',
    path: '/api/admin/reference/users/{id}/unlock',
    tags: ['administrators'],
    summary: 'Lift a lock that failed logins earned',
    security: security.officer,
    request: { params: idParam },
    responses: {
      200: json(z.object({ id: z.number().int(), failedLogins: z.literal(0), lockedUntil: z.null() }), 'Unlocked'),
      404: errors[404],
      ...adminOnly,
    },
  });
  const oa = z
    .object({
      id: z.number().int(),
      oaId: z.string(),
      name: z.string(),
      unitCode: z.string(),
      appId: z.string(),
      active: z.boolean(),
    })
    .openapi('ZaloOa');
  edit('addZaloOa', 'post', '/api/admin/reference/zalo-oas', "Connect a unit's Zalo Official Account", ZZaloOaEdit, oa);
  edit(
    'editZaloOa',
    'put',
    '/api/admin/reference/zalo-oas/{id}',
    'Change an OA (empty secrets keep the stored ones; a new refresh token restarts the chain)',
    ZZaloOaEdit,
    oa,
    idParam,
  );

  const figures = {
    examples: z.number().int(),
    fromOfficers: z.number().int().openapi({ description: "Examples taken from officers' decisions" }),
    labels: z.number().int(),
    holdoutAccuracy: z
      .number()
      .nullable()
      .openapi({ description: 'Top-1 accuracy on every tenth example, held out from a model of the rest' }),
  };
  registry.registerPath({
    operationId: 'getTriageModel',
    method: 'get',
    path: '/api/admin/triage/model',
    tags: ['administrators'],
    summary: 'The category model in use: what it learnt from, and how it did on held-out examples',
    security: security.officer,
    responses: {
      200: json(
        z.object({ id: z.number().int(), trainedAt: z.string(), ...figures }).nullable(),
        'The newest model (null before the first training)',
      ),
      ...adminOnly,
    },
  });
  registry.registerPath({
    operationId: 'trainTriageModel',
    method: 'post',
    path: '/api/admin/triage/train',
    tags: ['administrators'],
    summary: "Train the category model now on the examples and every officer's decision (it also runs nightly)",
    security: security.officer,
    responses: {
      201: json(z.object({ modelId: z.number().int(), ...figures, milliseconds: z.number() }), 'Trained and in use'),
      ...adminOnly,
    },
  });

  const desk = { 401: errors[401], 403: json(ZError, 'Not an administrator or the reception desk') };
  registry.registerPath({
    operationId: 'listInboundItems',
    method: 'get',
    path: '/api/admin/inbound',
    tags: ['administrators'],
    summary: 'Inbound items (pending and failed by default), with their errors',
    security: security.officer,
    request: { query: listQuery('{"status":["failed","rejected"],"channel":"email"}') },
    responses: { 200: list(ZInboundItem, 'inbound'), 400: errors[400], ...desk },
  });
  registry.registerPath({
    operationId: 'getInboundRaw',
    method: 'get',
    path: '/api/admin/inbound/{id}/raw',
    tags: ['administrators'],
    summary:
      'An inbound item exactly as it arrived (contact data redacted, `X-Redacted: contact`, for whom may not see it)',
    security: security.officer,
    request: { params: idParam },
    responses: {
      200: {
        description: 'The bytes, as a download',
        content: {
          'message/rfc822': { schema: z.string().openapi({ format: 'binary' }) },
          'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      404: errors[404],
      ...desk,
    },
  });
  registry.registerPath({
    operationId: 'retryInboundItem',
    method: 'post',
    path: '/api/admin/inbound/{id}/retry',
    tags: ['administrators'],
    summary: 'Process a failed or pending inbound item again',
    security: security.officer,
    request: { params: idParam },
    responses: {
      200: json(
        z.discriminatedUnion('kind', [
          z.object({
            kind: z.literal('case'),
            caseId: z.number().int(),
            trackingCode: z.string(),
            status: z.string(),
            created: z.boolean(),
          }),
          z.object({ kind: z.literal('rejected'), error: ZError.shape.error.catchall(z.unknown()) }),
          z.object({ kind: z.literal('ignored'), reason: z.string() }),
          z.object({ kind: z.literal('recorded'), note: z.string() }),
          z.object({ kind: z.literal('failed'), error: z.string() }),
        ]),
        'What processing decided',
      ),
      404: errors[404],
      409: json(ZError, 'Not failed or pending'),
      ...desk,
    },
  });
  registry.registerPath({
    operationId: 'listOutbox',
    method: 'get',
    path: '/api/admin/outbox',
    tags: ['administrators'],
    summary: 'Outbox messages (dead letters by default)',
    security: security.officer,
    request: { query: listQuery('{"status":["dead","retrying"],"kind":"email"}') },
    responses: { 200: list(ZOutboxMessage, 'outbox'), 400: errors[400], ...desk },
  });
  registry.registerPath({
    operationId: 'retryOutboxMessage',
    method: 'post',
    path: '/api/admin/outbox/{id}/retry',
    tags: ['administrators'],
    summary: 'Send a dead message again',
    security: security.officer,
    request: { params: idParam },
    responses: {
      200: json(z.object({ id: z.number().int(), status: z.literal('pending') }), 'Queued again'),
      409: json(ZError, 'Not dead'),
      ...desk,
    },
  });
}
