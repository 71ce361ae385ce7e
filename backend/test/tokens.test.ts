import { describe, expect, it } from 'vitest';
import { createTokenService } from '../src/auth/tokens';

describe('login tokens', () => {
  it('are checked once and remembered, and still refused once they expire', async () => {
    let clock = Date.parse('2026-12-03T08:00:00Z');
    const tokens = createTokenService('a secret of at least thirty-two characters', 1, { now: () => clock });
    const { token } = await tokens.issue(7, 3);
    expect(await tokens.verify(token)).toEqual({ userId: 7, tokenVersion: 3 });
    clock += 59 * 60_000;
    expect(await tokens.verify(token)).toEqual({ userId: 7, tokenVersion: 3 });
    clock += 2 * 60_000; // an hour and a minute after it was issued
    expect(await tokens.verify(token)).toBeNull();
    expect(await tokens.verify(token)).toBeNull();
  });

  it('refuses a token signed with another secret or altered, even beside remembered ones', async () => {
    const tokens = createTokenService('a secret of at least thirty-two characters', 1, { rememberVerified: 2 });
    const other = createTokenService('another secret of thirty-two characters!!', 1);
    const mine = await Promise.all([1, 2, 3].map((id) => tokens.issue(id, 0)));
    for (const { token } of mine) expect(await tokens.verify(token)).not.toBeNull();
    expect(await tokens.verify((await other.issue(1, 0)).token)).toBeNull();
    const [header, payload, signature] = mine[0]!.token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: '99', ver: 0, iss: 'caunoi', exp: 9e9 })).toString('base64url')}.${signature}`;
    expect(payload).not.toBe(forged.split('.')[1]);
    expect(await tokens.verify(forged)).toBeNull();
    // The first was forgotten (two remembered at most) and is checked again: still good.
    expect(await tokens.verify(mine[0]!.token)).toEqual({ userId: 1, tokenVersion: 0 });
  });
});
