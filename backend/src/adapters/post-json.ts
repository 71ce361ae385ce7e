import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { type Lookup, PrivateAddressRefused, isPrivateAddress, publicOnlyLookup } from './public-address';

export interface PostOptions {
  headers: Record<string, string>;
  body: string;
  /** The whole exchange, connection to status line. */
  timeoutMs: number;
  /** Refuse private addresses (production); development and tests post to loopback. */
  publicOnly: boolean;
  /** The resolver behind the check (the system's unless a test brings one). */
  resolve?: Lookup;
}

/**
 * One POST to an address someone else chose: no redirects followed (a 3xx is an answer, not a
 * hop to an unchecked address), the answer's body discarded unread, and with `publicOnly` the
 * connection goes only to a public address, checked in the lookup it connects with.
 */
export function postJson(url: string, options: PostOptions): Promise<{ status: number }> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (options.publicOnly && isIP(host) && isPrivateAddress(host))
    return Promise.reject(new PrivateAddressRefused(host, host));
  const request = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: { ...options.headers, 'content-length': Buffer.byteLength(options.body) },
        agent: false,
        ...(options.publicOnly
          ? { lookup: publicOnlyLookup(options.resolve) as never }
          : options.resolve
            ? { lookup: options.resolve as never }
            : {}),
      },
      (res) => {
        clearTimeout(timer);
        res.resume();
        resolve({ status: res.statusCode ?? 0 });
      },
    );
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)),
      options.timeoutMs,
    );
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(options.body);
  });
}
