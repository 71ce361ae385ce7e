import { z } from 'zod';
import { type EntityManager, type JobSpec, addJobs } from '@caunoi/db';
import type { OutboxKind } from '@caunoi/workflows';

/**
 * The jobs a case change (or an intake step) leaves for after its commit, as graphile-worker
 * tasks (DESIGN.md §4.5): the job row is the outbox row, its key the dedupe key. Each task's
 * payload has a schema here; the writer and the task both go through it.
 */
export const TASKS = {
  email: 'deliverEmail',
  zalo: 'deliverZalo',
  socket: 'broadcastCase',
  inbound: 'processInboundItem',
  requeue: 'requeueInboundItems',
  sweep: 'sweepDeadlines',
  digest: 'queueDailyDigest',
  foldTallies: 'foldCaseTallies',
  recountTallies: 'recountCaseTallies',
  housekeeping: 'pruneIntakeAndLimits',
  webhookFanOut: 'fanOutWebhooks',
  webhookSend: 'sendWebhook',
  suggestCategory: 'suggestCategory',
  assignConcern: 'assignConcerns',
  tellSupporters: 'tellSupporters',
  offerSimilarInChat: 'offerSimilarInChat',
  trainTriage: 'trainTriageModel',
} as const;
export type TaskName = (typeof TASKS)[keyof typeof TASKS];

/** The tasks whose jobs are messages: what the operators' outbox screen lists. */
export const MESSAGE_TASKS: readonly TaskName[] = [TASKS.email, TASKS.zalo, TASKS.socket];

export function kindOfTask(task: string): OutboxKind | null {
  const entry = Object.entries(TASKS).find(([, name]) => name === task);
  return entry && (entry[0] === 'email' || entry[0] === 'zalo' || entry[0] === 'socket') ? entry[0] : null;
}

/**
 * One retry policy: graphile-worker's exponential backoff (e^attempt seconds, capped at about six
 * hours), with attempts per kind. A message keeps trying for about sixteen hours (a channel down
 * overnight still delivers); a live update is worthless after a minute or two.
 */
export const MAX_ATTEMPTS: Record<'message' | 'socket' | 'inbound', number> = { message: 12, socket: 4, inbound: 10 };

/** Background analysis (suggestions, concerns) runs after notices and live updates (priority 0). */
const ANALYSIS_PRIORITY = 10;

const ZDedupeKey = z.string().min(1).max(200);
const ZCaseId = z.number().int().positive();

/** A notice to the case's citizen, rendered from the case as it is when delivered. */
export const ZCitizenNotice = z.object({
  audience: z.literal('citizen'),
  dedupeKey: ZDedupeKey,
  template: z.string(),
  caseId: ZCaseId,
  language: z.string(),
  messageId: z.number().int().nullable(),
  /** Set when a Zalo notice fell back to email (the 7-day window closed). */
  fallbackFrom: z.literal('zalo').optional(),
});

/** A notice to officers of a unit (or the one holding the case), one mail each, in their language. */
export const ZUnitNotice = z.object({
  audience: z.literal('unit'),
  dedupeKey: ZDedupeKey,
  template: z.string(),
  caseId: ZCaseId,
  unitCode: z.string(),
  readers: z.enum(['supervisors', 'assignee', 'staff']),
  level: z.number().int().optional(),
  assigneeId: z.number().int().optional(),
});

/** A mail written when it was queued: the daily digest, the answer to a refused mail. */
export const ZPreparedMail = z.object({
  audience: z.enum(['govOffice', 'sender', 'supporter']),
  dedupeKey: ZDedupeKey,
  template: z.string(),
  to: z.string().min(3),
  subject: z.string(),
  text: z.string(),
  inReplyTo: z.string().nullable().optional(),
  caseId: ZCaseId.nullable().optional(),
});

/** A Zalo text to a user that no case event decided (a welcome, an explanation). */
export const ZZaloUserText = z.object({
  audience: z.literal('zaloUser'),
  dedupeKey: ZDedupeKey,
  template: z.string().default('zaloText'),
  oaId: z.string(),
  userId: z.string(),
  text: z.string(),
  /** Buttons under the text: each sends its payload back as the user's message (`oa.query.show`). */
  buttons: z
    .array(z.object({ title: z.string().min(1).max(100), payload: z.string().min(1).max(1000) }))
    .max(3)
    .optional(),
});

