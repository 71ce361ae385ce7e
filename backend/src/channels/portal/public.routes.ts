import { createHash, randomUUID } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import { Category, type MikroORM, OrgUnit, findSupportReceipt } from '@caunoi/db';
import { normaliseTrackingCode } from '@caunoi/workflows';
import { AppError } from '../../http/app-error';
import type { RateLimits } from '../../http/rate-limits';
import { type BodyBudget, MAX_UPLOAD_BODY_BYTES } from '../../http/body-budget';
import type { IntakeReceiver } from '../../intake/group-commit';
import type { IntakeOutcome } from '../../intake/intake-processor';
import { getPublicCase, getPublicCaseById } from './public-case';
import { statusUrl } from '../../notifications/status-url';
import { findSimilarForCitizen } from '../../cases/similar-cases';
import { ZSimilarQuery } from '@caunoi/contract';

export interface PublicRoutesDeps {
  orm: MikroORM;
  intake: IntakeReceiver;
  /** The public limits, shared by every replica. */
  limits: RateLimits;
  /** Large bodies are read within this process's memory budget for them. */
  bodies: BodyBudget;
  publicUrl: string;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{8,200}$/;

/**
 * The citizen's API (DESIGN.md §8): submit, read the status page, reply. Bodies are taken raw and
 * stored before they are parsed (invariant 1); the response is sent after the commit that created
 * or updated the case.
 */
export function createPublicRoutes(deps: PublicRoutesDeps): Router {
  const router = Router();
  router.use(deps.limits.public);
  const rawBody = deps.bodies.raw(MAX_UPLOAD_BODY_BYTES);

  router.post('/submissions', rawBody, async (req, res) => {
    const outcome = await storeAndProcess(deps, req, { kind: 'submission' });
    if (outcome.kind === 'case') {
      if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
      res.status(201).json({
        trackingCode: outcome.trackingCode,
        accessKey: outcome.accessKey,
        status: outcome.status,
        statusUrl: statusUrl(deps.publicUrl, outcome.trackingCode, outcome.accessKey),
        expectedAnswerAt: outcome.expectedAnswerAt?.toISOString() ?? null,
      });
      return;
    }
    answerWithoutCase(res, outcome);
  });

  router.get('/cases/:trackingCode', deps.limits.statusLookups, async (req, res) => {
    const trackingCode = requireTrackingCode(String(req.params.trackingCode));
    const key = typeof req.query.key === 'string' ? req.query.key : '';
    if (!key)
      throw new AppError('VALIDATION_FAILED', 'The access key is required', {
        fields: [{ field: 'key', message: 'add ?key= with the access key from your acknowledgement' }],
      });
    res.json(await getPublicCase(deps.orm.em.fork(), trackingCode, key));
  });

  router.post('/cases/:trackingCode/replies', deps.limits.statusLookups, rawBody, async (req, res) => {
    const trackingCode = requireTrackingCode(String(req.params.trackingCode));
    const outcome = await storeAndProcess(deps, req, { kind: 'reply', trackingCode });
    if (outcome.kind === 'case') {
      res.json(await getPublicCaseById(deps.orm.em.fork(), outcome.caseId));
      return;
    }
    answerWithoutCase(res, outcome);
  });

  // Instead of filing the same again: support an open case (and follow it by email).
  router.post('/cases/:trackingCode/supporters', deps.limits.statusLookups, rawBody, async (req, res) => {
    const trackingCode = requireTrackingCode(String(req.params.trackingCode));
    const outcome = await storeAndProcess(deps, req, { kind: 'support', trackingCode });
    if (outcome.kind !== 'case') return answerWithoutCase(res, outcome);
    res.status(201).json(await findSupportReceipt(deps.orm.em.fork(), outcome.caseId));
  });

  // Before submitting: open cases of the same commune like the citizen's (titles and status only).
  router.get('/similar', async (req, res) => {
    const query = ZSimilarQuery.parse(req.query);
    res.setHeader('Cache-Control', 'no-store');
    res.json(
      await findSimilarForCitizen(deps.orm.em.fork(), {
        title: query.title,
        body: query.body ?? '',
        communeCode: query.communeCode ?? null,
        provinceCode: query.provinceCode ?? null,
      }),
    );
  });

  router.get('/reference', async (_req, res) => {
    const em = deps.orm.em.fork();
    const [categories, provinces] = await Promise.all([
      em.find(Category, { active: true }, { orderBy: { nameVi: 'asc' } }),
      em.find(OrgUnit, { level: 'province', validTo: null }, { orderBy: { code: 'asc' } }),
    ]);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json({
      categories: categories.map((c) => ({
        code: c.code,
        nameVi: c.nameVi,
        nameEn: c.nameEn,
        legalTrack: c.legalTrack,
      })),
      provinces: provinces.map((p) => ({ code: p.code, nameVi: p.nameVi, nameEn: p.nameEn })),
    });
  });

  router.get('/provinces/:code/communes', async (req, res) => {
    const em = deps.orm.em.fork();
    const province = await em.findOne(OrgUnit, { code: String(req.params.code), level: 'province', validTo: null });
    if (!province)
      throw new AppError('NOT_FOUND', `No province ${req.params.code}`, {
        fields: [{ field: 'code', message: 'use a province code from /api/public/reference' }],
      });
    const communes = await em.find(OrgUnit, { parent: province, validTo: null }, { orderBy: { nameVi: 'asc' } });
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(communes.map((c) => ({ code: c.code, nameVi: c.nameVi, nameEn: c.nameEn, kind: c.kind })));
  });

  return router;
}

async function storeAndProcess(
  deps: PublicRoutesDeps,
  req: Request,
  meta: Record<string, unknown>,
): Promise<IntakeOutcome> {
  const key = req.header('idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new AppError('VALIDATION_FAILED', 'Invalid Idempotency-Key', {
      fields: [{ field: 'Idempotency-Key', message: '8 to 200 visible ASCII characters, e.g. a UUID' }],
    });
  }
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const contentType = req.header('content-type') ?? '';
  await deps.limits.bytes.take(req.ip ?? '', raw.length);
  // A key is the sender's, not everyone's: it is scoped to the client (its address until agencies
  // have API keys) and bound to a hash of the body, so nobody receives another person's case.
  const { outcome } = await deps.intake.receive({
    channel: 'portal',
    externalId: key
      ? `${meta.kind}:${String(meta.trackingCode ?? '')}:ip:${req.ip ?? ''}:${key}`
      : `${meta.kind}:auto:${randomUUID()}`,
    contentType,
    raw,
    meta: { ...meta, ip: req.ip, userAgent: req.header('user-agent') ?? null },
    receivedAt: new Date(),
    ...(key ? { bodySha256: bodyFingerprint(raw, contentType) } : {}),
  });
  return outcome;
}

