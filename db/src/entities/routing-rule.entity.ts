import { defineEntity, p } from '@mikro-orm/core';
import { LEGAL_TRACKS } from '@caunoi/workflows';
import { Category } from './category.entity';
import { OrgUnit } from './org-unit.entity';

/**
 * An exception to the categories' default routing: a category (or a whole legal track) in one
 * province, or anywhere, goes to a named unit. Administrators maintain these as data.
 */
export const RoutingRuleSchema = defineEntity({
  name: 'RoutingRule',
  tableName: 'routing_rule',
  properties: {
    id: p.integer().primary(),
    category: () => p.manyToOne(Category).nullable(),
    legalTrack: p.enum(LEGAL_TRACKS).nullable(),
    province: () => p.manyToOne(OrgUnit).nullable(),
    unit: () => p.manyToOne(OrgUnit),
    note: p.text().nullable(),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  checks: [{ name: 'routing_rule_subject_check', expression: 'category_id is not null or legal_track is not null' }],
});

export class RoutingRule extends RoutingRuleSchema.class {}
RoutingRuleSchema.setClass(RoutingRule);
