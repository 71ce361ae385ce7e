import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler, Router } from 'express';

const DIST = fileURLToPath(new URL('../../../admin-ui/dist', import.meta.url));

/** The encodings the build writes beside each asset (admin-ui/vite.config.ts), best first. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/**
 * Serves the built admin UI at /admin/ (hashed assets cached for a year, index.html never), with
 * the single-page fallback. Assets go out precompressed (brotli, else gzip) when the browser
 * accepts it. Before the first build it says how to build instead of a blank page.
 */
export function serveAdminUi(dist = DIST): Router {
  const router = Router();
  if (!existsSync(`${dist}/index.html`)) {
    router.use((_req, res) => {
      res
        .status(503)
        .type('text')
        .send('The admin UI is not built yet: run `npm run build -w @caunoi/admin-ui` (npm start does it for you).');
    });
    return router;
  }
  router.use(
    '/assets',
    precompressed(`${dist}/assets`),
    express.static(`${dist}/assets`, { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.use(express.static(dist, { index: false, maxAge: 0 }));
  router.use((_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(`${dist}/index.html`);
  });
  return router;
}

/** Answers an asset request with its `.br` or `.gz` sibling when the client accepts that encoding. */
function precompressed(root: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.setHeader('Vary', 'Accept-Encoding');
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const path = decodeURIComponent(req.path);
    if (path.includes('..')) return next();
    const choice = PRECOMPRESSED.find(
      (p) => new RegExp(`\\b${p.encoding}\\b`).test(accepted) && existsSync(`${root}${path}${p.suffix}`),
    );
    if (!choice) return next();
    res.setHeader('Content-Encoding', choice.encoding);
    res.type(extname(path));
    res.sendFile(
      `${root}${path}${choice.suffix}`,
      { immutable: true, maxAge: '365d', headers: { 'Content-Type': String(res.getHeader('Content-Type')) } },
      (error) => {
        if (error) next(error);
      },
    );
  };
}
