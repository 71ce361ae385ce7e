import { randomUUID } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import { Category, type MikroORM, OrgUnit, findVisibleAttachmentContent } from '@caunoi/db';
import { type Language, normaliseTrackingCode } from '@caunoi/workflows';
import { AppError } from '../../../http/app-error';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../../../http/database-unavailable';
import type { IntakeOutcome } from '../../../intake/intake-processor';
import type { IntakeReceiver } from '../../../intake/group-commit';
import { getPublicCase } from '../public-case';
import { findCaseByKey } from '../portal-intake';
import type { RateLimits } from '../../../http/rate-limits';
import { type BodyBudget, MAX_UPLOAD_BODY_BYTES } from '../../../http/body-budget';
import { readFormBody } from '../read-form-body';
import type { Html } from './html';
import { type Operator, layout } from './layout';
import { PORTAL_TEXTS, type PortalTexts } from './portal-texts';
import { type FieldProblem, PAGE_PROBLEMS, fieldMessage } from './field-messages';
import { type Choice, PORTAL_SCRIPT, receivedPage, savedLaterPage, submitPage } from './submit-page';
import { casePage, errorPage, trackFormPage } from './track-page';

export interface PortalPagesDeps {
  orm: MikroORM;
  intake: IntakeReceiver;
  /** The public limits, shared by every replica. */
  limits: RateLimits;
  /** Large bodies are read within this process's memory budget for them. */
  bodies: BodyBudget;
  /** The agency that operates the portal, named on every page (PORTAL_OPERATOR). */
  operator: Operator;
}

/**
 * The citizen portal at `/` (submit, track, reply), rendered on the server so that it works
 * without JavaScript, on old phones and with screen readers. Forms post to the same intake as the
 * API: the raw body is stored first, then processed; a refused form comes back with its values
 * and an error next to each field.
 */
