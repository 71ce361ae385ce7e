import express, { type NextFunction, type Request, type RequestHandler } from 'express';
import { AppError } from './app-error';

/** The largest body a route with files takes (the portal's forms, the officers' answer files). */
export const MAX_UPLOAD_BODY_BYTES = 26 * 1024 * 1024;

/**
 * Request bodies are read whole into memory (they are stored raw before anything else happens),
 * and an upload costs this process about three times its size while it is stored and read: the
 * body, the driver's copy of it on the way to PostgreSQL, and the driver's copies of its files
 * (the files themselves are views of the body).
 * Ten people sending 25 MB at once would be a gigabyte. So large bodies take a share of one
 * budget before they are read, and give it back when their answer has gone: over the budget, the
 * next large one waits (its bytes stay in the kernel's socket buffers and the sender's, not here),
 * in arrival order, and after `maxWaitMs` is answered 503 with Retry-After. Small bodies (the
 * form without files, JSON, a webhook) never wait. The budget is this process's: each replica has
 * its own memory.
 */
export interface BodyBudget {
  /** express.raw for one route (`limitBytes` its largest body), after the body's share of the budget. */
  raw(limitBytes: number): RequestHandler;
  /** What the budget holds now: bytes of bodies being handled, and large bodies waiting to be read. */
  usage(): { heldBytes: number; waiting: number };
}

export interface BodyBudgetOptions {
  /** Bytes of large bodies handled at once. */
  budgetBytes: number;
  /** Bodies up to this size do not count against the budget. */
  smallBytes?: number;
  /** How long a large body may wait for its share before it is refused (503). */
  maxWaitMs?: number;
}

interface Waiting {
  bytes: number;
  admit: () => void;
}

export function createBodyBudget({
  budgetBytes,
  smallBytes = 256 * 1024,
  maxWaitMs = 30_000,
}: BodyBudgetOptions): BodyBudget {
  let heldBytes = 0;
  const queue: Waiting[] = [];

  const admitWaiting = () => {
    // In order: a large body at the head is not overtaken for ever by smaller ones behind it.
    while (queue.length && heldBytes + queue[0]!.bytes <= budgetBytes) {
      const next = queue.shift()!;
      heldBytes += next.bytes;
      next.admit();
    }
  };

  return {
    raw(limitBytes) {
      const read = express.raw({ type: () => true, limit: limitBytes });
      return (req, res, next) => {
        const declared = Number(req.headers['content-length']);
        // Without a length (chunked) the body may be as large as the route takes.
        const size = Number.isFinite(declared) && declared >= 0 ? declared : limitBytes;
        // Too large for the route: express.raw refuses it (413) without reading it.
        if (size <= smallBytes || size > limitBytes) return read(req, res, next);
        const bytes = Math.min(size, budgetBytes);
        let state: 'waiting' | 'held' | 'done' = 'waiting';
        const entry: Waiting = {
          bytes,
          admit: () => {
            clearTimeout(timer);
            state = 'held';
            // A declared, unencoded body is read straight into one buffer of its size.
            if (Number.isFinite(declared) && !encoded(req)) readDeclared(req, size, next);
            else read(req, res, next);
          },
        };
        const timer = setTimeout(() => {
          if (state !== 'waiting') return;
          state = 'done';
          queue.splice(queue.indexOf(entry), 1);
          next(
            new AppError(
              'UNAVAILABLE',
              'Many large uploads are being received right now; nothing of yours was stored. Send it again in a minute.',
              { fields: [{ field: '(body)', code: 'upload.busy', message: 'send the upload again in a minute' }] },
            ),
          );
        }, maxWaitMs);
        // The answer has gone, or the sender gave up: the share goes back, or the place in line.
        res.once('close', () => {
          clearTimeout(timer);
          if (state === 'held') heldBytes -= bytes;
          else if (state === 'waiting') queue.splice(queue.indexOf(entry), 1);
          state = 'done';
          admitWaiting();
        });
        queue.push(entry);
        admitWaiting();
      };
    },
    usage: () => ({ heldBytes, waiting: queue.length }),
  };
}

/** A body sent compressed (Content-Encoding) is left to express.raw, which inflates it. */
function encoded(req: Request): boolean {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  return encoding !== 'identity';
}

/**
 * Reads a body of a declared size into one buffer allocated for it. express.raw collects the
 * chunks and joins them at the end: for a 24 MB upload that is 48 MB at once, and the 24 MB of
 * chunks left for the garbage collector, which frees buffers only after tens of megabytes more
 * have been allocated (V8 counts memory outside its heap in steps of 64 MB). Here each chunk is
 * copied in as it arrives and dropped.
 */
function readDeclared(req: Request, size: number, next: NextFunction): void {
  const body = Buffer.allocUnsafe(size);
  let received = 0;
  let finished = false;
  const finish = (error?: AppError) => {
    if (finished) return;
    finished = true;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('aborted', onAborted);
    req.off('error', onError);
    if (error) {
      // Whatever else the sender still sends is read and dropped, as express.raw does.
      req.resume();
      next(error);
      return;
    }
    // Marks the body as read, as body-parser does, so no later parser reads it again.
    (req as Request & { _body?: boolean })._body = true;
    req.body = body;
    next();
  };
  const cutOff = () =>
    new AppError('VALIDATION_FAILED', 'The body did not match its Content-Length: the upload was cut off', {
      fields: [{ field: '(body)', code: 'body.cutOff', message: 'the upload was cut off; send it again' }],
    });
  const onData = (chunk: Buffer) => {
    // The parser does not pass on more than Content-Length; this is the guard if it ever did.
    if (received + chunk.length > size) return finish(cutOff());
    chunk.copy(body, received);
    received += chunk.length;
  };
  const onEnd = () => finish(received === size ? undefined : cutOff());
  const onAborted = () => finish(cutOff());
  const onError = () => finish(cutOff());
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('aborted', onAborted);
  req.on('error', onError);
}
