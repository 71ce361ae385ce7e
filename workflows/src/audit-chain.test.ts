import { describe, expect, it } from 'vitest';
import { type ChainLink, GENESIS_HASH, canonicalJson, hashCaseEvent, verifyChain } from './audit-chain';

function buildChain(count: number): ChainLink[] {
  const links: ChainLink[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const event = {
      caseId: 7,
      seq,
      type: seq === 1 ? 'SUBMITTED' : 'ACCEPTED',
      actor: 'officer:3',
      payload: { note: `bước ${seq}` },
      createdAt: new Date(Date.UTC(2026, 10, seq)),
    };
    const hash = hashCaseEvent(prevHash, event);
    links.push({ ...event, prevHash, hash });
    prevHash = hash;
  }
  return links;
}

describe('the hash-chained audit trail', () => {
  it('hashes the same content the same way whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('verifies an untouched chain', () => {
    expect(verifyChain(buildChain(4))).toEqual({ ok: true, length: 4 });
  });

  it('names the first event whose content was edited', () => {
    const chain = buildChain(4);
    chain[1] = { ...chain[1]!, payload: { note: 'sửa lén' } };
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAtSeq: 2 });
  });

  it('notices a deleted event', () => {
    const chain = buildChain(4);
    chain.splice(2, 1);
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAtSeq: 4 });
  });
});
