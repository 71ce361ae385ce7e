import pino from 'pino';

export type Logger = pino.Logger;

/** Query parameters whose values are secrets or a citizen's data: never written to a log. */
const SECRET_NAMES = new Set([
  'key',
  'token',
  'access_token',
  'refresh_token',
  'code_verifier',
  'accesskey',
  'email',
  'phone',
  'password',
]);
const SECRET_PARAMS = new RegExp(`([?&](?:${[...SECRET_NAMES].join('|')})=)[^&#]*`, 'gi');
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// Vietnamese mobile and landline numbers as people write them (0912 345 678, +84 912345678, 84912345678).
const PHONE = /(?<!\d)(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)/g;

/** A URL as it may be logged: the access key (and any other secret parameter) replaced. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_PARAMS, '$1[redacted]');
}

/** Free text as it may be logged (error messages can quote SQL parameters): emails and phone numbers masked. */
export function redactText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
}

/** A serialized request as it may be logged: its URL and query without secrets. */
export function redactRequest(req: { url?: string; query?: unknown; [key: string]: unknown }): Record<string, unknown> {
  const query =
    req.query && typeof req.query === 'object'
      ? Object.fromEntries(
          Object.keys(req.query).map((k) => [
            k,
            SECRET_NAMES.has(k.toLowerCase()) ? '[redacted]' : (req.query as Record<string, unknown>)[k],
          ]),
        )
      : req.query;
  return { ...req, url: redactUrl(req.url), ...(query !== undefined ? { query } : {}) };
}

/**
 * The one logger. Request logs carry method, path and status, never the Authorization header,
 * cookies, access keys, tokens or a citizen's contact data: the paths below are removed by pino's
 * redaction, URLs are redacted by their serializer, and error texts are masked.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'caunoi' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-zevent-signature"]',
          'req.headers["idempotency-key"]',
          'res.headers["set-cookie"]',
          'headers.authorization',
          'headers.cookie',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: redactRequest,
        url: (url: string) => redactUrl(url),
        err: (err: Error) => {
          const serialized = pino.stdSerializers.err(err);
          return {
            ...serialized,
            message: redactText(serialized.message ?? ''),
            stack: redactText(serialized.stack ?? ''),
          };
        },
      },
    },
    destination,
  );
}
