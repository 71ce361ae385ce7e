/**
 * `npm run bench:faults -w @caunoi/bench -- [fuzzRuns=5000] [rounds=1]`: the fault tier, the fuzz
 * tests and the authorisation matrix of `npm test`, run with more inputs (and the fault tier as
 * many rounds as asked), their figures collected into one summary: acknowledged, lost,
 * duplicated and seconds to recover per fault; inputs tried and 5xx per surface; cells checked.
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [fuzzRuns = '5000', rounds = '1'] = process.argv.slice(2).filter((a) => a !== '--');

function run(files: string[], env: Record<string, string>): Promise<{ lines: string[]; ok: boolean }> {
  return new Promise((done) => {
    const child = spawn(join(REPOSITORY, 'node_modules/.bin/vitest'), ['run', ...files], {
      cwd: REPOSITORY,
      env: { ...process.env, ...env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('exit', (code) =>
      done({
        lines: out
          .split('\n')
          // vitest colours the first line a test prints, whatever FORCE_COLOR says.
          .map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim())
          .filter((l) => /^(fault |fuzz |authorisation matrix)/.test(l)),
        ok: code === 0,
      }),
    );
  });
}

const summary: string[] = [];
let failed = false;
for (let round = 1; round <= Number(rounds); round += 1) {
  const faults = await run(
    [
      'backend/test/faults.test.ts',
      'backend/test/delivery-invariants.test.ts',
      'backend/test/zalo-intake.test.ts',
      'backend/test/sweeper.test.ts',
    ],
    {},
  );
  failed ||= !faults.ok;
  summary.push(...faults.lines.map((l) => `round ${round}: ${l}`));
}
const fuzz = await run(['backend/test/hostile-input.test.ts', 'backend/test/authorisation-matrix.test.ts'], {
  FUZZ_RUNS: fuzzRuns,
});
failed ||= !fuzz.ok;
summary.push(...fuzz.lines);

console.log(`\nCauNoi under faults and hostile input (fuzz runs per surface: ${fuzzRuns}, fault rounds: ${rounds})`);
for (const line of summary) console.log(`  ${line}`);
console.log(failed ? '\nSOME CHECKS FAILED (see above)' : '\nall checks held');
process.exitCode = failed ? 1 : 0;
