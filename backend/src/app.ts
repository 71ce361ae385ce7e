import compression from 'compression';
import helmet from 'helmet';
import express, { type Express, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import { RequestContext } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@caunoi/db';
import { createIntakeQueueRoutes } from './admin/intake-queue.routes';
import { createReferenceEditRoutes } from './admin/reference-edits';
import { createReferenceRoutes } from './admin/reference.routes';
import { createApiClientRoutes } from './agencies/api-clients.routes';
import { createApiClientAuth } from './agencies/api-client-auth';
import { createAgencyWebhookRoutes } from './agencies/webhooks.routes';
import { createOpen311Routes } from './open311/open311.routes';
import { serveAdminUi } from './admin-ui/serve-admin-ui';
import { createUnitRoutes } from './units/units.routes';
import { createAuthRoutes } from './auth/auth.routes';
import { createOfficerAuth } from './auth/require-officer';
import { requireRole } from './auth/require-role';
import type { TokenService } from './auth/tokens';
import { createCaseRoutes } from './cases/cases.routes';
import { createPublicationRoutes } from './publication/publication.routes';
import { createRegisterPages } from './publication/register.routes';
import type { Config } from './support/config';
import { createPublicRoutes } from './channels/portal/public.routes';
import { createPortalErrorPage, createPortalPages } from './channels/portal/pages/portal-pages.routes';
import { createDevRoutes } from './dev/dev.routes';
import type { IntakeProcessor } from './intake/intake-processor';
import type { IntakeReceiver } from './intake/group-commit';
import type { FakeZalo } from './dev/fake-zalo';
import { createErrorMiddleware, notFoundHandler } from './http/error-middleware';
import { createRateLimits, trustProxySetting } from './http/rate-limits';
import { createBodyBudget } from './http/body-budget';
import { type SharedCounters, createSharedCounters } from './http/shared-counters';
import { createHealthRoutes } from './health/health.routes';
import { type Logger, redactRequest } from './support/logger';
import { type Metrics, createMetrics } from './support/metrics';
import { withoutNul } from './intake/plain-text';
import { buildOpenApiDocument } from './openapi/openapi-document';
import type { RoutingReference } from './routing/route-submission';
import type { TriageModels } from './triage/triage-models';
import { createTriageRoutes } from './admin/triage.routes';
import { createConcernRoutes } from './reports/concerns.routes';
import { createReportRoutes } from './reports/reports.routes';
import type { SlaContext } from './transitions/sla-context';

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  logger: Logger;
  tokens: TokenService;
  loadSla: (em: EntityManager) => Promise<SlaContext>;
  /** The category model (suggestions, training on demand). */
  triageModels?: TriageModels;
  /** How categories route (officers' categorise in triage); also what intake routes by. */
  loadRouting?: (em: EntityManager) => Promise<RoutingReference>;
  intake: IntakeProcessor;
  /** How the channels hand items over: stored raw, then processed in groups. */
  inbound: IntakeReceiver;
  /** The rate limits' counters (the server's, which the mail intake's byte quota shares); else the app's own. */
  rateCounters?: SharedCounters;
  /** The instance's metrics (the server's, which intake and the sweeper also report to). */
  metrics?: Metrics;
  fakeZalo?: FakeZalo;
  /** The demo logins /api/dev/demo-accounts lists (development only). */
  demoAccounts?: ReadonlyArray<{ email: string; password: string }>;
  /** Routers that read their own raw bodies (the Zalo webhook), mounted before the JSON parser. */
  rawBodyRoutes?: Array<{ path: string; router: Router }>;
}

/**
 * A worker process's app (PROCESS_ROLE=worker): liveness, readiness and metrics for the operators,
 * nothing for people.
 */
export function createWorkerApp(deps: { orm: MikroORM; logger: Logger; metrics: Metrics }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(createHealthRoutes(deps.orm, deps.metrics.registry));
  app.use(notFoundHandler);
  app.use(createErrorMiddleware(deps.logger));
  return app;
}

