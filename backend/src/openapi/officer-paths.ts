import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  ZAuditVerdict,
  ZCaseDetail,
  ZCaseListItem,
  ZConcern,
  ZConcernUpdate,
  ZSurgeRule,
  ZDashboard,
  ZDashboardQuery,
  ZEscalationReport,
  ZEscalationReportQuery,
  ZLoginRequest,
  ZLoginResponse,
  ZOfficer,
  ZSimilarCase,
  ZTransitionRequest,
  ZTransitionResult,
  ZUnitOption,
  z,
} from '@caunoi/contract';
import { type Security, ZError, ZTransitionConflict, errors, idParam, json, list, listQuery } from './openapi-parts';

/** Officers' endpoints: login, cases and their transitions, reports, the unit picker. */
export function registerOfficerPaths(registry: OpenAPIRegistry, security: Security): void {
  registry.registerPath({
    operationId: 'login',
    method: 'post',
    path: '/api/auth/login',
    tags: ['officers'],
    summary: 'Log in as an officer',
    description: 'Failed logins are limited per address and per account; a locked account says until when.',
    request: { body: { content: { 'application/json': { schema: ZLoginRequest } } } },
    responses: {
      200: json(ZLoginResponse, 'A token for `Authorization: Bearer …`'),
      400: errors[400],
      401: json(ZError, 'Wrong email or password, or the account is locked'),
      429: errors[429],
    },
  });
  registry.registerPath({
    operationId: 'getMe',
    method: 'get',
    path: '/api/auth/me',
    tags: ['officers'],
    summary: 'The logged-in officer',
    security: security.officer,
    responses: { 200: json(ZOfficer, 'The officer'), 401: errors[401] },
  });
  registry.registerPath({
    operationId: 'listCases',
    method: 'get',
    path: '/api/cases',
    tags: ['officers'],
    summary: "Cases in your jurisdiction (or your key unit's, with the read scope)",
    description:
      "react-admin's simple REST dialect. The total is counted up to LIST_COUNT_CAP (a text search: up to 200, or what it found among the newest 2,000 cases in scope when sorted by receipt); past it `X-Total-Exact: false` and the total is a lower bound.",
    security: security.officerOrApiKey,
    request: { query: listQuery('{"status":["routed","inProgress"],"overdue":true,"q":"duong ngap"}') },
    responses: { 200: list(ZCaseListItem, 'cases'), 400: errors[400], 401: errors[401] },
  });
  registry.registerPath({
    operationId: 'getCase',
    method: 'get',
    path: '/api/cases/{id}',
    tags: ['officers'],
    summary: 'One case with timeline, messages and available transitions',
    security: security.officerOrApiKey,
    request: { params: idParam },
    responses: { 200: json(ZCaseDetail, 'The case'), 400: errors[400], 401: errors[401], 404: errors[404] },
  });
  registry.registerPath({
    operationId: 'getCaseAttachment',
    method: 'get',
    path: '/api/cases/{id}/attachments/{attachmentId}',
    tags: ['officers'],
    summary: 'A file the citizen sent, as a download (never rendered in our origin)',
    security: security.officerOrApiKey,
    request: {
      params: idParam.extend({
        attachmentId: z
          .number()
          .int()
          .openapi({ param: { name: 'attachmentId', in: 'path' } }),
      }),
    },
    responses: {
      200: {
        description: 'The file, with its checked type and `Content-Disposition: attachment`',
        content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      401: errors[401],
      404: errors[404],
    },
  });
  registry.registerPath({
    operationId: 'transitionCase',
    method: 'post',
    path: '/api/cases/{id}/transitions',
    tags: ['officers'],
    summary: 'Move a case through its lifecycle',
    description:
      'Answers with the case page after the transition; with `Prefer: return=minimal`, only its new state and version (TransitionResult), and `Preference-Applied: return=minimal`. A case that left your jurisdiction by the transition (a transfer) answers its TransitionResult with `inYourJurisdiction: false`.',
    security: security.officerOrApiKey,
    request: {
      params: idParam,
      headers: z.object({ Prefer: z.literal('return=minimal').optional() }),
      body: { content: { 'application/json': { schema: ZTransitionRequest } } },
    },
    responses: {
      200: json(
        z.union([ZCaseDetail, ZTransitionResult.extend({ inYourJurisdiction: z.literal(false).optional() })]),
        'The case after the transition, or its new state (minimal)',
      ),
      400: errors[400],
      401: errors[401],
      404: errors[404],
      409: json(ZTransitionConflict, 'A stale version, or a transition the case does not take now'),
    },
  });
  registry.registerPath({
    operationId: 'listSimilarCases',
    method: 'get',
    path: '/api/cases/{id}/similar',
    tags: ['officers'],
    summary:
      'Likely duplicates: open cases of the same commune (or province) with alike words, any channel, each with why',
    security: security.officerOrApiKey,
    request: { params: idParam },
    responses: {
      200: json(z.array(ZSimilarCase), 'At most five, most alike first'),
      401: errors[401],
      404: errors[404],
    },
  });
  registry.registerPath({
    operationId: 'verifyCaseAudit',
    method: 'get',
    path: '/api/cases/{id}/audit/verify',
    tags: ['officers'],
    summary: "Recompute the case's audit hash chain",
    security: security.officerOrApiKey,
    request: { params: idParam },
    responses: { 200: json(ZAuditVerdict, 'The verdict'), 401: errors[401], 404: errors[404] },
  });
  registry.registerPath({
    operationId: 'listUnits',
    method: 'get',
    path: '/api/units',
    tags: ['officers'],
    summary: 'Current units for the pickers, searched by name or code with or without diacritics',
    security: security.officer,
    request: { query: listQuery('{"q":"ba dinh","level":"commune"}') },
    responses: { 200: list(ZUnitOption, 'units'), 400: errors[400], 401: errors[401] },
  });

  registry.registerPath({
    operationId: 'getEscalationReport',
    method: 'get',
    path: '/api/reports/escalations',
    tags: ['reports'],
    summary: 'Government Office summary per unit, with a national total (no citizen contact data)',
    security: security.officerOrApiKey,
    request: { query: ZEscalationReportQuery },
    responses: { 200: json(ZEscalationReport, 'The summary'), 400: errors[400], 401: errors[401], 403: errors[403] },
  });
  registry.registerPath({
    operationId: 'getDashboard',
    method: 'get',
    path: '/api/reports/dashboard',
    tags: ['reports'],
    summary: 'The dashboard in one request: the summary and the weekly trend of received cases and on-time answers',
    security: security.officerOrApiKey,
    request: { query: ZDashboardQuery },
    responses: { 200: json(ZDashboard, 'Summary and trend'), 400: errors[400], 401: errors[401], 403: errors[403] },
  });
  const oversight = { 401: errors[401], 403: json(ZError, 'The Government Office and administrators only') };
  registry.registerPath({
    operationId: 'listConcerns',
    method: 'get',
    path: '/api/reports/concerns',
    tags: ['reports'],
    summary: 'Emerging concerns: alike submissions across units and channels, fastest growing first (no citizen data)',
    security: security.officer,
    request: {
      query: z.object({
        minSize: z.number().int().optional().openapi({ description: 'At least so many cases (default 2)' }),
        limit: z.number().int().optional(),
      }),
    },
    responses: { 200: json(z.array(ZConcern), 'The concerns'), 400: errors[400], ...oversight },
  });
  registry.registerPath({
    operationId: 'listConcernCases',
    method: 'get',
    path: '/api/reports/concerns/{id}/cases',
    tags: ['reports'],
    summary: 'The cases behind a concern, newest first (at most 200; no citizen data)',
    security: security.officer,
    request: { params: idParam },
    responses: { 200: json(z.array(ZCaseListItem), 'The cases'), ...oversight },
  });
  registry.registerPath({
    operationId: 'getSurgeRule',
    method: 'get',
    path: '/api/reports/concerns/surge-rule',
    tags: ['reports'],
    summary: 'When a concern surges (the live alert and the digest), and how alike a case must be to join one',
    security: security.officer,
    responses: { 200: json(ZSurgeRule, 'The surge rule'), ...oversight },
  });
  registry.registerPath({
    operationId: 'updateSurgeRule',
    method: 'put',
    path: '/api/reports/concerns/surge-rule',
    tags: ['reports'],
    summary: 'Change the surge rule; the next assignment uses it',
    security: security.officer,
    request: { body: { content: { 'application/json': { schema: ZSurgeRule } } } },
    responses: { 200: json(ZSurgeRule, 'The surge rule now'), 400: errors[400], ...oversight },
  });
  registry.registerPath({
    operationId: 'updateConcern',
    method: 'put',
    path: '/api/reports/concerns/{id}',
    tags: ['reports'],
    summary: 'Name a concern and give it a lead unit',
    security: security.officer,
    request: { params: idParam, body: { content: { 'application/json': { schema: ZConcernUpdate } } } },
    responses: { 200: json(ZConcern, 'The concern'), 400: errors[400], 404: errors[404], ...oversight },
  });
  registry.registerPath({
    operationId: 'getEscalationReportCsv',
    method: 'get',
    path: '/api/reports/escalations.csv',
    tags: ['reports'],
    summary: 'The same summary as CSV (cells that a spreadsheet would run as formulas are neutralised)',
    security: security.officerOrApiKey,
    request: { query: ZEscalationReportQuery },
    responses: {
      200: { description: 'CSV, UTF-8 with BOM', content: { 'text/csv': { schema: z.string() } } },
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  });
}
