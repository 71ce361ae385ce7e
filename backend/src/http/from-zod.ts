import type { z } from 'zod';
import { AppError } from './app-error';

/** Parses with a zod schema; a failure becomes the one error type, naming each field. */
export function parseOrReject<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => fieldProblem(i));
  throw new AppError('VALIDATION_FAILED', `Invalid ${fields.map((f) => f.field).join(', ')}`, { fields });
}

/**
 * A field's problem as the error body carries it: the English message, plus zod's issue code and
 * its limits, so that a page in another language can say the same thing (portal field-messages).
 */
export function fieldProblem(issue: z.core.$ZodIssue): {
  field: string;
  message: string;
  code: string;
  params?: Record<string, string | number>;
} {
  const params: Record<string, string | number> = {};
  const i = issue as { minimum?: unknown; maximum?: unknown; format?: unknown; expected?: unknown; input?: unknown };
  if (typeof i.minimum === 'number' || typeof i.minimum === 'bigint') params.minimum = Number(i.minimum);
  if (typeof i.maximum === 'number' || typeof i.maximum === 'bigint') params.maximum = Number(i.maximum);
  if (typeof i.format === 'string') params.format = i.format;
  // A required field that is absent is "invalid_type" with nothing received: say it is missing.
  const code = issue.code === 'invalid_type' && i.input === undefined ? 'required' : issue.code;
  return {
    field: issue.path.join('.') || '(body)',
    message: issue.message,
    code,
    ...(Object.keys(params).length ? { params } : {}),
  };
}
