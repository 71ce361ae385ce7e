import { defineEntity, p } from '@mikro-orm/core';
import { OrgUnit } from './org-unit.entity';

/** An agency portal (Open311 client) with an API key; only the key's hash is stored. */
export const ApiClientSchema = defineEntity({
  name: 'ApiClient',
  tableName: 'api_client',
  properties: {
    id: p.integer().primary(),
    name: p.string().length(200),
    /** The first characters of the key, to tell keys apart in the admin. */
    keyPrefix: p.string().length(12),
    keyHash: p.string().length(64).unique().hidden(),
    unit: () => p.manyToOne(OrgUnit),
    active: p.boolean().default(true),
    /** What the key may do: submit (on behalf of citizens), read (the unit's cases), transition (act on them). */
    scopes: p.array().default([]),
    rateLimitPerMinute: p.integer().default(600),
    revokedAt: p.datetime().nullable(),
    /** After a rotation, the old key still works until `previousKeyExpiresAt`. */
    previousKeyHash: p.string().length(64).nullable().hidden(),
    previousKeyExpiresAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
  },
  indexes: [
    {
      name: 'api_client_previous_key_hash_unique',
      expression:
        'create unique index "api_client_previous_key_hash_unique" on "api_client" ("previous_key_hash") where "previous_key_hash" is not null',
    },
  ],
});

export class ApiClient extends ApiClientSchema.class {}
ApiClientSchema.setClass(ApiClient);
