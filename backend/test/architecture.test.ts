import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The workspaces a source file imports (`@caunoi/<name>`), file by file. */
function importsIn(dir: string): Array<{ path: string; workspaces: string[] }> {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const path = join(d, name);
      if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : walk(path);
      return /\.(ts|tsx|mjs)$/.test(name) ? [path] : [];
    });
  return walk(join(ROOT, dir)).map((path) => ({
    path: relative(ROOT, path),
    workspaces: [...readFileSync(path, 'utf8').matchAll(/from '@caunoi\/([a-z-]+)/g)].map((m) => m[1]!),
  }));
}
const importing = (dir: string, workspace: string) =>
  importsIn(dir)
    .filter((f) => f.workspaces.includes(workspace))
    .map((f) => f.path)
    .sort();

describe('dependencies point one way (DESIGN.md §2)', () => {
  it('keeps workflows free of every other workspace', () => {
    expect(importsIn('workflows/src').flatMap((f) => f.workspaces)).toEqual([]);
  });

  it('lets the admin UI import only workflows and the API contract, never the backend or the database', () => {
    expect([...new Set(importsIn('admin-ui/src').flatMap((f) => f.workspaces))].sort()).toEqual([
      'contract',
      'workflows',
    ]);
  });

  it('keeps the contract to zod and workflows', () => {
    expect([...new Set(importsIn('backend/contract/src').flatMap((f) => f.workspaces))]).toEqual(['workflows']);
  });

  it('has the backend take the demo and reference data from seeds in its bootstrap only', () => {
    expect(importing('backend/src', 'seeds')).toEqual([
      'backend/src/bootstrap/demo-data.ts',
      'backend/src/bootstrap/prepare-database.ts',
    ]);
  });

  it('lets nothing import the backend', () => {
    for (const dir of ['workflows/src', 'db/src', 'seeds/src', 'admin-ui/src', 'backend/contract/src'])
      expect(importing(dir, 'backend'), dir).toEqual([]);
  });
});
