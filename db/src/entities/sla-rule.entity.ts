import { defineEntity, p } from '@mikro-orm/core';
import { LEGAL_TRACKS, SLA_CLOCKS, SLA_PERIOD_UNITS } from '@caunoi/workflows';
import { Category } from './category.entity';

/**
 * One legal time limit as data: which clock, how long, in which unit, where the law says so, and
 * from when to when it applies. A category-specific rule wins over the track's rule; the rule in
 * force on the day a case was received applies to it.
 */
export const SlaRuleSchema = defineEntity({
  name: 'SlaRule',
  tableName: 'sla_rule',
  properties: {
    id: p.integer().primary(),
    code: p.string().length(80).unique(),
    legalTrack: p.enum(LEGAL_TRACKS).nullable(),
    category: () => p.manyToOne(Category).nullable(),
    clock: p.enum(SLA_CLOCKS),
    amount: p.integer(),
    unit: p.enum(SLA_PERIOD_UNITS),
    /** Longer period for remote or disadvantaged areas (Law on Complaints Art. 28). */
    remoteAreaAmount: p.integer().nullable(),
    /** Length of one extension for complex cases, and how many are allowed. */
    extensionAmount: p.integer().nullable(),
    maxExtensions: p.integer().default(0),
    /** The legal text this value comes from: law, article, and the quoted words. */
    source: p.text(),
    /** `source` in English, for the English interface (the Vietnamese text is the one cited). */
    sourceEn: p.text().default(''),
    /** False for values the rules page marks [UNVERIFIED]: still applied, flagged to admins. */
    verified: p.boolean().default(true),
    effectiveFrom: p.date(),
    effectiveTo: p.date().nullable(),
  },
  indexes: [{ properties: ['legalTrack', 'clock'] }],
});

export class SlaRule extends SlaRuleSchema.class {}
SlaRuleSchema.setClass(SlaRule);
