/**
 * Errors that mean "the database is not reachable right now" rather than "this request is wrong":
 * no pooled connection within DB_ACQUIRE_TIMEOUT_MS, a refused or dropped connection, a server
 * shutting down or starting up. They are answered 503 with Retry-After, never 500.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /the database system is (starting up|shutting down)/i,
];

/** Seconds a client should wait before trying again. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Whether the error, or one of the errors it wraps (`cause`, a few deep), is such. */
function anyCause(
  error: unknown,
  test: (e: { code?: unknown; sqlState?: unknown; message?: unknown }) => boolean,
): boolean {
  for (
    let current: unknown = error, depth = 0;
    current && depth < 5;
    current = (current as { cause?: unknown }).cause, depth += 1
  )
    if (test(current as { code?: unknown })) return true;
  return false;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return anyCause(
    error,
    ({ code, message }) =>
      (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code))) ||
      (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))),
  );
}

/**
 * Errors in which PostgreSQL refused a value itself: a character it cannot store, a value too long
 * for its column, a number out of range, a date it cannot read. Trying again cannot help, so an
 * item that causes one is the sender's to fix (refused, with a message), never retried forever.
 * 08P01 is what a NUL inside a bound text parameter does to the wire protocol.
 */
const REFUSED_VALUE_SQLSTATES = new Set([
  '08P01',
  '22P05',
  '22021',
  '22001',
  '22003',
  '22P02',
  '22007',
  '22008',
  '54000',
]);

export function isRefusedValue(error: unknown): boolean {
  return anyCause(
    error,
    ({ code, sqlState }) =>
      (typeof code === 'string' && REFUSED_VALUE_SQLSTATES.has(code)) ||
      (typeof sqlState === 'string' && REFUSED_VALUE_SQLSTATES.has(sqlState)),
  );
}
