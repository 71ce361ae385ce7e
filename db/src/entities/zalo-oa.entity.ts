import { defineEntity, p } from '@mikro-orm/core';
import { OrgUnit } from './org-unit.entity';

/**
 * A Zalo Official Account bound to the unit that answers its followers. Tokens rotate: a refresh
 * token is single-use, so the refresh writes both tokens in one update.
 */
export const ZaloOaSchema = defineEntity({
  name: 'ZaloOa',
  tableName: 'zalo_oa',
  properties: {
    id: p.integer().primary(),
    oaId: p.string().length(40).unique(),
    name: p.string().length(200),
    unit: () => p.manyToOne(OrgUnit),
    appId: p.string().length(40),
    /** Verifies webhook signatures (X-ZEvent-Signature). */
    oaSecretKey: p.string().length(200).hidden(),
    appSecret: p.string().length(200).hidden(),
    accessToken: p.text().nullable().hidden(),
    refreshToken: p.text().nullable().hidden(),
    tokenExpiresAt: p.datetime().nullable(),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class ZaloOa extends ZaloOaSchema.class {}
ZaloOaSchema.setClass(ZaloOa);
