import { describe, expect, it } from 'vitest';
import { HASHES_AT_ONCE, hashPassword, passwordWork, verifyPassword } from '../src/passwords';

describe('officers logging in together', () => {
  it(`check their passwords ${HASHES_AT_ONCE} at a time (64 MiB each), every one answered rightly`, async () => {
    const hash = await hashPassword('caunoi-demo');
    let mostRunning = 0;
    let mostWaiting = 0;
    const watch = setInterval(() => {
      const now = passwordWork();
      mostRunning = Math.max(mostRunning, now.running);
      mostWaiting = Math.max(mostWaiting, now.waiting);
    }, 1);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => verifyPassword(hash, i % 2 === 0 ? 'caunoi-demo' : 'wrong password')),
    );
    clearInterval(watch);
    expect(answers).toEqual([true, false, true, false, true, false, true, false]);
    expect(mostRunning).toBe(HASHES_AT_ONCE);
    expect(mostWaiting).toBeGreaterThan(0);
    expect(passwordWork()).toEqual({ running: 0, waiting: 0 });
  });

  it('a malformed stored hash is a failed login, and frees its turn', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(passwordWork()).toEqual({ running: 0, waiting: 0 });
  });
});