/** Builds the express app from its dependencies; no module-level state, so tests can build many. */
export function createApp(deps: AppDeps): Express {
  const { config, orm, logger } = deps;
  const app = express();
  const metrics = deps.metrics ?? createMetrics(orm);
  app.disable('x-powered-by');
  // X-Forwarded-For only from the proxies TRUST_PROXY names: from anyone else it is a forgery
  // that would let one client pose as many (and slip past every per-address limit).
  app.set('trust proxy', trustProxySetting(config.trustProxy));
  const limits = createRateLimits(deps.rateCounters ?? createSharedCounters(orm), {
    publicPerMinute: config.publicRateLimit,
    failedLookupsPerHour: config.statusLookupLimit,
    failedLoginsPerQuarterHour: config.loginAttemptLimit,
    intakeBytesPerHour: config.intakeBytesPerHour,
  });

  const bodies = createBodyBudget({ budgetBytes: config.uploadMemoryBytes });
  metrics.watchBodies(bodies.usage);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      // pino-http serializes requests itself: the access key in status links must not reach the log.
      serializers: { req: redactRequest },
    }),
  );
  app.use(metrics.httpMiddleware);
  // Security headers on everything (helmet). The admin UI's MUI styles are injected at run time,
  // hence 'unsafe-inline' for styles only; the portal pages set a CSP of their own.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      // Served over plain HTTP on a development machine; the production proxy sets HSTS.
      strictTransportSecurity: false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  // API answers and portal pages are compressed on the fly; the admin UI's assets go out
  // precompressed at build time (compression leaves a response that already has an encoding alone).
  app.use(compression());
  app.use(createHealthRoutes(orm, metrics.registry));

  // The admin UI may be served from another origin in development; it reads the list total.
  app.use('/api', (req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Preference-Applied, X-Total-Exact, X-Request-Id');
    res.setHeader(
      'Access-Control-Allow-Headers',
      'Authorization, Content-Type, Idempotency-Key, Prefer, X-Api-Key, X-Request-Id',
    );
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  });
  // Intake reads raw bodies: they are stored exactly as they arrived, before they are parsed.
  app.use(
    '/api/public',
    createPublicRoutes({
      orm,
      intake: deps.inbound,
      limits,
      bodies,
      publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    }),
  );
  const apiClients = createApiClientAuth(orm);
  app.use(
    '/open311',
    createOpen311Routes({
      orm,
      intake: deps.inbound,
      apiClients,
      limits,
      publicUrl: config.publicUrl,
    }),
  );
  for (const { path, router } of deps.rawBodyRoutes ?? []) app.use(path, router);
  // The public register of answers (/cong-khai): published entries only, never a case or a citizen.
  app.use(createRegisterPages({ orm, operator: config.operator, publicUrl: config.publicUrl ?? null }));
  app.use(
    createPortalPages({
      orm,
      intake: deps.inbound,
      limits,
      bodies,
      operator: config.operator,
    }),
  );
  // NUL is the one character PostgreSQL cannot store in text; no person types it, so it is dropped here.
  app.use(
    express.json({
      limit: '1mb',
      reviver: (_key, value) => (typeof value === 'string' ? withoutNul(value) : value),
    }),
  );
  // One identity map per request: entities never leak between requests.
  app.use((_req, _res, next) => RequestContext.create(orm.em, next));

  const openApi = buildOpenApiDocument(config.publicUrl ?? '/', {
    ...(config.isProduction ? {} : { development: { fakeZalo: !!deps.fakeZalo } }),
  });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  const officers = createOfficerAuth(orm, deps.tokens, apiClients);
  const auth = officers.requireOfficer;
  app.use('/api/auth', createAuthRoutes(orm, deps.tokens, auth, limits.login));
  // Agencies' systems read and act on their unit's cases with an API key (scopes read, transition).
  const officerOrAgency = officers.requireOfficerOrAgency;
  // A case's publication in the public register is the unit head's (officers only, not agencies' keys).
  app.use('/api/cases', createPublicationRoutes({ orm, loadSla: deps.loadSla }, auth));
  app.use(
    '/api/cases',
    createCaseRoutes(
      {
        orm,
        loadSla: deps.loadSla,
        listCountCap: config.listCountCap,
        logger,
        bodies,
        ...(deps.loadRouting ? { loadRouting: deps.loadRouting } : {}),
      },
      officerOrAgency,
    ),
  );
  app.use(
    '/api/reports/concerns',
    createConcernRoutes(
      orm,
      [
        auth,
        requireRole(['govOffice', 'admin'], 'Only the Government Office and administrators see the emerging concerns'),
      ],
      logger,
    ),
  );
  app.use('/api/reports', createReportRoutes(orm, deps.loadSla, officerOrAgency));
  app.use(
    '/api/admin/reference',
    auth,
    requireRole(['admin'], 'Only administrators see and change the reference data'),
    createReferenceRoutes(orm),
    createReferenceEditRoutes(orm, logger, officers.forget),
  );
  app.use(
    '/api/admin/api-clients',
    auth,
    requireRole(['admin'], 'Only administrators issue and revoke API keys'),
    createApiClientRoutes(orm, logger),
  );
  if (deps.triageModels)
    app.use(
      '/api/admin/triage',
      auth,
      requireRole(['admin'], 'Only administrators train the category model'),
      createTriageRoutes(orm, deps.triageModels, logger),
    );
  app.use('/api/admin', createIntakeQueueRoutes(orm, deps.intake, auth));
  app.use('/api/units', createUnitRoutes(orm, auth));
  app.use('/api/agency', createAgencyWebhookRoutes(orm, apiClients, !config.isProduction));
  if (!config.isProduction) app.use('/api/dev', createDevRoutes(orm, deps.demoAccounts ?? [], deps.fakeZalo));

  app.use('/api', notFoundHandler);
  app.use('/admin', serveAdminUi());
  // Everything else is the portal's: an unknown address gets its HTML page, not express's text.
  const portalErrorPage = createPortalErrorPage(config.operator);
  app.use((req, res) => portalErrorPage(req, res, 404));
  app.use(createErrorMiddleware(logger, portalErrorPage));
  return app;
}
