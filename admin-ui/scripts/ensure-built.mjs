// Builds the admin UI when dist/ is missing or older than its sources, so that `npm start` and the
// browser tests always serve what is checked out, without a rebuild on every start.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const newest = (path) => {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
};
const built = join(root, 'dist', 'index.html');
const sources = Math.max(
  newest(join(root, 'src')),
  newest(join(root, 'index.html')),
  newest(join(root, 'vite.config.ts')),
);
if (existsSync(built) && statSync(built).mtimeMs >= sources) process.exit(0);
console.log('Building the admin UI (admin-ui/dist)…');
// Always a production build: run from vitest (NODE_ENV=test) vite would otherwise bundle React's
// development builds, half again as large and slower.
execFileSync(
  process.execPath,
  [
    join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js'),
    'build',
    '--mode',
    'production',
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  },
);
