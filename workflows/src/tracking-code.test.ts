import { describe, expect, it } from 'vitest';
import {
  ACCESS_KEY_ALPHABET,
  accessKeyFromBytes,
  formatTrackingCode,
  normaliseTrackingCode,
  parseTrackingCode,
} from './tracking-code';

describe('tracking codes', () => {
  it('read the receipt date and a per-day sequence, like the national PAKN portal', () => {
    expect(formatTrackingCode('2026-11-22', 42)).toBe('CN.20261122.00042');
    expect(parseTrackingCode('CN.20261122.00042')).toEqual({ date: '2026-11-22', sequence: 42 });
  });

  it('sort by date as plain strings', () => {
    const codes = [
      formatTrackingCode('2026-11-22', 1),
      formatTrackingCode('2026-01-05', 999),
      formatTrackingCode('2026-11-21', 12),
    ];
    expect([...codes].sort()).toEqual(['CN.20260105.00999', 'CN.20261121.00012', 'CN.20261122.00001']);
  });

  it('accept what a citizen types: lower case, spaces or dashes', () => {
    expect(normaliseTrackingCode(' cn-20261122-00042 ')).toBe('CN.20261122.00042');
    expect(normaliseTrackingCode('CN 20261122 00042')).toBe('CN.20261122.00042');
    expect(parseTrackingCode('PAKN.20261122.0042')).toBeNull();
    expect(parseTrackingCode('CN.2026112.00042')).toBeNull();
  });

  it('accept a code typed without its dots, with or without the prefix, but not just any number', () => {
    expect(normaliseTrackingCode('CN2026112200042')).toBe('CN.20261122.00042');
    expect(normaliseTrackingCode('cn2026112200042')).toBe('CN.20261122.00042');
    expect(normaliseTrackingCode('2026112200042')).toBe('CN.20261122.00042');
    expect(normaliseTrackingCode('2026132200042')).toBeNull(); // month 13
    expect(normaliseTrackingCode('0912345678')).toBeNull(); // a phone number
    expect(normaliseTrackingCode('đèn đường')).toBeNull();
  });

  it('make access keys without look-alike characters', () => {
    const key = accessKeyFromBytes(Uint8Array.from([0, 1, 2, 30, 31, 62, 100, 200, 254, 255]));
    expect(key).toHaveLength(10);
    for (const ch of key) expect(ACCESS_KEY_ALPHABET).toContain(ch);
    expect(key).not.toMatch(/[01OIL]/);
  });
});
