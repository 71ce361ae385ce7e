import { createHmac } from 'node:crypto';
import { type MikroORM, addJobs, createWebhookDeliveries, findWebhookDelivery, recordWebhookAttempt } from '@caunoi/db';
import { postJson } from '../adapters/post-json';
import { type Lookup, PrivateAddressRefused } from '../adapters/public-address';
import { MAX_ATTEMPTS, TASKS, type WebhookFanOutJob } from '../transitions/delivery-jobs';

/** How long a subscriber has to answer one delivery. */
const ANSWER_WITHIN_MS = 10_000;

/**
 * The signature of a delivery, as Stripe and GitHub sign theirs: HMAC-SHA256 with the
 * subscription's secret over `<unix seconds>.<raw body>`, sent as `CauNoi-Signature: t=…,v1=…`.
 * A subscriber recomputes it over the bytes it received and refuses old timestamps (replays).
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * A transaction's event of some cases becomes one delivery per subscription that wants it, each
 * recorded and queued as its own job in one transaction: a subscriber that is down delays its
 * own deliveries (the queue's backoff, about sixteen hours of tries) and never another's.
 */
export async function fanOutWebhooks(orm: MikroORM, job: WebhookFanOutJob): Promise<number> {
  const cases = [{ caseId: job.caseId, dedupeKey: job.dedupeKey }, ...(job.more ?? [])];
  return orm.em.fork().transactional(async (tx) => {
    const ids = await createWebhookDeliveries(tx, job.event, cases);
    await addJobs(
      tx,
      ids.map((id) => sendJob(id)),
    );
    return ids.length;
  });
}

export function sendJob(deliveryId: number, runAt?: Date) {
  return {
    task: TASKS.webhookSend,
    payload: { deliveryId },
    // A replay gets a key of its own, so that it runs even while a first attempt still waits.
    jobKey: `webhook-delivery:${deliveryId}${runAt ? `:${runAt.getTime()}` : ''}`,
    maxAttempts: MAX_ATTEMPTS.message,
    runAt: runAt ?? null,
  };
}

/** Sends one delivery; a refusal or no answer throws, so that the queue tries again later. */
export interface WebhookSendOptions {
  /** Only public addresses (production): a subscriber's name that resolves to a private one is refused. */
  publicOnly: boolean;
  /** The resolver behind that check (the system's unless a test brings one). */
  resolve?: Lookup;
  report?: (outcome: 'delivered' | 'retrying' | 'failed') => void;
}

export async function sendWebhook(
  orm: MikroORM,
  deliveryId: number,
  attempt: { attempts: number; maxAttempts: number },
  options: WebhookSendOptions,
): Promise<void> {
  const report = options.report ?? (() => {});
  const em = orm.em.fork();
  const delivery = await findWebhookDelivery(em, deliveryId);
  if (!delivery) return;
  if (!delivery.active) {
    await recordWebhookAttempt(em, deliveryId, { status: 'failed', httpStatus: null, error: 'subscription removed' });
    return;
  }
  const body = JSON.stringify({
    id: `whd_${delivery.id}`,
    type: delivery.event,
    createdAt: new Date(delivery.createdAt).toISOString(),
    data: delivery.payload,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const last = attempt.attempts >= attempt.maxAttempts;
  let problem: string;
  let httpStatus: number | null = null;
  try {
    const res = await postJson(delivery.url, {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'CauNoi-Webhooks/1',
        'caunoi-event': delivery.event,
        'caunoi-delivery': `whd_${delivery.id}`,
        'caunoi-signature': webhookSignature(delivery.secret, timestamp, body),
      },
      body,
      timeoutMs: ANSWER_WITHIN_MS,
      publicOnly: options.publicOnly,
      ...(options.resolve ? { resolve: options.resolve } : {}),
    });
    httpStatus = res.status;
    if (res.status >= 200 && res.status < 300) {
      await recordWebhookAttempt(em, deliveryId, { status: 'delivered', httpStatus, error: null });
      report('delivered');
      return;
    }
    problem = `the subscriber answered ${res.status}`;
  } catch (error) {
    problem =
      error instanceof PrivateAddressRefused
        ? `refused: ${error.message}`
        : `the subscriber could not be reached: ${(error as Error).message}`;
  }
  await recordWebhookAttempt(em, deliveryId, { status: last ? 'failed' : 'pending', httpStatus, error: problem });
  report(last ? 'failed' : 'retrying');
  throw new Error(problem);
}
