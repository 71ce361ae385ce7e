import { API_SCOPES } from '@caunoi/workflows';
import { z } from './zod';

// Agencies' systems: the keys administrators issue them, and their webhooks.

const isoDate = z.string().openapi({ format: 'date-time' });

export const ZApiClientCreate = z
  .object({
    name: z.string().trim().min(2).max(200),
    unitCode: z.string().min(1).openapi({ description: 'The unit whose cases the key reaches (and its subtree)' }),
    scopes: z.array(z.enum(API_SCOPES)).min(1, 'choose at least one of submit, read, transition'),
    rateLimitPerMinute: z.number().int().min(1).max(100_000).default(600),
  })
  .openapi('ApiClientCreate');

export const ZApiKeyRotate = z
  .object({
    /** How long the old key keeps working, so that the agency can roll the new one out; 0: it stops now. */
    graceHours: z
      .number()
      .min(0)
      .max(24 * 30)
      .default(24),
  })
  .openapi('ApiKeyRotate');

export const ZApiClient = z
  .object({
    id: z.number().int(),
    name: z.string(),
    unitCode: z.string(),
    unitName: z.string(),
    keyPrefix: z.string().openapi({ description: 'The first characters of the key, to tell keys apart' }),
    scopes: z.array(z.enum(API_SCOPES)),
    rateLimitPerMinute: z.number().int(),
    active: z.boolean(),
    revokedAt: isoDate.nullable(),
    previousKeyExpiresAt: isoDate.nullable(),
    createdAt: isoDate,
    lastUsedAt: isoDate.nullable(),
  })
  .openapi('ApiClient');

export const ZIssuedApiKey = ZApiClientCreate.extend({
  id: z.number().int(),
  keyPrefix: z.string(),
  key: z.string().openapi({ description: 'Shown this once; stored hashed' }),
  note: z.string(),
}).openapi('IssuedApiKey');

export const ZRotatedApiKey = z
  .object({
    id: z.number().int(),
    keyPrefix: z.string(),
    key: z.string(),
    previousKeyValidUntil: isoDate.nullable(),
  })
  .openapi('RotatedApiKey');
