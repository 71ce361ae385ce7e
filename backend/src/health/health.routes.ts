import { Router } from 'express';
import { type MikroORM, pingDatabase } from '@caunoi/db';
import type { Registry } from 'prom-client';

const READINESS_TIMEOUT_MS = 2_000;

/** Liveness, readiness and Prometheus metrics for load balancers and monitoring (DESIGN.md §8). */
export function createHealthRoutes(orm: MikroORM, metrics: Registry): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    try {
      await withTimeout(pingDatabase(orm.em.fork()), READINESS_TIMEOUT_MS);
      res.json({ status: 'ready', database: 'up' });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', database: 'down', reason: (error as Error).message });
    }
  });

  router.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });

  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
