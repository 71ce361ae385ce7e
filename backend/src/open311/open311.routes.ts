import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import { Category, type MikroORM, type Open311CaseRow, findOpen311Requests, findOpen311Token } from '@caunoi/db';
import { attributesOf, canApiClientReadCase, normaliseTrackingCode } from '@caunoi/workflows';
import type { ApiClientAuth } from '../agencies/api-client-auth';
import { AppError } from '../http/app-error';
import { isDatabaseUnavailable } from '../http/database-unavailable';
import type { RateLimits } from '../http/rate-limits';
import type { IntakeReceiver } from '../intake/group-commit';
import { type Open311Format, formatOf, sendOpen311, sendOpen311Errors } from './open311-format';

export interface Open311Deps {
  orm: MikroORM;
  intake: IntakeReceiver;
  apiClients: ApiClientAuth;
  limits: RateLimits;
  /** PUBLIC_URL; absent, discovery names the address the request came to. */
  publicUrl: string | undefined;
}

const LEGAL_TRACK_GROUPS: Record<string, { vi: string; en: string }> = {
  pakn: { vi: 'Phản ánh, kiến nghị', en: 'Feedback and petitions' },
  complaint: { vi: 'Khiếu nại', en: 'Complaints' },
  denunciation: { vi: 'Tố cáo', en: 'Denunciations' },
  conduct: { vi: 'Thái độ, hành vi công chức', en: "Officials' conduct" },
};

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under `/open311/v2/`, in `.json`
 * and `.xml`, with discovery at `/open311/discovery.json`: the hub that cities' and provinces'
 * apps plug into. Services are CauNoi's categories; a request is a case, its
 * `service_request_id` the tracking code. Posting needs an agency's API key with the `submit`
 * scope and goes through the same intake as the portal (stored raw first, then processed).
 * Requests carry no citizen data; their words only for a key that may read the case's unit.
 */
