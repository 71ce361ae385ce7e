import { type LookupAddress, lookup as systemLookup } from 'node:dns';
import { isIP } from 'node:net';

/**
 * Outbound requests to addresses an agency chose (webhooks) must reach the internet only: a URL
 * that names, or a name that resolves to, loopback, a private network, link-local (the cloud
 * metadata service at 169.254.169.254) or CGNAT space would let an agency's key probe our own
 * network (SSRF). The subscription is checked when it is made; the resolved address is checked
 * again at every delivery, in the lookup the connection itself uses, so that a name that later
 * resolves elsewhere (DNS rebinding) is refused too.
 */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').toLowerCase();
  // An IPv4 address mapped into IPv6, dotted (::ffff:127.0.0.1) or as URLs write it (::ffff:7f00:1).
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (hex) {
    const [high, low] = [Number.parseInt(hex[1]!, 16), Number.parseInt(hex[2]!, 16)];
    return isPrivateAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  if (isIP(ip) === 6)
    return ip === '::' || ip === '::1' || /^f[cd]/.test(ip) || /^fe[89ab]/.test(ip) || ip.startsWith('ff');
  return false;
}

/** A host name or literal that is private on its face (before any lookup). */
export function isPrivateHost(host: string): boolean {
  const h = host
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')) return true;
  return isPrivateAddress(h);
}

export class PrivateAddressRefused extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private address; a subscriber must be on the internet`);
    this.name = 'PrivateAddressRefused';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type Lookup = (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) => void;

/**
 * A `lookup` for http(s).request that refuses private answers: the address checked is the one
 * connected to. `resolve` is the system resolver unless a test brings its own.
 */
export function publicOnlyLookup(resolve: Lookup = systemLookup as unknown as Lookup): Lookup {
  return (hostname, options, callback) =>
    resolve(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, []);
      const addresses = found as LookupAddress[];
      const refused = addresses.find((a) => isPrivateAddress(a.address));
      if (refused) return callback(new PrivateAddressRefused(hostname, refused.address), []);
      if (!addresses.length)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
}
