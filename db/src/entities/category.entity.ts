import { defineEntity, p } from '@mikro-orm/core';
import { LEGAL_TRACKS, ORG_UNIT_LEVELS } from '@caunoi/workflows';
import { OrgUnit } from './org-unit.entity';

/**
 * What a submission is about. The legal track decides which law's clocks apply; the sector names
 * the responsible ministry for ministry-level topics, or the default level (commune, province)
 * for local ones.
 */
export const CategorySchema = defineEntity({
  name: 'Category',
  tableName: 'category',
  properties: {
    id: p.integer().primary(),
    code: p.string().length(40).unique(),
    nameVi: p.string().length(200),
    nameEn: p.string().length(200),
    legalTrack: p.enum(LEGAL_TRACKS),
    sector: p.string().length(60),
    responsibleUnit: () => p.manyToOne(OrgUnit).nullable(),
    defaultLevel: p.enum(ORG_UNIT_LEVELS).nullable(),
    active: p.boolean().default(true),
    sortOrder: p.integer().default(0),
    /** How sure the category model must be before its suggestion of this category routes a case (1: never). */
    suggestionThreshold: p.double().default(0.9),
    /** Its answers are drafts the unit head approves before they go out (complaints and denunciations always are). */
    answerApproval: p.boolean().default(false),
  },
});

export class Category extends CategorySchema.class {}
CategorySchema.setClass(Category);
