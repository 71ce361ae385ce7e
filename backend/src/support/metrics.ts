import type { Request, RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import {
  type MikroORM,
  countOpenCasesByStatusAndLevel,
  inboundBacklog,
  jobQueueFigures,
  HASHES_AT_ONCE,
  passwordWork,
} from '@caunoi/db';

export interface Metrics {
  registry: Registry;
  httpMiddleware: RequestHandler;
  /** One submission's fate on its channel, and how long it waited for its acknowledgement. */
  intakeOutcome(channel: string, outcome: IntakeMetricOutcome, secondsToAnswer: number): void;
  /** Deadlines the sweeper fired, and the SLA warnings and breaches among them. */
  deadlinesFired(
    count: number,
    sla?: ReadonlyArray<{ kind: 'warning' | 'breach'; clock: string; unitLevel: string; escalationLevel: number }>,
  ): void;
  /** One webhook delivery attempt's outcome. */
  webhookAttempt(outcome: 'delivered' | 'retrying' | 'failed'): void;
  /** Reports the large request bodies this process holds and those waiting for their turn. */
  watchBodies(usage: () => { heldBytes: number; waiting: number }): void;
}

/**
 * The matched route's pattern, not the raw path: ids must not explode the label set. A router
 * hands an error on with its mount point already taken off `req.baseUrl`, so then the mount is
 * what the original path has before the pattern's segments.
 */
function routeLabel(req: Request): string {
  const pattern: unknown = req.route?.path;
  if (typeof pattern !== 'string') return Array.isArray(pattern) ? `${req.baseUrl}${pattern.join('|')}` : 'unmatched';
  if (req.baseUrl) return `${req.baseUrl}${pattern}`;
  const segments = (req.originalUrl.split('?')[0] ?? '').split('/').filter(Boolean);
  const tail = pattern.split('/').filter(Boolean).length;
  const mount = segments.slice(0, Math.max(segments.length - tail, 0)).join('/');
  return `${mount ? `/${mount}` : ''}${pattern === '/' && mount ? '' : pattern}`;
}

export type IntakeMetricOutcome = 'accepted' | 'duplicate' | 'rejected' | 'failed' | 'other';

/**
 * A registry per app instance, so that tests can run several apps in one process. Besides
 * Node's and HTTP's figures, what an operator watches: submissions by channel and outcome, the
 * time to acknowledge them, the inbound items and jobs waiting (read from the database when
 * scraped, so every replica reports the same shared queue), deadlines fired. Labels stay few:
 * channels, outcomes, task names, statuses; never a unit or a case.
 */
export function createMetrics(orm?: MikroORM): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'caunoi_' });
  const duration = new Histogram({
    name: 'caunoi_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const submissions = new Counter({
    name: 'caunoi_submissions_total',
    help: 'Submissions received, by channel and outcome (accepted, duplicate, rejected, failed, other)',
    labelNames: ['channel', 'outcome'],
    registers: [registry],
  });
  const acknowledgement = new Histogram({
    name: 'caunoi_submission_acknowledgement_seconds',
    help: 'From receipt to the answer on the channel (the acknowledgement, or the refusal)',
    labelNames: ['channel'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const webhooks = new Counter({
    name: 'caunoi_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (delivered, retrying, failed for good)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const fired = new Counter({
    name: 'caunoi_deadlines_fired_total',
    help: 'Deadlines the sweeper fired (warnings, breaches, timeouts)',
    registers: [registry],
  });
  const slaEvents = new Counter({
    name: 'caunoi_sla_events_total',
    help: "SLA warnings and breaches the sweeper fired, by kind, clock, the owning unit's level and the escalation level after it",
    labelNames: ['kind', 'clock', 'unit_level', 'escalation_level'],
    registers: [registry],
  });
  // This process's own: logins queue here when many officers log in at once.
  new Gauge({
    name: 'caunoi_password_checks_waiting',
    help: `Password checks (logins) of this process waiting for their turn; ${HASHES_AT_ONCE} run at a time, 64 MiB each`,
    registers: [registry],
    collect() {
      this.set(passwordWork().waiting);
    },
  });
  if (orm) {
    new Gauge({
      name: 'caunoi_inbound_waiting',
      help: 'Inbound items not yet decided (pending or failed), shared by every replica',
      registers: [registry],
      async collect() {
        const { waiting } = await inboundBacklog(orm.em.fork()).catch(() => ({ waiting: -1 }));
        this.set(waiting);
      },
    });
    new Gauge({
      name: 'caunoi_inbound_oldest_waiting_seconds',
      help: 'Age of the oldest undecided inbound item',
      registers: [registry],
      async collect() {
        const { oldestSeconds } = await inboundBacklog(orm.em.fork()).catch(() => ({ oldestSeconds: -1 }));
        this.set(oldestSeconds);
      },
    });
    const jobFigure = (
      name: string,
      help: string,
      pick: (f: Awaited<ReturnType<typeof jobQueueFigures>>[number]) => number,
    ) =>
      new Gauge({
        name,
        help,
        labelNames: ['task'],
        registers: [registry],
        async collect() {
          this.reset();
          for (const f of await jobQueueFigures(orm.em.fork()).catch(() => [])) this.set({ task: f.task }, pick(f));
        },
      });
    // Cached for 15 s: a scrape every few seconds must not count a million cases each time.
    let openCases: { at: number; rows: Array<{ status: string; level: number; n: number }> } | null = null;
    new Gauge({
      name: 'caunoi_open_cases',
      help: 'Running cases by status and escalation level (0: none; 1-3: the ladder)',
      labelNames: ['status', 'escalation_level'],
      registers: [registry],
      async collect() {
        if (!openCases || Date.now() - openCases.at > 15_000)
          openCases = { at: Date.now(), rows: await countOpenCasesByStatusAndLevel(orm.em.fork()).catch(() => []) };
        this.reset();
        for (const r of openCases.rows) this.set({ status: r.status, escalation_level: String(r.level) }, r.n);
      },
    });
    jobFigure('caunoi_jobs_waiting', 'Jobs due and not yet taken, by task', (f) => f.waiting);
    jobFigure('caunoi_jobs_failed', 'Jobs given up on (the dead-letter screen), by task', (f) => f.failed);
    jobFigure(
      'caunoi_jobs_oldest_waiting_seconds',
      'Age of the oldest due job not yet taken, by task',
      (f) => f.oldestWaitingSeconds,
    );
  }
  const httpMiddleware: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    res.on('finish', () => {
      end({ method: req.method, route: routeLabel(req), status: String(res.statusCode) });
    });
    next();
  };
  return {
    registry,
    httpMiddleware,
    intakeOutcome(channel, outcome, secondsToAnswer) {
      submissions.inc({ channel, outcome });
      acknowledgement.observe({ channel }, secondsToAnswer);
    },
    deadlinesFired(count, sla = []) {
      if (count > 0) fired.inc(count);
      for (const e of sla)
        slaEvents.inc({
          kind: e.kind,
          clock: e.clock,
          unit_level: e.unitLevel,
          escalation_level: String(e.escalationLevel),
        });
    },
    webhookAttempt(outcome) {
      webhooks.inc({ outcome });
    },
    watchBodies(usage) {
      new Gauge({
        name: 'caunoi_upload_bytes_held',
        help: 'Bytes of large request bodies (uploads) this process is reading or handling (UPLOAD_MEMORY_MB)',
        registers: [registry],
        collect() {
          this.set(usage().heldBytes);
        },
      });
      new Gauge({
        name: 'caunoi_uploads_waiting',
        help: 'Large request bodies waiting for their share of UPLOAD_MEMORY_MB before they are read',
        registers: [registry],
        collect() {
          this.set(usage().waiting);
        },
      });
    },
  };
}