export const ZEmailJob = z.discriminatedUnion('audience', [ZCitizenNotice, ZUnitNotice, ZPreparedMail]);
export const ZZaloJob = z.discriminatedUnion('audience', [ZCitizenNotice, ZZaloUserText]);
const ZBroadcastTarget = z.object({
  caseId: ZCaseId,
  /** Paths of the units whose rooms hear it: the owner now and, after a transfer, the one before. */
  unitPaths: z.array(z.string()).min(1),
});
export const ZBroadcastJob = ZBroadcastTarget.extend({
  event: z.enum(['case.created', 'case.updated', 'escalation.raised']),
  /** More cases with the same event from the same transaction (a group of submissions, a sweeper batch): one job tells them all. */
  more: z.array(ZBroadcastTarget).max(1_000).optional(),
});
export const ZInboundJob = z.object({ itemId: z.number().int().positive() });

/** The case events agencies subscribe to (outgoing webhooks). */
export const WEBHOOK_EVENTS = ['case.created', 'case.updated', 'case.answered', 'escalation.raised'] as const;
const ZWebhookTarget = z.object({ caseId: ZCaseId, dedupeKey: ZDedupeKey });
/** A transaction's event of some cases, to be matched with the agencies' subscriptions. */
export const ZWebhookFanOutJob = ZWebhookTarget.extend({
  event: z.enum(WEBHOOK_EVENTS),
  more: z.array(ZWebhookTarget).max(1_000).optional(),
});
export const ZWebhookSendJob = z.object({ deliveryId: z.number().int().positive() });
/** Cases that came without a category, for the category model's suggestion (one job per transaction). */
export const ZSuggestCategoryJob = z.object({ caseIds: z.array(ZCaseId).min(1).max(1_000) });
/** A case was answered: the citizens who support it and gave an address, and those of the cases merged into it, are told. */
export const ZTellSupportersJob = z.object({
  caseId: ZCaseId,
  /** The answer (a case_message of this case), which the merged cases' notices carry. */
  messageId: z.number().int().positive().nullable().optional(),
});
/** New cases, for the emerging concerns (one job per transaction). */
export const ZAssignConcernJob = ZSuggestCategoryJob;
/** New chat cases (Zalo), whose citizens are offered similar open cases to join (one job per transaction). */
export const ZOfferSimilarJob = ZSuggestCategoryJob;
export type WebhookFanOutJob = z.infer<typeof ZWebhookFanOutJob>;

export type CitizenNotice = z.infer<typeof ZCitizenNotice>;
export type EmailJob = z.infer<typeof ZEmailJob>;
export type ZaloJob = z.infer<typeof ZZaloJob>;
export type BroadcastJob = z.infer<typeof ZBroadcastJob>;

export type QueuedMessage =
  | { kind: 'email'; payload: z.input<typeof ZEmailJob> }
  | { kind: 'zalo'; payload: z.input<typeof ZZaloJob> }
  | { kind: 'socket'; dedupeKey: string; payload: BroadcastJob }
  | { kind: 'webhook'; payload: WebhookFanOutJob }
  | { kind: 'triage'; dedupeKey: string; payload: z.infer<typeof ZSuggestCategoryJob> }
  | { kind: 'concern'; dedupeKey: string; payload: z.infer<typeof ZAssignConcernJob> }
  | { kind: 'chatSimilar'; dedupeKey: string; payload: z.infer<typeof ZOfferSimilarJob> }
  | { kind: 'supporters'; dedupeKey: string; payload: z.infer<typeof ZTellSupportersJob> };

