/**
 * What a job does after a commit is seen by asking again until it shows. The deadline is time,
 * not a count of tries: on a loaded machine (every test file's backend and database share two
 * cores) a try can take a hundred milliseconds, and a job's first run took 28 tries here with four
 * busy loops beside it (a count of 100 tries is no deadline anyone chose). Waiting
 * longer than needed never passes a wrong result; `probe` returns null until there is something
 * to judge, and the caller's expectations then judge it.
 */
export async function eventually<T>(
  probe: () => Promise<T | null | undefined>,
  { timeoutMs = 30_000, everyMs = 50 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== null && found !== undefined) return found;
    if (Date.now() >= deadline) return null;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
