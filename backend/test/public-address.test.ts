import { describe, expect, it } from 'vitest';
import { isPrivateAddress, isPrivateHost } from '../src/adapters/public-address';

describe('which addresses a webhook may reach in production', () => {
  it('refuses loopback, private networks, link-local (cloud metadata), CGNAT, multicast and their IPv6 forms', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
  });

  it('lets public addresses through, and tells private names by their face', () => {
    for (const address of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '203.113.131.1', '2001:4860:4860::8888'])
      expect(isPrivateAddress(address), address).toBe(false);
    expect(isPrivateHost('localhost')).toBe(true);
    expect(isPrivateHost('metadata.google.internal')).toBe(true);
    expect(isPrivateHost('printer.local')).toBe(true);
    expect(isPrivateHost('[::1]')).toBe(true);
    expect(isPrivateHost('hooks.ihanoi.gov.vn')).toBe(false);
  });
});
