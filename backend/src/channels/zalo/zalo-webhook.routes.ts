import { findZaloOaSecrets } from '@caunoi/db';
import express, { Router } from 'express';
import type { MikroORM } from '@caunoi/db';
import { AppError } from '../../http/app-error';
import type { Logger } from '../../support/logger';
import type { IntakeOutcome } from '../../intake/intake-processor';
import type { IntakeReceiver } from '../../intake/group-commit';
import { type ZaloEvent, externalIdOf, oaIdOf } from './zalo-events';
import { verifyZaloSignature } from './zalo-signature';

/** `mac=` and a SHA-256 in hex, as Zalo signs (zalo-signature.ts). */
const SIGNATURE_SHAPE = /^mac=[0-9a-f]{64}$/i;
/** Zalo's ids are decimal digits (up to 2^64). */
const OA_ID_SHAPE = /^\d{1,24}$/;

/** The event as far as the signature check needs it: a JSON object, or null. */
function parseEventHead(raw: Buffer): ZaloEvent | null {
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ZaloEvent) : null;
  } catch {
    return null;
  }
}

/** Zalo wants a 200 within 2 s; past this budget we answer and let processing finish behind it. */
const ANSWER_WITHIN_MS = 1_500;

/**
 * `POST /api/zalo/webhook` (DESIGN.md §8). The signature is checked over the exact raw bytes with
 * the OA's secret before anything is stored: a forged event gets 401 and leaves no trace. A
 * genuine one is stored raw, processed, and answered 200 — also when processing failed, because
 * the raw event is committed and will be retried; a non-200 would only make Zalo resend it.
 */
export function createZaloWebhookRoutes(orm: MikroORM, intake: IntakeReceiver, logger: Logger): Router {
  const router = Router();
  router.post('/webhook', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // An unsigned request is refused before anything else runs: nothing is parsed or looked up.
    const signature = req.header('x-zevent-signature');
    if (!signature || !SIGNATURE_SHAPE.test(signature.trim()))
      throw new AppError('UNAUTHENTICATED', 'Missing or malformed X-ZEvent-Signature');
    // Only what the signature check needs is read here; the schema is applied after the event is
    // stored (zalo-intake), so that a signed event of an odd shape is kept, not refused.
    const event = parseEventHead(raw);
    const oaId = event ? oaIdOf(event) : null;
    const oa = event && oaId && OA_ID_SHAPE.test(oaId) ? await findZaloOaSecrets(orm.em.fork(), oaId) : null;
    if (
      !event ||
      !oa ||
      String(event.app_id) !== oa.appId ||
      !verifyZaloSignature(signature, oa.appId, raw, String(event.timestamp ?? ''), oa.oaSecretKey)
    ) {
      logger.warn({ oaId, event: event?.event_name }, 'Zalo webhook with a bad signature refused');
      throw new AppError('UNAUTHENTICATED', 'Invalid X-ZEvent-Signature');
    }
    const { outcome: processing } = await intake.receive({
      channel: 'zalo',
      externalId: externalIdOf(event),
      contentType: 'application/json',
      raw,
      meta: { oaId, event: event.event_name ?? null, numRetry: req.header('num_retry') ?? null },
      receivedAt: new Date(),
    });
    const outcome = await Promise.race([
      processing,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), ANSWER_WITHIN_MS).unref()),
    ]);
    res.status(200).json({ received: true, ...(outcome ? { outcome: describe(outcome) } : { outcome: 'processing' }) });
  });
  return router;
}

function describe(outcome: IntakeOutcome): string {
  switch (outcome.kind) {
    case 'case':
      return `${outcome.created ? 'created' : 'added to'} ${outcome.trackingCode}${outcome.replayed ? ' (repeat)' : ''}`;
    case 'failed':
      return 'kept for retry';
    default:
      return outcome.kind;
  }
}
