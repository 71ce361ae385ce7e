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
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
  },
});

export class ApiClient extends ApiClientSchema.class {}
ApiClientSchema.setClass(ApiClient);
