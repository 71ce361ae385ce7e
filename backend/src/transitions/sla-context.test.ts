import { describe, expect, it } from 'vitest';
import { buildSlaContext } from './sla-context';

const rule = (over: Partial<Parameters<typeof buildSlaContext>[1][number]>) => ({
  legalTrack: 'complaint' as const,
  categoryId: null,
  clock: 'accept',
  amount: 10,
  unit: 'workingDays' as const,
  remoteAreaAmount: null,
  extensionAmount: null,
  maxExtensions: 0,
  effectiveFrom: '2012-07-01',
  effectiveTo: null,
  ...over,
});

const sla = buildSlaContext(
  [],
  [
    rule({ effectiveTo: '2026-06-30' }),
    rule({ amount: 7, effectiveFrom: '2026-07-01' }),
    rule({ clock: 'resolve', amount: 30, unit: 'days', remoteAreaAmount: 45, extensionAmount: 15, maxExtensions: 1 }),
    rule({ legalTrack: null, categoryId: 42, clock: 'resolve', amount: 20, unit: 'days' }),
  ],
);

describe('the SLA rules in force for a case', () => {
  it('follow the date the case was received: complaint acceptance is 10 working days until 30/6/2026, 7 after', () => {
    expect(sla.periodsFor('complaint', '2026-06-30')('accept')).toEqual({ amount: 10, unit: 'workingDays' });
    expect(sla.periodsFor('complaint', '2026-07-01')('accept')).toEqual({ amount: 7, unit: 'workingDays' });
  });

  it('give remote areas the longer period, and the extension the rule allows', () => {
    expect(sla.periodsFor('complaint', '2026-11-20', true)('resolve')).toEqual({ amount: 45, unit: 'days' });
    expect(sla.periodsFor('complaint', '2026-11-20')('resolveExtension')).toEqual({ amount: 15, unit: 'days' });
    expect(sla.maxExtensions('complaint', '2026-11-20')).toBe(1);
  });

  it("prefer a rule for the case's category over its track's", () => {
    expect(sla.periodsFor('complaint', '2026-11-20', false, 42)('resolve')).toEqual({ amount: 20, unit: 'days' });
    expect(sla.periodsFor('complaint', '2026-11-20', false, 42)('accept')).toEqual({ amount: 7, unit: 'workingDays' });
  });

  it('have no deadline for a clock without a rule', () => {
    expect(sla.periodsFor('denunciation', '2026-11-20')('accept')).toBeNull();
  });
});

describe('the end of office hours', () => {
  it('is where deadlines fall, as configured', () => {
    const early = buildSlaContext([], [], undefined, '16:30');
    expect(early.calendar.addWorkingDays(new Date('2026-11-20T09:00:00+07:00'), 1).toISOString()).toBe(
      new Date('2026-11-23T16:30:00+07:00').toISOString(),
    );
  });
});
