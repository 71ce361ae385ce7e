import { defineEntity, p } from '@mikro-orm/core';

/**
 * The per-day counter behind tracking codes (CN.YYYYMMDD.NNNNN). Taken with
 * `insert … on conflict do update … returning`, so concurrent intakes never share a number.
 */
export const TrackingSequenceSchema = defineEntity({
  name: 'TrackingSequence',
  tableName: 'tracking_sequence',
  properties: {
    day: p.date().primary(),
    lastValue: p.integer(),
  },
});

export class TrackingSequence extends TrackingSequenceSchema.class {}
TrackingSequenceSchema.setClass(TrackingSequence);
