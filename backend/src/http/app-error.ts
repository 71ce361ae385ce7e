/**
 * The one error type of the backend. Services throw it with a code; the error middleware turns
 * the code into an HTTP status and a JSON body a person can act on.
 *
 * | code              | status | meaning                                                     |
 * | ----------------- | ------ | ----------------------------------------------------------- |
 * | VALIDATION_FAILED | 400    | a field is missing or wrong; `details.fields` names them    |
 * | UNAUTHENTICATED   | 401    | no valid login token                                        |
 * | FORBIDDEN         | 403    | logged in, but the role may not do this                      |
 * | NOT_FOUND         | 404    | no such thing, or outside the caller's jurisdiction          |
 * | CONFLICT          | 409    | stale version, or a transition the case does not allow now   |
 * | PAYLOAD_TOO_LARGE | 413    | body or attachment over the limit                            |
 * | UNSUPPORTED_MEDIA_TYPE | 415 | a body in a format the endpoint does not read             |
 * | IDEMPOTENCY_KEY_REUSED | 422 | the Idempotency-Key was already used with another body    |
 * | RATE_LIMITED      | 429    | too many requests from this address                          |
 * | UNAVAILABLE       | 503    | a dependency (the database) is not reachable                 |
 */
export const APP_ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}
