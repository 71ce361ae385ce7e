import { CalendarDay, type EntityManager, SlaRule } from '@caunoi/db';
import {
  type ClockPeriods,
  type ClockPolicy,
  DEFAULT_CLOCK_POLICY,
  type LegalTrack,
  type Period,
  REOPEN_WINDOW,
  type WorkingCalendar,
  createWorkingCalendar,
} from '@caunoi/workflows';

/** The working calendar and the SLA rules as loaded from the database. */
export interface SlaContext {
  calendar: WorkingCalendar;
  policy: ClockPolicy;
  /** Clock periods for a case of `track`, received on `receivedOn` (local date), under the rules in force then. */
  /** A rule for the case's category wins over its track's rule. */
  periodsFor(track: LegalTrack, receivedOn: string, isRemoteArea?: boolean, categoryId?: number | null): ClockPeriods;
  maxExtensions(track: LegalTrack, receivedOn: string, categoryId?: number | null): number;
}

interface RuleRow {
  legalTrack: LegalTrack | null;
  categoryId: number | null;
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
export function createSlaContextLoader(
  policy: ClockPolicy = DEFAULT_CLOCK_POLICY,
  endOfDay = '17:00',
): (em: EntityManager) => Promise<SlaContext> {
  let cached: { at: number; value: SlaContext } | null = null;
  return async (em) => {
    if (cached && Date.now() - cached.at < RELOAD_AFTER_MS) return cached.value;
    const [days, rules] = await Promise.all([
      em.find(CalendarDay, { active: true }),
      em.find(SlaRule, {}, { orderBy: { effectiveFrom: 'desc' } }),
    ]);
    const value = buildSlaContext(
      days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, compensate: d.compensate })),
      rules.map((r) => ({ ...r, legalTrack: r.legalTrack ?? null, categoryId: r.category?.id ?? null }) as RuleRow),
      policy,
      endOfDay,
    );
    cached = { at: Date.now(), value };
    return value;
  };
}

export function buildSlaContext(
  days: Array<{ date: string; kind: string; name: string; compensate: boolean }>,
  rules: RuleRow[],
  policy: ClockPolicy = DEFAULT_CLOCK_POLICY,
  endOfDay = '17:00',
): SlaContext {
  const calendar = createWorkingCalendar({
    endOfDay,
    holidays: days
      .filter((d) => d.kind === 'holiday')
      .map((d) => ({ date: d.date, name: d.name, compensate: d.compensate })),
    workingDays: days.filter((d) => d.kind === 'workingDay').map((d) => d.date),
  });
  const inForce = (r: RuleRow, clock: string, on: string) =>
    r.clock === clock && r.effectiveFrom <= on && (!r.effectiveTo || r.effectiveTo >= on);
  const ruleFor = (track: LegalTrack, clock: string, on: string, categoryId?: number | null) =>
    (categoryId ? rules.find((r) => r.categoryId === categoryId && inForce(r, clock, on)) : undefined) ??
    rules.find((r) => r.categoryId === null && r.legalTrack === track && inForce(r, clock, on)) ??
    null;
  return {
    calendar,
    policy,
    periodsFor(track, receivedOn, isRemoteArea = false, categoryId = null) {
      return (clock) => {
        if (clock === 'resolveTimeout') return REOPEN_WINDOW;
        if (clock === 'resolveExtension') {
          const rule = ruleFor(track, 'resolve', receivedOn, categoryId);
          return rule?.extensionAmount ? { amount: rule.extensionAmount, unit: rule.unit } : null;
        }
        const rule = ruleFor(track, clock, receivedOn, categoryId);
        if (!rule) return null;
        return { amount: isRemoteArea && rule.remoteAreaAmount ? rule.remoteAreaAmount : rule.amount, unit: rule.unit };
      };
    },
    maxExtensions(track, receivedOn, categoryId = null) {
      return ruleFor(track, 'resolve', receivedOn, categoryId)?.maxExtensions ?? 0;
    },
  };
}
