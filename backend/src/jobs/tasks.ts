import { z } from 'zod';
import {
  type EntityManager,
  type MikroORM,
  deleteExpiredRefusedItems,
  markDormantConcerns,
  foldCaseTallies,
  pruneRateLimits,
  recountCaseTallies,
} from '@caunoi/db';
import type { IntakeProcessor } from '../intake/intake-processor';
import type { RealtimeServer } from '../realtime/socket-server';
import type { Logger } from '../support/logger';
import type { Metrics } from '../support/metrics';
import {
  TASKS,
  ZBroadcastJob,
  ZEmailJob,
  ZInboundJob,
  ZWebhookFanOutJob,
  ZWebhookSendJob,
  ZSuggestCategoryJob,
  ZAssignConcernJob,
  ZTellSupportersJob,
  ZOfferSimilarJob,
  ZZaloJob,
} from '../transitions/delivery-jobs';
import { fanOutWebhooks, sendWebhook } from './deliver-webhook';
import type { SlaContext } from '../transitions/sla-context';
import { createCaseBroadcaster } from './broadcast-case';
import type { EmailDeliverer } from './deliver-email';
import type { ZaloDeliverer } from './deliver-zalo';
import { type TaskDefinition, defineTask } from './job-runner';
import { queueDailyDigest } from './queue-daily-digest';
import { sweepDueCases } from './sweeper';
import type { RoutingReference } from '../routing/route-submission';
import { suggestCategories } from '../triage/suggest-categories';
import { assignConcerns } from '../triage/assign-concerns';
import { offerSimilarInChat } from '../triage/offer-similar-in-chat';
import { tellSupporters } from './tell-supporters';
import type { TriageModels } from '../triage/triage-models';

export interface TaskDeps {
  orm: MikroORM;
  /** The category model and the routing it routes by (suggestions after intake, training). */
  triage: { models: TriageModels; loadRouting: (em: EntityManager) => Promise<RoutingReference> };
  io: RealtimeServer;
  loadSla: (em: EntityManager) => Promise<SlaContext>;
  intake: IntakeProcessor;
  logger: Logger;
  email: EmailDeliverer;
  /** Without a Zalo API configured, Zalo jobs wait in the queue (no instance takes them). */
  zalo: ZaloDeliverer | null;
  publicUrl: string;
  /** Where the sweeper reports the deadlines it fired. */
  metrics?: Pick<Metrics, 'deadlinesFired' | 'webhookAttempt'>;
  /** Days refused raw items are kept (REFUSED_RETENTION_DAYS). */
  refusedRetentionDays: number;
  /** Who signs citizens' mail (PORTAL_OPERATOR, PORTAL_OPERATOR_EN). */
  operator: { vi: string; en: string };
  /** Webhooks reach public addresses only (production); development and tests post to loopback. */
  webhooksPublicOnly: boolean;
  /** Whether this instance takes part in the schedules (the sweeper, the digest); tests drive them themselves. */
  schedules: boolean;
}

/** Cron and recurring payloads carry graphile-worker's `_cron` facts and nothing of ours. */
const ZScheduled = z.looseObject({});

/** Every task this instance runs, each with its payload schema. */
export function createTasks(deps: TaskDeps): Record<string, TaskDefinition<any>> {
  const { orm } = deps;
  const broadcast = createCaseBroadcaster(deps.io);
  const tasks: Record<string, TaskDefinition<any>> = {
    // Officers' notices and the digest can wait for a burst of intake; a citizen's mail cannot.
    [TASKS.email]: defineTask(ZEmailJob, (job) => deps.email(job, orm.em.fork()), {
      background: (job) => job.audience === 'unit' || job.audience === 'govOffice',
    }),
    [TASKS.socket]: defineTask(ZBroadcastJob, (job) => broadcast(job, orm.em.fork())),
    [TASKS.webhookFanOut]: defineTask(
      ZWebhookFanOutJob,
      async (job) => {
        await fanOutWebhooks(orm, job);
      },
      { background: true },
    ),
    [TASKS.webhookSend]: defineTask(ZWebhookSendJob, (job, run) =>
      sendWebhook(orm, job.deliveryId, run, {
        publicOnly: deps.webhooksPublicOnly,
        report: (outcome) => deps.metrics?.webhookAttempt(outcome),
      }),
    ),
    [TASKS.suggestCategory]: defineTask(
      ZSuggestCategoryJob,
      async ({ caseIds }) => {
        await suggestCategories({ orm, loadSla: deps.loadSla, logger: deps.logger, ...deps.triage }, caseIds);
      },
      { background: true },
    ),
    [TASKS.offerSimilarInChat]: defineTask(ZOfferSimilarJob, async ({ caseIds }) => {
      await offerSimilarInChat({ orm, loadSla: deps.loadSla }, caseIds);
    }),
    [TASKS.tellSupporters]: defineTask(ZTellSupportersJob, async ({ caseId, messageId }) => {
      await tellSupporters(orm, caseId, deps.operator, messageId ?? null);
    }),
    [TASKS.assignConcern]: defineTask(
      ZAssignConcernJob,
      async ({ caseIds }) => {
        await assignConcerns({ orm, io: deps.io, logger: deps.logger, loadSla: deps.loadSla }, caseIds);
      },
      { background: true },
    ),
    [TASKS.trainTriage]: defineTask(ZScheduled, async () => {
      const figures = await deps.triage.models.train();
      deps.logger.info(figures, 'category model trained');
    }),
    [TASKS.inbound]: defineTask(ZInboundJob, async ({ itemId }) => {
      const outcome = await deps.intake.process(itemId, { fromRetryJob: true });
      if (outcome.kind === 'failed') throw new Error(outcome.error);
    }),
    /** Items a crash or an outage left without a retry job get one (a minute after their receipt: the inline attempt first). */
    [TASKS.requeue]: defineTask(ZScheduled, async () => {
      await deps.intake.requeueUnprocessed({ olderThanMs: 60_000 });
    }),
  };
  if (deps.zalo) tasks[TASKS.zalo] = defineTask(ZZaloJob, (job) => deps.zalo!(job, orm.em.fork()));
  if (deps.schedules) {
    tasks[TASKS.sweep] = defineTask(ZScheduled, async () => {
      const swept = await sweepDueCases(orm, deps.loadSla, deps.logger);
      deps.metrics?.deadlinesFired(swept.fired, swept.sla);
    });
    tasks[TASKS.digest] = defineTask(ZScheduled, async () => {
      await queueDailyDigest(orm, deps.loadSla, deps.publicUrl);
    });
    // Readers add the unfolded deltas, so folding is for speed (a short delta table), not for correctness.
    tasks[TASKS.foldTallies] = defineTask(ZScheduled, async () => {
      await foldCaseTallies(orm.em.fork());
    });
    tasks[TASKS.recountTallies] = defineTask(ZScheduled, async () => {
      await recountCaseTallies(orm.em.fork());
    });
    // Storage stays bounded: ended rate-limit windows, and refused raw items past their retention.
    tasks[TASKS.housekeeping] = defineTask(ZScheduled, async () => {
      const em = orm.em.fork();
      const windows = await pruneRateLimits(em);
      const refused = await deleteExpiredRefusedItems(em, deps.refusedRetentionDays);
      await markDormantConcerns(em);
      if (refused) deps.logger.info({ refused, windows }, 'refused intake items past their retention deleted');
    });
  }
  return tasks;
}
