import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import { RequestContext } from '@mikro-orm/core';
import type { MikroORM } from '@caunoi/db';
import type { Config } from './config';
import { createDevRoutes } from './dev/dev.routes';
import { createErrorMiddleware, notFoundHandler } from './errors/error-middleware';
import { createHealthRoutes } from './health/health.routes';
import type { Logger } from './logger';
import { createMetrics } from './metrics';

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  logger: Logger;
}

/** Builds the express app from its dependencies; no module-level state, so tests can build many. */
export function createApp(deps: AppDeps): Express {
  const { config, orm, logger } = deps;
  const app = express();
  const metrics = createMetrics();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    }),
  );
  app.use(metrics.httpMiddleware);
  app.use(createHealthRoutes(orm, metrics.registry));

  app.use(express.json({ limit: '1mb' }));
  // One identity map per request: entities never leak between requests.
  app.use((_req, _res, next) => RequestContext.create(orm.em, next));

  if (!config.isProduction) app.use('/api/dev', createDevRoutes(orm));

  app.use('/api', notFoundHandler);
  app.use(createErrorMiddleware(logger));
  return app;
}
