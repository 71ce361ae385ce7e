import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

const DIST = fileURLToPath(new URL('../../../admin-ui/dist', import.meta.url));

/**
 * Serves the built admin UI at /admin/ (hashed assets cached for a year, index.html never), with
 * the single-page fallback. Before the first build it says how to build instead of a blank page.
 */
export function serveAdminUi(dist = DIST): Router {
  const router = Router();
  if (!existsSync(`${dist}/index.html`)) {
    router.use((_req, res) => {
      res.status(503).type('text').send('The admin UI is not built yet: run `npm run build -w @caunoi/admin-ui` (npm start does it for you).');
    });
    return router;
  }
  router.use('/assets', express.static(`${dist}/assets`, { immutable: true, maxAge: '365d', fallthrough: false }));
  router.use(express.static(dist, { index: false, maxAge: 0 }));
  router.use((_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(`${dist}/index.html`);
  });
  return router;
}