/** The job for one message: its task, its checked payload, its key and attempts. */
export function messageJob(message: QueuedMessage, runAt?: Date): JobSpec {
  switch (message.kind) {
    case 'email':
      return {
        task: TASKS.email,
        payload: ZEmailJob.parse(message.payload),
        jobKey: message.payload.dedupeKey,
        maxAttempts: MAX_ATTEMPTS.message,
        runAt: runAt ?? null,
      };
    case 'zalo':
      return {
        task: TASKS.zalo,
        payload: ZZaloJob.parse(message.payload),
        jobKey: message.payload.dedupeKey,
        maxAttempts: MAX_ATTEMPTS.message,
        runAt: runAt ?? null,
      };
    case 'socket':
      return {
        task: TASKS.socket,
        payload: ZBroadcastJob.parse(message.payload),
        jobKey: message.dedupeKey,
        maxAttempts: MAX_ATTEMPTS.socket,
        runAt: runAt ?? null,
      };
    case 'supporters':
      return {
        task: TASKS.tellSupporters,
        payload: ZTellSupportersJob.parse(message.payload),
        jobKey: message.dedupeKey,
        maxAttempts: MAX_ATTEMPTS.message,
        runAt: runAt ?? null,
      };
    case 'concern':
      // After the deliveries (priority): a burst of analysis never keeps a notice waiting.
      return {
        task: TASKS.assignConcern,
        payload: ZAssignConcernJob.parse(message.payload),
        jobKey: message.dedupeKey,
        maxAttempts: MAX_ATTEMPTS.message,
        runAt: runAt ?? null,
        priority: ANALYSIS_PRIORITY,
      };
    case 'chatSimilar':
      return {
        task: TASKS.offerSimilarInChat,
        payload: ZOfferSimilarJob.parse(message.payload),
        jobKey: message.dedupeKey,
        maxAttempts: MAX_ATTEMPTS.socket,
        runAt: runAt ?? null,
        priority: ANALYSIS_PRIORITY,
      };
    case 'triage':
      return {
        task: TASKS.suggestCategory,
        payload: ZSuggestCategoryJob.parse(message.payload),
        jobKey: message.dedupeKey,
        maxAttempts: MAX_ATTEMPTS.socket,
        runAt: runAt ?? null,
        priority: ANALYSIS_PRIORITY,
      };
    case 'webhook':
      return {
        task: TASKS.webhookFanOut,
        payload: ZWebhookFanOutJob.parse(message.payload),
        jobKey: message.payload.dedupeKey,
        maxAttempts: MAX_ATTEMPTS.message,
        runAt: runAt ?? null,
        // Which subscriptions of those want the case (its unit's subtree) is the fan-out's to decide.
        onlyIfSubscribedTo: message.payload.event,
      };
  }
}

/**
 * One live update per event for a whole transaction: the broadcasts of many cases (a group of
 * submissions, a sweeper's batch) become one job each event, the first case's, naming the others.
 * A job and its fetch and completion cost more than telling the rooms; other messages are kept as they are.
 */
export function groupBroadcasts(messages: readonly QueuedMessage[]): QueuedMessage[] {
  const first = new Map<string, Extract<QueuedMessage, { kind: 'socket' }>>();
  const firstHook = new Map<string, Extract<QueuedMessage, { kind: 'webhook' }>>();
  const grouped: QueuedMessage[] = [];
  type ByCases = Extract<QueuedMessage, { kind: 'triage' | 'concern' | 'chatSimilar' }>;
  const byCases: Partial<Record<ByCases['kind'], ByCases>> = {};
  for (const m of messages) {
    if (m.kind === 'triage' || m.kind === 'concern' || m.kind === 'chatSimilar') {
      // The transaction's cases in one job of each kind (suggestions; emerging concerns).
      const lead = byCases[m.kind];
      if (lead && lead.payload.caseIds.length < 1_000) lead.payload.caseIds.push(...m.payload.caseIds);
      else {
        const copy = { ...m, payload: { caseIds: [...m.payload.caseIds] } };
        byCases[m.kind] = copy;
        grouped.push(copy);
      }
      continue;
    }
    if (m.kind === 'webhook') {
      // The same for the agencies' webhooks: one fan-out job per event, naming every case.
      const lead = firstHook.get(m.payload.event);
      if (!lead) {
        const copy = { ...m, payload: { ...m.payload } };
        firstHook.set(m.payload.event, copy);
        grouped.push(copy);
      } else if ((lead.payload.more ??= []).length < 1_000)
        lead.payload.more.push({ caseId: m.payload.caseId, dedupeKey: m.payload.dedupeKey });
      else grouped.push(m);
      continue;
    }
    if (m.kind !== 'socket') {
      grouped.push(m);
      continue;
    }
    const lead = first.get(m.payload.event);
    if (!lead) {
      const copy = { ...m, payload: { ...m.payload } };
      first.set(m.payload.event, copy);
      grouped.push(copy);
    } else if ((lead.payload.more ??= []).length < 1_000)
      lead.payload.more.push({ caseId: m.payload.caseId, unitPaths: m.payload.unitPaths });
    else grouped.push(m);
  }
  return grouped;
}

/** Queues messages in the caller's transaction: they are sent exactly when it commits. */
export async function queueMessages(em: EntityManager, messages: readonly QueuedMessage[]): Promise<void> {
  await addJobs(
    em,
    messages.map((m) => messageJob(m)),
  );
}