export function createPortalPages(deps: PortalPagesDeps): Router {
  const router = Router();
  const limit = deps.limits.public;
  const raw = deps.bodies.raw(MAX_UPLOAD_BODY_BYTES);
  const reference = cachedReference(deps.orm);
  const send = (res: Response, status: number, t: PortalTexts, title: string, req: Request, body: Html) =>
    sendPage(res, status, t, title, req, body, deps.operator);

  router.get('/portal.js', (_req, res) => {
    res.type('application/javascript').setHeader('Cache-Control', 'public, max-age=3600').send(PORTAL_SCRIPT);
  });

  router.get('/', async (req, res) => {
    const t = texts(req);
    const values = stringValues(req.query as Record<string, unknown>);
    send(
      res,
      200,
      t,
      t.submitHeading,
      req,
      submitPage(t, { values, errors: {}, token: randomUUID(), ...(await reference(values.provinceCode)) }),
    );
  });

  router.post('/submit', limit, raw, async (req, res) => {
    const t = texts(req);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const contentType = req.header('content-type') ?? '';
    const parsed = await readFormBody(body, contentType).catch(() => null);
    const values = stringValues(parsed?.fields ?? {});
    // The hidden token makes a double click (or a resend after a timeout) one submission.
    const token = /^[0-9a-f-]{36}$/.test(values.submissionToken ?? '') ? values.submissionToken! : randomUUID();
    const outcome = await store(deps, req, body, contentType, `submission:form:${token}`, { kind: 'submission' });
    if (outcome.kind === 'case')
      return send(
        res,
        200,
        t,
        t.receivedHeading,
        req,
        receivedPage(t, outcome.trackingCode, outcome.accessKey, outcome.expectedAnswerAt),
      );
    if (outcome.kind === 'failed') return send(res, 202, t, t.receivedHeading, req, savedLaterPage(t));
    const errors =
      outcome.kind === 'rejected'
        ? fieldErrors(outcome.error, t)
        : { '(body)': outcome.kind === 'ignored' ? outcome.reason : outcome.note };
    send(
      res,
      400,
      t,
      t.submitHeading,
      req,
      submitPage(t, { values, errors, token: randomUUID(), ...(await reference(values.provinceCode)) }),
    );
  });

  router.get('/track', deps.limits.statusLookups, async (req, res) => {
    const t = texts(req);
    const code = String(req.query.code ?? '').trim();
    const key = String(req.query.key ?? '').trim();
    if (!code || !key) return send(res, 200, t, t.trackHeading, req, trackFormPage(t, { code, key }, null));
    const trackingCode = normaliseTrackingCode(code);
    try {
      if (!trackingCode) throw new AppError('NOT_FOUND', 'bad code');
      const kase = await getPublicCase(deps.orm.em.fork(), trackingCode, key);
      send(res, 200, t, kase.title, req, casePage(t, kase, key, {}));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
      send(res, 404, t, t.trackHeading, req, trackFormPage(t, { code, key }, t.notFound));
    }
  });

  // A file of the citizen's own case (theirs, or the answer's signed document): with the code and key, as a download.
  router.get('/track/file', deps.limits.statusLookups, async (req, res) => {
    const t = texts(req);
    const trackingCode = normaliseTrackingCode(String(req.query.code ?? '')) ?? '';
    const id = Number(req.query.id);
    try {
      const em = deps.orm.em.fork();
      const kase = await findCaseByKey(em, trackingCode, String(req.query.key ?? ''));
      const file = Number.isInteger(id) && id > 0 ? await findVisibleAttachmentContent(em, kase.id, id) : null;
      if (!file) throw new AppError('NOT_FOUND', 'No such file');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.type(file.mime).attachment(file.fileName).send(file.content);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
      send(res, 404, t, t.trackHeading, req, trackFormPage(t, { code: trackingCode, key: '' }, t.notFound));
    }
  });

  router.post('/track/reply', limit, deps.limits.statusLookups, raw, async (req, res) => {
    const t = texts(req);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const contentType = req.header('content-type') ?? '';
    const fields = stringValues((await readFormBody(body, contentType).catch(() => null))?.fields ?? {});
    const trackingCode = normaliseTrackingCode(fields.code ?? '') ?? '';
    const outcome = await store(deps, req, body, contentType, `reply:form:${randomUUID()}`, {
      kind: 'reply',
      trackingCode,
    });
    const back = `/track?lang=${t.lang}&code=${encodeURIComponent(trackingCode)}&key=${encodeURIComponent(fields.key ?? '')}`;
    // An appeal opened a case at the level above: the citizen goes on to its page, with its own key.
    if (outcome.kind === 'case' && outcome.created)
      return void res.redirect(
        303,
        `/track?lang=${t.lang}&code=${encodeURIComponent(outcome.trackingCode)}&key=${encodeURIComponent(outcome.accessKey)}`,
      );
    if (outcome.kind === 'case' || outcome.kind === 'failed') return void res.redirect(303, back);
    const errors =
      outcome.kind === 'rejected'
        ? fieldErrors(outcome.error, t)
        : { '(body)': outcome.kind === 'ignored' ? outcome.reason : outcome.note };
    try {
      const kase = await getPublicCase(deps.orm.em.fork(), trackingCode, fields.key ?? '');
      send(res, 400, t, kase.title, req, casePage(t, kase, fields.key ?? '', errors));
    } catch {
      send(
        res,
        404,
        t,
        t.trackHeading,
        req,
        trackFormPage(t, { code: fields.code ?? '', key: fields.key ?? '' }, t.notFound),
      );
    }
  });

  // A post the router could not take (too many from one address, too large, the database away, a
  // fault of ours) is answered with the page and the reason in the page's language, never JSON.
  router.use(async (error: unknown, req: Request, res: Response, next: (error?: unknown) => void) => {
    const t = texts(req);
    const problem = pageProblem(error, req);
    if (!problem) return next(error);
    if (problem.kind === 'failed') req.log.error({ err: error }, 'portal form post failed');
    const say = PAGE_PROBLEMS[t.lang as Language];
    const message = problem.kind === 'failed' ? `${say.failed}${String(req.id ?? '')}` : say[problem.kind];
    if (problem.retryAfter) res.setHeader('Retry-After', String(problem.retryAfter));
    if (req.path.startsWith('/track'))
      return send(res, problem.status, t, t.trackHeading, req, trackFormPage(t, { code: '', key: '' }, message));
    const page = submitPage(t, {
      values: {},
      errors: { '(body)': message },
      token: randomUUID(),
      ...(await reference(undefined).catch(() => ({ categories: [], provinces: [], communes: [] }))),
    });
    send(res, problem.status, t, t.submitHeading, req, page);
  });

  return router;
}