export function createOpen311Routes(deps: Open311Deps): Router {
  const router = Router();
  const { orm } = deps;
  // Reading needs no key (then the public limit applies); a key with the read scope shows more.
  const readKey = deps.apiClients.require(null, {
    optional: true,
    keyOf: (req) => (typeof req.query.api_key === 'string' ? req.query.api_key : undefined),
  });
  router.use((req, res, next) => {
    if (req.method !== 'GET') return next();
    readKey(req, res, (error?: unknown) =>
      error ? next(error) : req.apiClient ? next() : deps.limits.public(req, res, next),
    );
  });

  router.get(['/discovery.json', '/discovery.xml'], (req, res) => {
    const base = deps.publicUrl ?? `${req.protocol}://${req.get('host')}`;
    sendOpen311(res, formatOf(req.path)!, 'discovery', 'discovery', {
      changeset: '2026-12-02T00:00:00Z',
      contact: 'Văn phòng Chính phủ — CauNoi',
      key_service: `${base}/admin/ (an administrator issues agency keys)`,
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${base}/open311/v2`,
          changeset: '2026-12-02T00:00:00Z',
          type: 'production',
          formats: ['application/json', 'text/xml'],
        },
      ],
    });
  });

  router.get('/v2/:file', async (req, res, next) => {
    const { name, format } = splitFile(String(req.params.file));
    if (name !== 'services' && name !== 'requests') return next();
    if (name === 'services') return void (await sendServices(req, res, format));
    await sendRequests(req, res, format, await requestsFilter(req));
  });

  router.get('/v2/services/:file', async (req, res) => {
    const { name: code, format } = splitFile(String(req.params.file));
    const category = await orm.em.fork().findOne(Category, { code, active: true });
    if (!category) throw new Open311Error(404, `No service with the service_code ${code}; see GET services`);
    const english = isEnglish(req);
    sendOpen311(res, format, 'service_definition', 'service_definition', {
      service_code: code,
      attributes: attributesOf(code).map((a, i) => ({
        variable: true,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description:
          a.datatype === 'datetime'
            ? 'ISO 8601, e.g. 2026-12-01T07:30:00+07:00'
            : a.maxLength
              ? `at most ${a.maxLength} characters`
              : null,
        order: i + 1,
        description: english ? a.en : a.vi,
        ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: english ? v.en : v.vi })) } : {}),
      })),
    });
  });

  router.get('/v2/requests/:file', async (req, res) => {
    const { name, format } = splitFile(String(req.params.file));
    const code = normaliseTrackingCode(name);
    if (!code) throw new Open311Error(404, `No request ${name}`);
    const found = await visibleRequests(req, { trackingCodes: [code] }, { offset: 0, limit: 1 });
    if (!found.length) throw new Open311Error(404, `No request ${name}`);
    sendOpen311(res, format, 'service_requests', 'request', found);
  });

  router.get('/v2/tokens/:file', async (req, res) => {
    const { name, format } = splitFile(String(req.params.file));
    const itemId = /^inb-(\d{1,15})$/.exec(name)?.[1];
    const token = itemId ? await findOpen311Token(orm.em.fork(), Number(itemId)) : null;
    if (!token) throw new Open311Error(404, `No token ${name}`);
    sendOpen311(res, format, 'service_requests', 'request', [{ token: name, service_request_id: token.trackingCode }]);
  });

  // Intake reads raw bodies: stored exactly as they arrived, before they are parsed.
  router.post(
    '/v2/:file',
    express.raw({ type: () => true, limit: '2mb' }),
    (req, _res, next) => (splitFile(String(req.params.file)).name === 'requests' ? next() : next('route')),
    deps.apiClients.require('submit', { keyOf: (req) => formField(req, 'api_key') }),
    async (req, res) => {
      const { format } = splitFile(String(req.params.file));
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      await deps.limits.bytes.take(`api-key:${req.apiClient!.id}`, raw.length);
      const client = req.apiClient!;
      const { itemId, outcome: processing } = await deps.intake.receive({
        channel: 'portal',
        externalId: `open311:client:${client.id}:${req.header('idempotency-key') ?? randomUUID()}`,
        contentType: req.header('content-type') ?? 'application/x-www-form-urlencoded',
        raw,
        meta: { kind: 'open311', apiClientId: client.id, apiClientUnit: client.unitCode, ip: req.ip },
        receivedAt: new Date(),
      });
      const outcome = await processing;
      if (outcome.kind === 'case')
        return sendOpen311(res, format, 'service_requests', 'request', [
          {
            service_request_id: outcome.trackingCode,
            service_notice: `Đã tiếp nhận; mã hồ sơ ${outcome.trackingCode}`,
            account_id: null,
          },
        ]);
      if (outcome.kind === 'rejected') throw outcome.error;
      if (outcome.kind === 'failed')
        // Kept and queued for retry: GET tokens/{token} gives the service_request_id once it exists.
        return sendOpen311(res, format, 'service_requests', 'request', [
          { token: `inb-${itemId}`, service_notice: 'Received; it will be registered shortly' },
        ]);
      throw new Open311Error(400, outcome.kind === 'ignored' ? outcome.reason : outcome.note);
    },
  );

  // Errors in the specification's format, in the format the path asked for.
  router.use((error: unknown, req: Request, res: Response, _next: (error?: unknown) => void) => {
    const format: Open311Format = formatOf(req.path) ?? 'json';
    if (error instanceof Open311Error)
      return sendOpen311Errors(res, format, error.status, [{ description: error.message }]);
    if (error instanceof AppError) {
      if (error.code === 'RATE_LIMITED')
        res.setHeader('Retry-After', String(Number(error.details?.retryAfterSeconds) || 60));
      const fields = (error.details?.fields as Array<{ field: string; message: string }> | undefined) ?? [];
      const descriptions = fields.length
        ? fields.map((f) => ({ description: `${f.field}: ${f.message}` }))
        : [{ description: error.message }];
      return sendOpen311Errors(res, format, error.status, descriptions);
    }
    if (isDatabaseUnavailable(error)) {
      res.setHeader('Retry-After', '5');
      return sendOpen311Errors(res, format, 503, [
        { description: 'The service is not reachable right now; try again in 5 seconds' },
      ]);
    }
    req.log.error({ err: error }, 'Open311 request failed');
    sendOpen311Errors(res, format, 500, [
      { description: `Something went wrong on our side; quote ${String(req.id ?? '')}` },
    ]);
  });

  async function sendServices(req: Request, res: Response, format: Open311Format): Promise<void> {
    const english = isEnglish(req);
    const categories = await orm.em.fork().find(Category, { active: true }, { orderBy: { code: 'asc' } });
    sendOpen311(
      res,
      format,
      'services',
      'service',
      categories.map((c) => ({
        service_code: c.code,
        service_name: english ? c.nameEn : c.nameVi,
        description: english ? c.nameEn : c.nameVi,
        metadata: attributesOf(c.code).length > 0,
        type: 'realtime',
        keywords: [c.code.replaceAll('-', ' '), c.legalTrack].join(', '),
        group: (LEGAL_TRACK_GROUPS[c.legalTrack] ?? LEGAL_TRACK_GROUPS.pakn!)[english ? 'en' : 'vi'],
      })),
    );
  }

  async function sendRequests(req: Request, res: Response, format: Open311Format, filter: RequestsFilter) {
    const rows = await visibleRequests(req, filter.filter, filter.page);
    sendOpen311(res, format, 'service_requests', 'request', rows);
  }

  /** The requests as this caller may see them: the words only for a key that may read the case's unit. */
  async function visibleRequests(
    req: Request,
    filter: Parameters<typeof findOpen311Requests>[1],
    page: { offset: number; limit: number },
  ) {
    const rows = await findOpen311Requests(orm.em.fork(), filter, page);
    return rows.map((row) => toOpen311Request(row, canApiClientReadCase(req.apiClient ?? null, row.owningUnitPath)));
  }

  return router;
}

/** `locale=en…` asks for English names; Vietnamese otherwise. */
function isEnglish(req: Request): boolean {
  return String(req.query.locale ?? '')
    .toLowerCase()
    .startsWith('en');
}

class Open311Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function splitFile(file: string): { name: string; format: Open311Format } {
  const format = formatOf(file);
  if (!format) throw new Open311Error(404, `Ask for ${file}.json or ${file}.xml`);
  return { name: decodeURIComponent(file.slice(0, -(format.length + 1))), format };
}

/** A field of a form-encoded body (Open311 sends api_key there), or of the query. */
function formField(req: Request, name: string): string | undefined {
  if (typeof req.query[name] === 'string') return req.query[name] as string;
  const type = (req.header('content-type') ?? '').toLowerCase();
  if (!Buffer.isBuffer(req.body) || !type.startsWith('application/x-www-form-urlencoded')) return undefined;
  return new URLSearchParams(req.body.toString('utf8')).get(name) ?? undefined;
}

interface RequestsFilter {
  filter: Parameters<typeof findOpen311Requests>[1];
  page: { offset: number; limit: number };
}

/** The specification's filters; by default the last 90 days, at most 1,000 requests (paged by `page`, `page_size`). */
async function requestsFilter(req: Request): Promise<RequestsFilter> {
  const q = req.query as Record<string, unknown>;
  const date = (name: string): Date | undefined => {
    if (typeof q[name] !== 'string' || !q[name]) return undefined;
    const d = new Date(q[name] as string);
    if (Number.isNaN(d.getTime())) throw new Open311Error(400, `${name}: a w3 date-time, e.g. 2026-11-01T00:00:00Z`);
    return d;
  };
  const ids =
    typeof q.service_request_id === 'string'
      ? q.service_request_id
          .split(',')
          .map((id) => normaliseTrackingCode(id.trim()))
          .filter((id): id is string => !!id)
      : undefined;
  const status = typeof q.status === 'string' ? q.status.toLowerCase() : undefined;
  if (status && status !== 'open' && status !== 'closed') throw new Open311Error(400, 'status: open or closed');
  const pageSize = Math.min(Math.max(Number(q.page_size) || 1000, 1), 1000);
  const page = Math.max(Number(q.page) || 1, 1);
  const to = date('end_date');
  const from = date('start_date') ?? (ids ? undefined : new Date((to ?? new Date()).getTime() - 90 * 86_400_000));
  return {
    filter: {
      ...(ids ? { trackingCodes: ids } : {}),
      ...(typeof q.service_code === 'string' && q.service_code ? { categoryCode: q.service_code } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(status ? { open: status === 'open' } : {}),
    },
    page: { offset: (page - 1) * pageSize, limit: pageSize },
  };
}

const STATUS_NOTES: Record<string, string> = {
  received: 'Đã tiếp nhận',
  triage: 'Đang phân loại',
  routed: 'Đã chuyển đơn vị xử lý',
  inProgress: 'Đang xử lý',
  awaitingApproval: 'Đang xử lý',
  awaitingCitizen: 'Chờ người dân bổ sung',
  resolved: 'Đã trả lời',
  closed: 'Đã kết thúc',
  rejected: 'Không tiếp nhận',
  merged: 'Đã gộp vào hồ sơ khác',
};

function toOpen311Request(row: Open311CaseRow, withWords: boolean) {
  const closed = ['resolved', 'closed', 'rejected', 'merged'].includes(row.status);
  return {
    service_request_id: row.trackingCode,
    status: closed ? 'closed' : 'open',
    status_notes: STATUS_NOTES[row.status] ?? row.status,
    service_name: row.categoryNameVi,
    service_code: row.categoryCode,
    // The citizen's words only for the agency that handles it; no one gets contact data here.
    description: withWords ? `${row.title}\n\n${row.body}` : null,
    agency_responsible: row.owningUnitName,
    service_notice: null,
    requested_datetime: row.receivedAt.toISOString(),
    updated_datetime: row.updatedAt.toISOString(),
    expected_datetime: row.resolveDueAt?.toISOString() ?? null,
    address: [row.communeName, row.provinceName].filter(Boolean).join(', ') || null,
    address_id: null,
    zipcode: null,
    lat: row.latitude,
    long: row.longitude,
    media_url: null,
  };
}
