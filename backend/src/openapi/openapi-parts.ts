import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '@caunoi/contract';

/** The one error body of the API (http/error-middleware.ts). */
export const ZError = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z
        .array(
          z.object({
            field: z.string(),
            message: z.string(),
            code: z.string().optional().openapi({ description: 'What is wrong, for programs, e.g. `place.unknown`' }),
            params: z.record(z.string(), z.unknown()).optional(),
          }),
        )
        .optional()
        .openapi({ description: 'For 400: the fields and what is wrong with each' }),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');

/** A transition the case refused (409): why, and what to do next. */
export const ZTransitionConflict = z
  .object({
    error: z.object({
      code: z.literal('CONFLICT'),
      message: z.string(),
      reason: z.enum(['staleVersion', 'notAllowed', 'guardFailed']).openapi({
        description:
          "`staleVersion`: someone changed the case since you read it (reload it: `currentVersion`); `notAllowed`: the case's `status` does not take this transition; `guardFailed`: a rule (`guard`) forbids it now",
      }),
      currentVersion: z.number().int().optional().openapi({ description: 'With staleVersion' }),
      guard: z.string().optional().openapi({ description: 'With guardFailed: the rule, e.g. `isStaffOfOwningUnit`' }),
      status: z.string().nullable().optional().openapi({ description: "The case's status now" }),
      requestId: z.string().optional(),
    }),
  })
  .openapi('TransitionConflict');

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const errors = {
  400: json(ZError, 'Invalid input; `error.fields` names the fields'),
  401: json(ZError, 'Not logged in (or no valid API key)'),
  403: json(ZError, 'Logged in, but the role may not do this'),
  404: json(ZError, 'Not found, or outside your jurisdiction'),
  429: json(ZError, 'Too many requests; `Retry-After` says when to try again'),
};

/** A react-admin list: one page, and the total in `Content-Range` (ra-data-simple-rest). */
export const list = <T extends z.ZodType>(item: T, resource: string) => ({
  description: 'One page',
  headers: {
    'Content-Range': {
      description: `\`${resource} 0-24/319\`: the rows of this page and, after the slash, the total (\`${resource} */0\` for an empty page)`,
      schema: { type: 'string' as const, example: `${resource} 0-24/319` },
    },
    'X-Total-Exact': {
      description: '`false` when the total is only the count cap: there are at least that many',
      schema: { type: 'string' as const, enum: ['true', 'false'] },
    },
  },
  content: { 'application/json': { schema: z.array(item) } },
});

/** ra-data-simple-rest's query: `range=[0,24]`, `sort=["field","ASC"]`, `filter={...}`, each JSON. */
export const listQuery = (filterExample: string) =>
  z.object({
    range: z.string().optional().openapi({ example: '[0,24]' }),
    sort: z.string().optional().openapi({ example: '["receivedAt","DESC"]' }),
    filter: z.string().optional().openapi({ example: filterExample }),
  });

export const pathParam = (name: string, schema: z.ZodType = z.string()) =>
  z.object({ [name]: schema.openapi({ param: { name, in: 'path' } }) });

export const idParam = pathParam('id', z.number().int());

export interface Security {
  officer: Array<Record<string, string[]>>;
  apiKey: Array<Record<string, string[]>>;
  officerOrApiKey: Array<Record<string, string[]>>;
}

export type PathRegistrar = (registry: OpenAPIRegistry, security: Security) => void;
