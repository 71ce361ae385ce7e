import type pg from 'pg';
import {
  type ClockPeriods,
  type LegalTrack,
  type Period,
  REOPEN_WINDOW,
  type SlaClock,
  type WorkingCalendar,
  createWorkingCalendar,
} from '@caunoi/workflows';
import type { DemoOfficer } from './lifecycle';

export interface UnitRef {
  id: number;
  code: string;
  name: string;
  isRemoteArea: boolean;
}

export interface CategoryRef {
  id: number;
  code: string;
  legalTrack: LegalTrack;
  defaultLevel: string | null;
  responsibleUnitCode: string | null;
}

interface SlaRuleRow {
  legalTrack: LegalTrack;
  clock: SlaClock;
  amount: number;
  unit: Period['unit'];
  remoteAreaAmount: number | null;
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** What the demo generator reads from the reference data before it writes a single case. */
export interface DemoContext {
  governmentOffice: UnitRef;
  provinces: UnitRef[];
  communesByProvince: Map<string, UnitRef[]>;
  unitsByCode: Map<string, UnitRef>;
  categories: CategoryRef[];
  calendar: WorkingCalendar;
  /** The periods of the rules in force on `onDate`, as production's SLA context gives them (remote areas: the longer ones). */
  periodsFor(track: LegalTrack, onDate: string, isRemoteArea: boolean): ClockPeriods;
  officerOf(unitCode: string): DemoOfficer;
  /** The unit head, where the demo has one (who publishes answers in the register). */
  headOf(unitCode: string): DemoOfficer | null;
}

export async function loadDemoContext(client: pg.ClientBase): Promise<DemoContext> {
  const units = (
    await client.query<UnitRef & { level: string; parentCode: string | null }>(
      `select u.id, u.code, u.name_vi as name, u.is_remote_area as "isRemoteArea", u.level, p.code as "parentCode" from org_unit u left join org_unit p on p.id = u.parent_id where u.valid_to is null`,
    )
  ).rows;
  const unitsByCode = new Map(units.map((u) => [u.code, u]));
  const governmentOffice = units.find((u) => u.level === 'governmentOffice');
  if (!governmentOffice)
    throw new Error('No Government Office unit: load the reference data first (npm run seed:units).');
  const communesByProvince = new Map<string, UnitRef[]>();
  for (const unit of units.filter((u) => u.level === 'commune')) {
    const list = communesByProvince.get(unit.parentCode!) ?? [];
    list.push(unit);
    communesByProvince.set(unit.parentCode!, list);
  }

  const categories = (
    await client.query<CategoryRef>(
      `select c.id, c.code, c.legal_track as "legalTrack", c.default_level as "defaultLevel", u.code as "responsibleUnitCode"
     from category c left join org_unit u on u.id = c.responsible_unit_id where c.active order by c.sort_order`,
    )
  ).rows;

  const days = (
    await client.query<{ date: string; kind: string; name: string; compensate: boolean }>(
      `select to_char(date, 'YYYY-MM-DD') as date, kind, name, compensate from calendar_day where active`,
    )
  ).rows;
  const calendar = createWorkingCalendar({
    holidays: days
      .filter((d) => d.kind === 'holiday')
      .map((d) => ({ date: d.date, name: d.name, compensate: d.compensate })),
    workingDays: days.filter((d) => d.kind === 'workingDay').map((d) => d.date),
  });

  const rules = (
    await client.query<SlaRuleRow>(
      `select legal_track as "legalTrack", clock, amount, unit, remote_area_amount as "remoteAreaAmount", to_char(effective_from, 'YYYY-MM-DD') as "effectiveFrom",
            to_char(effective_to, 'YYYY-MM-DD') as "effectiveTo"
     from sla_rule where category_id is null order by effective_from desc`,
    )
  ).rows;

  // The first active account of each role per unit: who handles, and who publishes, the unit's cases.
  const firstOfRole = async (role: 'officer' | 'supervisor') =>
    new Map(
      (
        await client.query<{ id: number; unitCode: string }>(
          `select distinct on (u.code) a.id, u.code as "unitCode" from app_user a join org_unit u on u.id = a.unit_id
         where a.role = $1 and a.active order by u.code, a.id`,
          [role],
        )
      ).rows.map((o) => [o.unitCode, o.id]),
    );
  const officerByUnit = await firstOfRole('officer');
  const headByUnit = await firstOfRole('supervisor');

  return {
    governmentOffice,
    provinces: units.filter((u) => u.level === 'province'),
    communesByProvince,
    unitsByCode,
    categories,
    calendar,
    periodsFor(track, onDate, isRemoteArea) {
      const inForce = rules.filter(
        (r) => r.legalTrack === track && r.effectiveFrom <= onDate && (!r.effectiveTo || r.effectiveTo >= onDate),
      );
      return (clock) => {
        // The demo extends no deadline; an answer may be reopened for the same window as in production.
        if (clock === 'resolveTimeout') return REOPEN_WINDOW;
        if (clock === 'resolveExtension') return null;
        const rule = inForce.find((r) => r.clock === clock);
        return rule
          ? { amount: isRemoteArea && rule.remoteAreaAmount ? rule.remoteAreaAmount : rule.amount, unit: rule.unit }
          : null;
      };
    },
    officerOf(unitCode) {
      const id = officerByUnit.get(unitCode);
      return id ? { label: `officer:${id}`, userId: id } : { label: `officer@${unitCode}`, userId: null };
    },
    headOf(unitCode) {
      const id = headByUnit.get(unitCode);
      return id ? { label: `officer:${id}`, userId: id } : null;
    },
  };
}