function answerWithoutCase(res: Response, outcome: Exclude<IntakeOutcome, { kind: 'case' }>): void {
  if (outcome.kind === 'rejected') throw outcome.error;
  if (outcome.kind === 'ignored' || outcome.kind === 'recorded')
    throw new AppError('VALIDATION_FAILED', outcome.kind === 'ignored' ? outcome.reason : outcome.note);
  // Kept and queued for retry: the citizen's words are safe, but there is no tracking code yet.
  res.setHeader('Retry-After', '60');
  res.status(202).json({
    received: true,
    message:
      'Your submission is saved and will be registered shortly; send it again with the same Idempotency-Key to get its tracking code.',
  });
}

/**
 * A hash of what was sent that a faithful resend reproduces: a multipart body's boundary is chosen
 * afresh by the client on every send, so it is left out.
 */
export function bodyFingerprint(raw: Buffer, contentType: string): string {
  const hash = createHash('sha256');
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  hash.update(
    contentType
      .replace(/;\s*boundary=("[^"]+"|[^;\s]+)/i, '')
      .trim()
      .toLowerCase(),
  );
  hash.update('\n');
  const separator = boundary ? Buffer.from(boundary[1] ?? boundary[2]!) : null;
  if (!separator) return hash.update(raw).digest('hex');
  for (let start = 0; ; ) {
    const at = raw.indexOf(separator, start);
    hash.update(raw.subarray(start, at === -1 ? raw.length : at));
    if (at === -1) break;
    start = at + separator.length;
  }
  return hash.digest('hex');
}

function requireTrackingCode(input: string): string {
  const code = normaliseTrackingCode(input);
  if (!code)
    throw new AppError('VALIDATION_FAILED', 'Invalid tracking code', {
      fields: [{ field: 'trackingCode', message: 'a tracking code looks like CN.20261122.00042' }],
    });
  return code;
}
