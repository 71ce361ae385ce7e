import { defineEntity, p } from '@mikro-orm/core';
import { ORG_UNIT_LEVELS } from '@caunoi/workflows';

/**
 * A body that receives or handles cases: the Government Office, a ministry or ministerial-level
 * agency, a province or a commune. Units are versioned (validFrom/validTo) because the map changes
 * (63 → 34 provinces, districts abolished on 2025-07-01); `path` is the materialised chain of codes
 * from the root (`/VPCP/01/00004/`) so that "this unit and everything below it" is one indexed
 * prefix match in SQL.
 */
export const OrgUnitSchema = defineEntity({
  name: 'OrgUnit',
  tableName: 'org_unit',
  properties: {
    id: p.integer().primary(),
    code: p.string().length(16).unique(),
    nameVi: p.string().length(200),
    nameEn: p.string().length(200),
    level: p.enum(ORG_UNIT_LEVELS),
    /** The official type word: "tỉnh", "thành phố trung ương", "xã", "phường", "đặc khu", "bộ"… */
    kind: p.string().length(40),
    parent: () => p.manyToOne(OrgUnit).nullable().index(),
    path: p.string().length(200),
    validFrom: p.date(),
    validTo: p.date().nullable(),
    /** Codes of the pre-2025 units merged into this one (old provinces, old communes). */
    legacyCodes: p.array().default([]),
    /** Remote or disadvantaged area: the Law on Complaints gives longer periods there. */
    isRemoteArea: p.boolean().default(false),
    /** Extra local parts of intake mail addresses for this unit (`gopy.hanoi`), besides its code. */
    intakeAliases: p.array().default([]),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [
    {
      name: 'org_unit_path_prefix_idx',
      expression: 'create index "org_unit_path_prefix_idx" on "org_unit" ("path" text_pattern_ops)',
    },
    { properties: ['level'] },
  ],
});

export class OrgUnit extends OrgUnitSchema.class {}
OrgUnitSchema.setClass(OrgUnit);
