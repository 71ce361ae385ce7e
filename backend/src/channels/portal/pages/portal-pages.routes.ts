import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import { Category, type MikroORM, OrgUnit } from '@caunoi/db';
import { type Language, normaliseTrackingCode } from '@caunoi/workflows';
import { AppError } from '../../../errors/app-error';
import { storeInbound } from '../../../intake/inbound-items';
import type { IntakeOutcome, IntakeProcessor } from '../../../intake/intake-processor';
import { getPublicCase } from '../public-case';
import { createPublicRateLimit } from '../public.routes';
import { readFormBody } from '../read-form-body';
import { layout } from './layout';
import { PORTAL_TEXTS, type PortalTexts } from './portal-texts';
import { type Choice, receivedPage, savedLaterPage, submitPage } from './submit-page';
import { casePage, trackFormPage } from './track-page';

export interface PortalPagesDeps {
  orm: MikroORM;
  processor: IntakeProcessor;
  rateLimitPerMinute: number;
}

/**
 * The citizen portal at `/` (submit, track, reply), rendered on the server so that it works
 * without JavaScript, on old phones and with screen readers. Forms post to the same intake as the
 * API: the raw body is stored first, then processed; a refused form comes back with its values
 * and an error next to each field.
 */
export function createPortalPages(deps: PortalPagesDeps): Router {
  const router = Router();
  const limit = createPublicRateLimit(deps.rateLimitPerMinute);
  const raw = express.raw({ type: () => true, limit: '26mb' });
  const reference = cachedReference(deps.orm);

  router.get('/', async (req, res) => {
    const t = texts(req);
    const values = stringValues(req.query as Record<string, unknown>);
    send(res, 200, t, t.submitHeading, req, submitPage(t, { values, errors: {}, token: randomUUID(), ...(await reference(values.provinceCode)) }));
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
    if (outcome.kind === 'case') return send(res, 200, t, t.receivedHeading, req, receivedPage(t, outcome.trackingCode, outcome.accessKey));
    if (outcome.kind === 'failed') return send(res, 202, t, t.receivedHeading, req, savedLaterPage(t));
    const errors = outcome.kind === 'rejected' ? fieldErrors(outcome.error) : { '(body)': outcome.kind === 'ignored' ? outcome.reason : outcome.note };
    send(res, 400, t, t.submitHeading, req, submitPage(t, { values, errors, token: randomUUID(), ...(await reference(values.provinceCode)) }));
  });

  router.get('/track', async (req, res) => {
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

  router.post('/track/reply', limit, raw, async (req, res) => {
    const t = texts(req);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const contentType = req.header('content-type') ?? '';
    const fields = stringValues((await readFormBody(body, contentType).catch(() => null))?.fields ?? {});
    const trackingCode = normaliseTrackingCode(fields.code ?? '') ?? '';
    const outcome = await store(deps, req, body, contentType, `reply:form:${randomUUID()}`, { kind: 'reply', trackingCode });
    const back = `/track?lang=${t.lang}&code=${encodeURIComponent(trackingCode)}&key=${encodeURIComponent(fields.key ?? '')}`;
    if (outcome.kind === 'case' || outcome.kind === 'failed') return void res.redirect(303, back);
    const errors = outcome.kind === 'rejected' ? fieldErrors(outcome.error) : { '(body)': outcome.kind === 'ignored' ? outcome.reason : outcome.note };
    try {
      const kase = await getPublicCase(deps.orm.em.fork(), trackingCode, fields.key ?? '');
      send(res, 400, t, kase.title, req, casePage(t, kase, fields.key ?? '', errors));
    } catch {
      send(res, 404, t, t.trackHeading, req, trackFormPage(t, { code: fields.code ?? '', key: fields.key ?? '' }, t.notFound));
    }
  });

  return router;
}

async function store(deps: PortalPagesDeps, req: Request, raw: Buffer, contentType: string, externalId: string, meta: Record<string, unknown>): Promise<IntakeOutcome> {
  const stored = await storeInbound(deps.orm.em.fork(), {
    channel: 'portal',
    externalId,
    contentType,
    raw,
    meta: { ...meta, form: true, ip: req.ip, userAgent: req.header('user-agent') ?? null },
    receivedAt: new Date(),
  });
  return deps.processor.process(stored.id);
}

function texts(req: Request): PortalTexts {
  const lang: Language = req.query.lang === 'en' ? 'en' : 'vi';
  return PORTAL_TEXTS[lang] as PortalTexts;
}

function send(res: Response, status: number, t: PortalTexts, title: string, req: Request, body: ReturnType<typeof submitPage>): void {
  const other = new URL(req.originalUrl, 'http://portal.local');
  other.searchParams.set('lang', t.lang === 'vi' ? 'en' : 'vi');
  // A language switch on a POST result goes to the form, not to a resend.
  const href = req.method === 'GET' ? `${other.pathname}${other.search}` : `/?lang=${t.lang === 'vi' ? 'en' : 'vi'}`;
  res.status(status).type('html').setHeader('Content-Security-Policy', "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'");
  res.send(layout(t, title, href, body));
}

/** Field messages from the one error type; `attachments[2]` shows next to the attachments field. */
function fieldErrors(error: AppError): Record<string, string> {
  const fields = (error.details?.fields as Array<{ field: string; message: string }> | undefined) ?? [{ field: '(body)', message: error.message }];
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const field = f.field.replace(/\[\d+\]$/, '');
    errors[field] = errors[field] ? `${errors[field]}; ${f.message}` : f.message;
  }
  return errors;
}

function stringValues(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'string' || typeof v === 'boolean').map(([k, v]) => [k, String(v)]));
}

/** Categories and provinces change rarely: read once every five minutes, communes per province. */
function cachedReference(orm: MikroORM): (provinceCode: string | undefined) => Promise<{ categories: Choice[]; provinces: Choice[]; communes: Choice[] }> {
  let cached: { at: number; categories: Choice[]; provinces: Choice[] } | null = null;
  const communes = new Map<string, Choice[]>();
  const choice = (u: { code: string; nameVi: string; nameEn: string }): Choice => ({ code: u.code, nameVi: u.nameVi, nameEn: u.nameEn });
  return async (provinceCode) => {
    const em = orm.em.fork();
    if (!cached || Date.now() - cached.at > 300_000) {
      const [categories, provinces] = await Promise.all([em.find(Category, { active: true }, { orderBy: { nameVi: 'asc' } }), em.find(OrgUnit, { level: 'province', validTo: null }, { orderBy: { nameVi: 'asc' } })]);
      cached = { at: Date.now(), categories: categories.map(choice), provinces: provinces.map(choice) };
      communes.clear();
    }
    let list: Choice[] = [];
    if (provinceCode && cached.provinces.some((p) => p.code === provinceCode)) {
      list = communes.get(provinceCode) ?? (await em.find(OrgUnit, { parent: { code: provinceCode, validTo: null }, validTo: null }, { orderBy: { nameVi: 'asc' } })).map(choice);
      communes.set(provinceCode, list);
    }
    return { categories: cached.categories, provinces: cached.provinces, communes: list };
  };
}
