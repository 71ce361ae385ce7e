import type { z } from 'zod';
import { AppError } from './app-error';

/** Parses with a zod schema; a failure becomes the one error type, naming each field. */
export function parseOrReject<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  throw new AppError('VALIDATION_FAILED', `Invalid ${fields.map((f) => f.field).join(', ')}`, { fields });
}
