import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../logger';
import { AppError } from './app-error';

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    /** For validation errors: the fields and what is wrong with each. */
    fields?: Array<{ field: string; message: string }>;
    requestId?: string;
    [key: string]: unknown;
  };
}

/** Unknown routes under /api answer in JSON like every other error. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}`));
};

/**
 * The single place errors become responses: zod → 400 naming the fields, AppError → its status,
 * a body-parser error → 400/413, anything else → 500 with a request id and no internals.
 */
export function createErrorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = String(req.id ?? '');
    if (err instanceof ZodError) {
      const fields = err.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
      res.status(400).json({ error: { code: 'VALIDATION_FAILED', message: `Invalid ${fields.map((f) => f.field).join(', ')}`, fields, requestId } } satisfies ErrorBody);
      return;
    }
    if (err instanceof AppError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, ...err.details, requestId } } satisfies ErrorBody);
      return;
    }
    const bodyParserStatus = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? (err.status as number) : null;
    if (bodyParserStatus && err.type) {
      const code = bodyParserStatus === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED';
      res.status(bodyParserStatus).json({ error: { code, message: err.type === 'entity.parse.failed' ? 'The request body is not valid JSON' : String(err.message), requestId } } satisfies ErrorBody);
      return;
    }
    logger.error({ err, requestId, method: req.method, url: req.originalUrl }, 'unhandled error');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side. Quote this request id when you report it.', requestId } } satisfies ErrorBody);
  };
}
