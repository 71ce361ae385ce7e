import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { ZLoginRequest, ZLoginResponse, ZOfficer } from '../auth/auth.schemas';
import { ZAuditVerdict, ZCaseDetail, ZCaseListItem, ZTransitionRequest } from '../cases/case.schemas';
import { ZEscalationReport, ZEscalationReportQuery } from '../reports/report.schemas';
import { z } from './zod';

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

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = {
  400: json(ZError, 'Invalid input; `error.fields` names the fields'),
  401: json(ZError, 'Not logged in'),
  404: json(ZError, 'Not found, or outside your jurisdiction'),
};

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(serverUrl: string) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  const secured = [{ [bearer.name]: [] }];
  const caseId = z.object({ id: z.number().int().openapi({ param: { name: 'id', in: 'path' } }) });

  registry.registerPath({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Log in as an officer',
    request: { body: { content: { 'application/json': { schema: ZLoginRequest } } } },
    responses: { 200: json(ZLoginResponse, 'A token for `Authorization: Bearer …`'), 400: errors[400], 401: json(ZError, 'Wrong email or password') },
  });
  registry.registerPath({ method: 'get', path: '/api/auth/me', summary: 'The logged-in officer', security: secured, responses: { 200: json(ZOfficer, 'The officer'), 401: errors[401] } });
  registry.registerPath({
    method: 'get',
    path: '/api/cases',
    summary: 'Cases in your jurisdiction (ra-data-simple-rest: sort, range, filter as JSON; total in Content-Range)',
    security: secured,
    request: {
      query: z.object({
        sort: z.string().optional().openapi({ example: '["receivedAt","DESC"]' }),
        range: z.string().optional().openapi({ example: '[0,24]' }),
        filter: z.string().optional().openapi({ example: '{"status":["routed","inProgress"],"overdue":true,"q":"duong ngap"}' }),
      }),
    },
    responses: { 200: json(z.array(ZCaseListItem), 'One page of cases'), 400: errors[400], 401: errors[401] },
  });
  registry.registerPath({ method: 'get', path: '/api/cases/{id}', summary: 'One case with timeline, messages and available transitions', security: secured, request: { params: caseId }, responses: { 200: json(ZCaseDetail, 'The case'), 401: errors[401], 404: errors[404] } });
  registry.registerPath({
    method: 'post',
    path: '/api/cases/{id}/transitions',
    summary: 'Move a case through its lifecycle',
    security: secured,
    request: { params: caseId, body: { content: { 'application/json': { schema: ZTransitionRequest } } } },
    responses: { 200: json(ZCaseDetail, 'The case after the transition'), ...errors, 409: json(ZError, 'Stale version, or a transition the case does not allow now (`error.guard` names the rule)') },
  });
  registry.registerPath({ method: 'get', path: '/api/cases/{id}/audit/verify', summary: "Recompute the case's audit hash chain", security: secured, request: { params: caseId }, responses: { 200: json(ZAuditVerdict, 'The verdict'), 401: errors[401], 404: errors[404] } });

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
    path: '/api/reports/escalations.csv',
    summary: 'The same summary as CSV',
    security: secured,
    request: { query: ZEscalationReportQuery },
    responses: { 200: { description: 'CSV, UTF-8 with BOM', content: { 'text/csv': { schema: z.string() } } }, 401: errors[401] },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'CauNoi API', version: '0.1.0', description: "Citizens' feedback and petitions, turned into cases answered on time." },
    servers: [{ url: serverUrl }],
  });
}