/** How a failed form post is explained; null for errors that are not the portal pages' to answer. */
function pageProblem(
  error: unknown,
  req: Request,
): {
  kind: 'rateLimited' | 'lookupLimited' | 'quotaExceeded' | 'tooLarge' | 'unavailable' | 'failed';
  status: number;
  retryAfter?: number;
} | null {
  const retryAfter = error instanceof AppError ? Number(error.details?.retryAfterSeconds) || 60 : 60;
  if (req.path.startsWith('/track') && error instanceof AppError && error.code === 'RATE_LIMITED')
    return {
      kind: String(error.details?.limit).startsWith('lookup') ? 'lookupLimited' : 'rateLimited',
      status: 429,
      retryAfter,
    };
  if (req.method !== 'POST') return null;
  if (error instanceof AppError && error.code === 'RATE_LIMITED')
    return { kind: 'rateLimited', status: 429, retryAfter };
  if (
    (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE') ||
    (error as { type?: string })?.type === 'entity.too.large'
  )
    return { kind: 'tooLarge', status: 413 };
  if (isDatabaseUnavailable(error) || (error instanceof AppError && error.code === 'UNAVAILABLE'))
    return { kind: 'unavailable', status: 503, retryAfter: DATABASE_RETRY_AFTER_SECONDS };
  return { kind: 'failed', status: 500 };
}

async function store(
  deps: PortalPagesDeps,
  req: Request,
  raw: Buffer,
  contentType: string,
  externalId: string,
  meta: Record<string, unknown>,
): Promise<IntakeOutcome> {
  await deps.limits.bytes.take(req.ip ?? '', raw.length);
  const { outcome } = await deps.intake.receive({
    channel: 'portal',
    externalId,
    contentType,
    raw,
    meta: { ...meta, form: true, ip: req.ip, userAgent: req.header('user-agent') ?? null },
    receivedAt: new Date(),
  });
  return outcome;
}

function texts(req: Request): PortalTexts {
  const lang: Language = req.query.lang === 'en' ? 'en' : 'vi';
  return PORTAL_TEXTS[lang] as PortalTexts;
}

/** A portal page: the frame, the other language's address, and the headers every public page carries. */
export function sendPage(
  res: Response,
  status: number,
  t: PortalTexts,
  title: string,
  req: Request,
  body: Html,
  operator: Operator,
): void {
  const other = new URL(req.originalUrl, 'http://portal.local');
  other.searchParams.set('lang', t.lang === 'vi' ? 'en' : 'vi');
  // A language switch on a POST result goes to the form, not to a resend.
  const href = req.method === 'GET' ? `${other.pathname}${other.search}` : `/?lang=${t.lang === 'vi' ? 'en' : 'vi'}`;
  res
    .status(status)
    .type('html')
    .setHeader(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'unsafe-inline'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'",
    );
  // Status pages carry the access key in their address: it must not leak to other sites as a referrer.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.send(layout(t, title, href, body, operator));
}

/** Field messages from the one error type, in the page's language; `attachments[2]` shows next to the attachments field. */
function fieldErrors(error: AppError, t: PortalTexts): Record<string, string> {
  const fields = (error.details?.fields as FieldProblem[] | undefined) ?? [{ field: '(body)', message: error.message }];
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const field = f.field.replace(/\[\d+\]$/, '');
    const message = fieldMessage(f, t.lang as Language);
    errors[field] = errors[field] ? `${errors[field]} ${message}` : message;
  }
  return errors;
}

function stringValues(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, v]) => typeof v === 'string' || typeof v === 'boolean')
      .map(([k, v]) => [k, String(v)]),
  );
}

/** Categories and provinces change rarely: read once every five minutes, communes per province. */
export function cachedReference(
  orm: MikroORM,
): (provinceCode: string | undefined) => Promise<{ categories: Choice[]; provinces: Choice[]; communes: Choice[] }> {
  let cached: { at: number; categories: Choice[]; provinces: Choice[] } | null = null;
  const communes = new Map<string, Choice[]>();
  const choice = (u: { code: string; nameVi: string; nameEn: string }): Choice => ({
    code: u.code,
    nameVi: u.nameVi,
    nameEn: u.nameEn,
  });
  return async (provinceCode) => {
    const em = orm.em.fork();
    if (!cached || Date.now() - cached.at > 300_000) {
      const [categories, provinces] = await Promise.all([
        em.find(Category, { active: true }, { orderBy: { nameVi: 'asc' } }),
        em.find(OrgUnit, { level: 'province', validTo: null }, { orderBy: { nameVi: 'asc' } }),
      ]);
      cached = { at: Date.now(), categories: categories.map(choice), provinces: provinces.map(choice) };
      communes.clear();
    }
    let list: Choice[] = [];
    if (provinceCode && cached.provinces.some((p) => p.code === provinceCode)) {
      list =
        communes.get(provinceCode) ??
        (
          await em.find(
            OrgUnit,
            { parent: { code: provinceCode, validTo: null }, validTo: null },
            { orderBy: { nameVi: 'asc' } },
          )
        ).map(choice);
      communes.set(provinceCode, list);
    }
    return { categories: cached.categories, provinces: cached.provinces, communes: list };
  };
}

/**
 * The portal's own page for an address that does not exist, or for an error on a page that is not
 * an API call: people who follow a broken link get the portal, in their language, with a way on.
 */
export function createPortalErrorPage(operator: Operator): (req: Request, res: Response, status: number) => void {
  return (req, res, status) => portalErrorPage(req, res, status, operator);
}

function portalErrorPage(req: Request, res: Response, status: number, operator: Operator): void {
  const t = texts(req);
  const say = PAGE_PROBLEMS[t.lang as Language];
  const heading =
    status === 404 ? t.notFoundHeading : status === 503 ? say.unavailable : `${say.failed}${String(req.id ?? '')}`;
  sendPage(
    res,
    status,
    t,
    status === 404 ? t.notFoundHeading : t.siteName,
    req,
    errorPage(t, heading, status === 404 ? t.notFoundLead : ''),
    operator,
  );
}
