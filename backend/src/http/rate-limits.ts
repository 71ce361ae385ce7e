import type { Request, RequestHandler } from 'express';
import { type Options, type Store, ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { normaliseTrackingCode } from '@caunoi/workflows';
import { AppError } from './app-error';
import type { SharedCounters } from './shared-counters';

/**
 * express-rate-limit's counters kept in PostgreSQL (rate_limit_window), so that every replica
 * counts against the same limit: with per-process memory, N replicas let N times the limit through.
 * Counted through the shared counters: a statement per request only near the limit (SharedCounters).
 */
export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private limit = 1;
  constructor(
    private readonly counters: SharedCounters,
    readonly prefix: string,
  ) {}
  init(options: Options): void {
    this.windowMs = options.windowMs;
    if (typeof options.limit === 'number') this.limit = options.limit;
  }
  async increment(key: string) {
    const { hits, resetAt } = await this.counters.count(this.prefix + key, 1, this.limit, this.windowMs);
    return { totalHits: hits, resetTime: resetAt };
  }
  async decrement(key: string): Promise<void> {
    await this.counters.count(this.prefix + key, -1, this.limit, this.windowMs);
  }
  async resetKey(key: string): Promise<void> {
    await this.counters.forget(this.prefix + key);
  }
}

export interface RateLimitSettings {
  /** Requests a minute per address on the public endpoints and form posts; 0: off. */
  publicPerMinute: number;
  /** Failed status lookups an hour, per address and per tracking code; 0: off. */
  failedLookupsPerHour: number;
  /** Failed logins per 15 minutes per address; 0: off (each account has its own lock besides). */
  failedLoginsPerQuarterHour: number;
  /** Bytes an address may hand to intake per hour; 0: off. */
  intakeBytesPerHour: number;
}

/** The limits of the public surfaces and the login, shared by every replica. */
export interface RateLimits {
  /** Every public API request and form post, per address. */
  public: RequestHandler;
  /** Status lookups that find nothing (guessing codes or keys), per address and per code. */
  statusLookups: RequestHandler;
  /** Logins that fail, per address. */
  login: RequestHandler;
  /** What intake bodies may weigh, per address and hour. */
  bytes: ByteQuota;
}

const pass: RequestHandler = (_req, _res, next) => next();

/** The client's address as express resolved it under TRUST_PROXY, IPv6 by its /56 (express-rate-limit's advice). */
const addressOf = (req: Request) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? '');

export function createRateLimits(counters: SharedCounters, settings: RateLimitSettings): RateLimits {
  const limiter = (
    name: string,
    limit: number,
    windowMs: number,
    message: string,
    extra: Partial<Options> = {},
  ): RequestHandler =>
    limit <= 0
      ? pass
      : rateLimit({
          windowMs,
          limit,
          standardHeaders: 'draft-8',
          legacyHeaders: false,
          store: new PostgresRateLimitStore(counters, `${name}:`),
          keyGenerator: addressOf,
          // The address is what TRUST_PROXY makes of it; a forwarded header from an untrusted
          // peer is ignored on purpose, so the library's warning about it does not apply.
          validate: { xForwardedForHeader: false, trustProxy: false },
          handler: (_req, _res, next, options) =>
            next(
              new AppError('RATE_LIMITED', message, {
                limit: name,
                retryAfterSeconds: Math.ceil(options.windowMs / 1000),
              }),
            ),
          ...extra,
        });

  const lookupsByAddress = limiter(
    'lookup-address',
    settings.failedLookupsPerHour,
    3_600_000,
    `Too many status lookups that found nothing from this address: at most ${settings.failedLookupsPerHour} an hour; check the code and key in your acknowledgement`,
    { skipSuccessfulRequests: true },
  );
  const lookupsByCode = limiter(
    'lookup-code',
    settings.failedLookupsPerHour,
    3_600_000,
    'Too many lookups of this tracking code with a wrong key: try again in an hour, or use the link in your acknowledgement',
    {
      skipSuccessfulRequests: true,
      keyGenerator: (req) => {
        const raw = String(req.params.trackingCode ?? req.query.code ?? '');
        return normaliseTrackingCode(raw) ?? raw.slice(0, 40);
      },
    },
  );
  return {
    public: limiter(
      'public',
      settings.publicPerMinute,
      60_000,
      `Too many requests from this address: at most ${settings.publicPerMinute} a minute; try again shortly`,
    ),
    statusLookups: (req, res, next) =>
      lookupsByAddress(req, res, (error?: unknown) => (error ? next(error) : lookupsByCode(req, res, next))),
    bytes: createByteQuota(counters, settings.intakeBytesPerHour),
    login: limiter(
      'login-address',
      settings.failedLoginsPerQuarterHour,
      15 * 60_000,
      `Too many failed logins from this address: at most ${settings.failedLoginsPerQuarterHour} in 15 minutes; try again later`,
      { skipSuccessfulRequests: true },
    ),
  };
}

/**
 * TRUST_PROXY as express reads it: absent → no proxy is trusted (the socket's address counts,
 * and X-Forwarded-For is ignored); a number → that many hops; otherwise a list of addresses,
 * subnets or express's names (loopback, linklocal, uniquelocal).
 */
export function trustProxySetting(value: string | undefined): false | number | string[] {
  if (!value || value === 'false' || value === '0') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * How many bytes one address may hand to intake in an hour (the portal's API and form posts, the
 * SMTP listener). Every body is stored raw before it is read, refused ones too, so without a
 * quota one anonymous address could fill the disk (a 26 MB body a second is 1.5 GB a minute).
 */
export interface ByteQuota {
  /** Counts `bytes` against the address; past the quota, throws RATE_LIMITED (nothing is stored). */
  take(address: string, bytes: number): Promise<void>;
}

export function createByteQuota(counters: SharedCounters, bytesPerHour: number): ByteQuota {
  return {
    async take(address, bytes) {
      if (bytesPerHour <= 0 || bytes === 0) return;
      const key = `bytes:${ipKeyGenerator(address)}`;
      const { hits, resetAt } = await counters.count(key, bytes, bytesPerHour, 3_600_000);
      if (hits <= bytesPerHour) return;
      // Take it back: a refused body does not use up what the address may still send.
      await counters.count(key, -bytes, bytesPerHour, 3_600_000);
      throw new AppError(
        'RATE_LIMITED',
        `This address has sent more than ${Math.round(bytesPerHour / 1_048_576)} MB in the last hour; send large files as links, or try again later`,
        { limit: 'bytes', retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)) },
      );
    },
  };
}
