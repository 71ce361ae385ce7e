import argon2 from 'argon2';

/**
 * Officers' passwords, hashed with Argon2id (the OWASP-recommended default). Lives here because
 * both the backend (login) and the seeds (demo accounts) need it, and both depend on db.
 *
 * Each hash or check takes 64 MiB of memory outside the JavaScript heap (argon2's defaults,
 * RFC 9106's second recommendation) for about 100 ms, on libuv's thread pool. Unbounded, the
 * first minutes of a working day (officers logging in together) would add 64 MiB per login in
 * flight and take every thread of the pool that DNS and file reads share. At most
 * HASHES_AT_ONCE run at a time; the others wait their turn, in order.
 */
export const HASHES_AT_ONCE = 2;

const waiting: Array<() => void> = [];
let running = 0;

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASHES_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line (running stays counted), or is freed.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

export function hashPassword(password: string): Promise<string> {
  return inTurn(() => argon2.hash(password, { type: argon2.argon2id }));
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await inTurn(() => argon2.verify(hash, password));
  } catch {
    return false; // a malformed stored hash is a failed login, not a crash
  }
}

/** How many hashes or checks are running and waiting now (for tests and metrics). */
export function passwordWork(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}
