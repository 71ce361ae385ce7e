import { CalendarDay, type EntityManager, SlaRule } from '@caunoi/db';
import { type ClockPeriods, type LegalTrack, type Period, REOPEN_WINDOW, type WorkingCalendar, createWorkingCalendar } from '@caunoi/workflows';

/** The working calendar and the SLA rules as loaded from the database. */
export interface SlaContext {
  calendar: WorkingCalendar;
  /** Clock periods for a case of `track`, received on `receivedOn` (local date), under the rules in force then. */
  periodsFor(track: LegalTrack, receivedOn: string, isRemoteArea?: boolean): ClockPeriods;
  maxExtensions(track: LegalTrack, receivedOn: string): number;
}

interface RuleRow {
  legalTrack: LegalTrack | null;
  clock: string;
  amount: number;
  unit: Period['unit'];
  remoteAreaAmount: number | null;
  extensionAmount: number | null;
  maxExtensions: number;
  effectiveFrom: string;
  effectiveTo: string | null;
}

const RELOAD_AFTER_MS = 60_000;

/**
 * Loads the calendar and rules once a minute at most: they change rarely (an administrator edits
 * them) and every transition needs them.
 */
export function createSlaContextLoader(): (em: EntityManager) => Promise<SlaContext> {
  let cached: { at: number; value: SlaContext } | null = null;
  return async (em) => {
    if (cached && Date.now() - cached.at < RELOAD_AFTER_MS) return cached.value;
    const [days, rules] = await Promise.all([em.find(CalendarDay, { active: true }), em.find(SlaRule, { category: null }, { orderBy: { effectiveFrom: 'desc' } })]);
    const value = buildSlaContext(
      days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, compensate: d.compensate })),
      rules.map((r) => ({ ...r, legalTrack: r.legalTrack ?? null }) as RuleRow),
    );
    cached = { at: Date.now(), value };
    return value;
  };
}

export function buildSlaContext(days: Array<{ date: string; kind: string; name: string; compensate: boolean }>, rules: RuleRow[]): SlaContext {
  const calendar = createWorkingCalendar({
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => ({ date: d.date, name: d.name, compensate: d.compensate })),
    workingDays: days.filter((d) => d.kind === 'workingDay').map((d) => d.date),
  });
  const ruleFor = (track: LegalTrack, clock: string, on: string) =>
    rules.find((r) => r.legalTrack === track && r.clock === clock && r.effectiveFrom <= on && (!r.effectiveTo || r.effectiveTo >= on)) ?? null;
  return {
    calendar,
    periodsFor(track, receivedOn, isRemoteArea = false) {
      return (clock) => {
        if (clock === 'resolveTimeout') return REOPEN_WINDOW;
        if (clock === 'resolveExtension') {
          const rule = ruleFor(track, 'resolve', receivedOn);
          return rule?.extensionAmount ? { amount: rule.extensionAmount, unit: rule.unit } : null;
        }
        const rule = ruleFor(track, clock, receivedOn);
        if (!rule) return null;
        return { amount: isRemoteArea && rule.remoteAreaAmount ? rule.remoteAreaAmount : rule.amount, unit: rule.unit };
      };
    },
    maxExtensions(track, receivedOn) {
      return ruleFor(track, 'resolve', receivedOn)?.maxExtensions ?? 0;
    },
  };
}
