import { defineEntity, p } from '@mikro-orm/core';

/**
 * One (old unit → new unit) pair from the official 2025 reorganisation. Citizens and old records
 * still name old provinces, districts and communes; routing resolves them through this table and
 * keeps the original text on the case.
 */
export const LegacyPlaceSchema = defineEntity({
  name: 'LegacyPlace',
  tableName: 'legacy_place',
  properties: {
    id: p.integer().primary(),
    oldCode: p.string().length(16),
    oldName: p.string().length(200),
    oldLevel: p.enum(['province', 'district', 'commune'] as const),
    oldParentCode: p.string().length(16).nullable(),
    newCode: p.string().length(16).index(),
    newLevel: p.enum(['province', 'commune'] as const),
    part: p.enum(['full', 'partial'] as const),
    /** True when the pair was derived (districts → the province that contains them). */
    derived: p.boolean().default(false),
  },
  uniques: [{ properties: ['oldLevel', 'oldCode', 'newCode'] }],
  indexes: [{ properties: ['oldLevel', 'oldCode'] }],
});

export class LegacyPlace extends LegacyPlaceSchema.class {}
LegacyPlaceSchema.setClass(LegacyPlace);
