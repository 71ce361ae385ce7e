/**
 * One sweeper instance for `bench:sweeper`, in a process of its own as a second backend would be:
 * sweeps a warm-up copy first when one is given (its URL and instant follow), connects, says
 * `ready`, waits for `go` on stdin, fires what is due at the given instant, and prints what it
 * fired as one JSON line; it ends when stdin does.
 */
import { createInterface } from 'node:readline';
import { createLogger, createSlaContextLoader, sweepDueCases } from '@caunoi/backend';
import { initORM } from '@caunoi/db';

const [url, at, warmUrl, warmAt] = process.argv.slice(2) as [string, string, string?, string?];
// SWEEP_BATCH: cases per transaction, to compare batch sizes (default: the sweeper's own).
const batchSize = process.env.SWEEP_BATCH ? Number(process.env.SWEEP_BATCH) : undefined;
if (warmUrl && warmAt) {
  // A running backend's sweeper is compiled code: sweep a copy of its own first.
  const warm = await initORM(warmUrl, { pool: { min: 2, max: 20 } });
  await sweepDueCases(warm, createSlaContextLoader(), createLogger('silent'), new Date(warmAt), { batchSize });
  await warm.close();
}
const orm = await initORM(url, { pool: { min: 2, max: 20 } });
await orm.em.fork().execute('select 1');
const lines = createInterface({ input: process.stdin });
console.log('ready');
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  const started = performance.now();
  const result = await sweepDueCases(orm, createSlaContextLoader(), createLogger('silent'), new Date(at), {
    batchSize,
  });
  console.log(JSON.stringify({ fired: result.fired, failed: result.failed, ms: performance.now() - started }));
}
// Stdin's end says the bench has read this process's CPU time (and its database sessions'): now it may go.
await orm.close();
lines.close();
process.exit(0);
