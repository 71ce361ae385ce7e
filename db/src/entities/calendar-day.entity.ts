import { defineEntity, p } from '@mikro-orm/core';
import { CALENDAR_DAY_KINDS } from '@caunoi/workflows';

/**
 * An exception to the Monday–Friday week: a public holiday or declared day off, or a make-up
 * working day (a Saturday worked in exchange). Loaded per year from the official notices.
 */
export const CalendarDaySchema = defineEntity({
  name: 'CalendarDay',
  tableName: 'calendar_day',
  properties: {
    date: p.date().primary(),
    kind: p.enum(CALENDAR_DAY_KINDS),
    name: p.string().length(200),
    /** Labor Code Art. 111.3 compensation for a holiday on a weekend; false when the data lists it. */
    compensate: p.boolean().default(true),
    /** Inactive days are kept (e.g. a holiday not yet in force) but not applied. */
    active: p.boolean().default(true),
    verified: p.boolean().default(true),
    /** The basis in Vietnamese, as officers cite it; `sourceEn` is its English translation. */
    source: p.text(),
    sourceEn: p.text().default(''),
  },
});

export class CalendarDay extends CalendarDaySchema.class {}
CalendarDaySchema.setClass(CalendarDay);
