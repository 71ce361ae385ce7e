import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every non-test TypeScript source of the workspaces that write to the database. */
function sources(): Array<{ path: string; text: string }> {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'test' ? [] : walk(path);
      return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
    });
  return ['backend/src', 'seeds/src', 'db/src']
    .flatMap((dir) => walk(join(ROOT, dir)))
    .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
}

const files = sources();
const where = (pattern: RegExp) =>
  files
    .filter((f) => pattern.test(f.text))
    .map((f) => f.path)
    .sort();

describe('one path changes a case', () => {
  it('sets a case’s status only in the transition writer', () => {
    // (creation gives a new case the placeholder 'received' the machine's submit replaces before the one insert)
    // An entity assignment, or SQL that sets the status column of case_file.
    expect(where(/\bkase\.status\s*=(?!=)/)).toEqual(['backend/src/transitions/commit-transition.ts']);
    expect(where(/update\s+case_file\s+set[^;`]*\bstatus\s*=/i)).toEqual([]);
  });

  it('appends audit events only through the transition writer, case creation included', () => {
    expect(where(/\bchainCaseEvents\(/)).toEqual([
      'backend/src/transitions/append-case-event.ts',
      'backend/src/transitions/commit-transition.ts',
    ]);
    expect(where(/\bwriteTransitions\(/).filter((p) => !p.startsWith('db/src/'))).toEqual([
      'backend/src/transitions/commit-transition.ts',
    ]);
  });

  it('writes case_event rows in bulk only in the demo generator, whose rows are decided by the machine and recordTransition', () => {
    expect(where(/insert\s+into\s+"?case_event"?|['"]case_event['"]/i).filter((p) => !p.startsWith('db/src/'))).toEqual(
      ['seeds/src/demo/generate-demo.ts'],
    );
  });

  it('is the one function every caller uses: nobody else runs the machine on a stored case', () => {
    // The demo generator replays its histories through the same machine, on a simulated clock, before it writes them in bulk.
    expect(where(/\btransitionCase\(/)).toEqual([
      'backend/src/transitions/change-case.ts',
      'seeds/src/demo/lifecycle.ts',
    ]);
    expect(where(/\bcommitTransitions\(/)).toEqual([
      'backend/src/transitions/change-case.ts',
      'backend/src/transitions/commit-transition.ts',
    ]);
    // What a transition writes is described once, in workflows: the writer and the demo's replay both use it.
    expect(where(/\brecordTransition\(/)).toEqual([
      'backend/src/transitions/commit-transition.ts',
      'seeds/src/demo/lifecycle.ts',
    ]);
  });
});
