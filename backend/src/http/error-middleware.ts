import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../support/logger';
import { AppError } from './app-error';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, isRefusedValue } from './database-unavailable';

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

/** Renders an error as a page for people (the portal's), for requests that are not API calls. */
export type HtmlErrorPage = (req: Request, res: Response, status: number) => void;

/**
 * The single place errors become responses: zod → 400 naming the fields, AppError → its status,
 * a body-parser error → 400/413, anything else → 500 with a request id and no internals. Under
 * /api (and for clients that ask for JSON) the body is JSON; elsewhere people get the HTML page.
 */
export function createErrorMiddleware(logger: Logger, htmlErrorPage?: HtmlErrorPage): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = String(req.id ?? '');
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    const wantsHtml =
      !!htmlErrorPage &&
      !req.path.startsWith('/api') &&
      !req.path.startsWith('/socket.io') &&
      req.accepts(['html', 'json']) === 'html';
    if (wantsHtml) {
      const status = isDatabaseUnavailable(err)
        ? 503
        : isRefusedValue(err)
          ? 400
          : err instanceof AppError
            ? err.status
            : typeof err?.status === 'number' && err.status >= 400 && err.status < 500
              ? Number(err.status)
              : 500;
      if (status >= 500) logger.error({ err, requestId, method: req.method, url: req.originalUrl }, 'error on a page');
      if (status === 503) res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      htmlErrorPage(req, res, status);
      return;
    }
    if (err instanceof ZodError) {
      const fields = err.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
      res.status(400).json({
        error: {
          code: 'VALIDATION_FAILED',
          message: `Invalid ${fields.map((f) => f.field).join(', ')}`,
          fields,
          requestId,
        },
      } satisfies ErrorBody);
      return;
    }
    if (isRefusedValue(err)) {
      // Input the edge let through but PostgreSQL cannot store: the caller's to change, not a 500.
      logger.warn(
        { err, requestId, method: req.method, url: req.originalUrl },
        'the database refused a value; answered 400',
      );
      res.status(400).json({
        error: {
          code: 'VALIDATION_FAILED',
          message:
            'A value is too long or holds a character that cannot be stored; nothing was changed. Shorten or retype it.',
          requestId,
        },
      } satisfies ErrorBody);
      return;
    }
    if (isDatabaseUnavailable(err)) {
      logger.warn({ err, requestId, method: req.method, url: req.originalUrl }, 'database unavailable; answered 503');
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      res.status(503).json({
        error: {
          code: 'UNAVAILABLE',
          message: `The service is busy or its database is not reachable right now; nothing was changed. Try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
          requestId,
        },
      } satisfies ErrorBody);
      return;
    }
    if (err instanceof AppError) {
      if (err.code === 'UNAVAILABLE') res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      if (err.code === 'RATE_LIMITED' && !res.getHeader('Retry-After'))
        res.setHeader('Retry-After', String(Number(err.details?.retryAfterSeconds) || 60));
      res
        .status(err.status)
        .json({ error: { code: err.code, message: err.message, ...err.details, requestId } } satisfies ErrorBody);
      return;
    }
    const bodyParserStatus =
      typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? (err.status as number) : null;
    if (bodyParserStatus && err.type) {
      const code = bodyParserStatus === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED';
      res.status(bodyParserStatus).json({
        error: {
          code,
          message: err.type === 'entity.parse.failed' ? 'The request body is not valid JSON' : String(err.message),
          requestId,
        },
      } satisfies ErrorBody);
      return;
    }
    logger.error({ err, requestId, method: req.method, url: req.originalUrl }, 'unhandled error');
    res.status(500).json({
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on our side. Quote this request id when you report it.',
        requestId,
      },
    } satisfies ErrorBody);
  };
}
