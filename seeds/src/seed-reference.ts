import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { bulkInsert } from './bulk-insert';
import { calendarDays } from './reference/calendar-days';
import { categories } from './reference/categories';
import {
  CENTRAL_UNITS_VALID_FROM,
  GOVERNMENT_OFFICE_CODE,
  governmentOffice,
  ministriesAndAgencies,
} from './reference/central-units';
import { provinces2025 } from './reference/provinces';
import { slaRules } from './reference/sla-rules';
import {
  type AdminUnitRecord,
  SHIPPED_DATA_DIR,
  readAdminUnitsFile,
  readLegacyMapFile,
} from './units/admin-units-file';
import { englishUnitName } from './units/english-names';

export const MAP_2025_VALID_FROM = '2025-07-01';

export interface ReferenceSeedOptions {
  /** The official unit list (provinces and communes); null seeds the 34 provinces only. */
  adminUnitsPath: string | null;
  legacyMapPath: string | null;
  log?: (line: string) => void;
}

export interface ReferenceCounts {
  centralUnits: number;
  provinces: number;
  communes: number;
  legacyPlaces: number;
  categories: number;
  slaRules: number;
  calendarDays: number;
}

/**
 * Loads the reference data in one transaction, as upserts keyed by official codes: running it
 * again updates names and rules in place and gives the same counts.
 */
export async function seedReferenceData(
  client: pg.ClientBase,
  options: ReferenceSeedOptions,
): Promise<ReferenceCounts> {
  const log = options.log ?? (() => {});
  const units = options.adminUnitsPath ? readAdminUnitsFile(options.adminUnitsPath) : null;
  if (!units) {
    log(
      'No national unit list was given: seeding the 34 provinces only. The repository ships the full list ' +
        '(seeds/data/vn-admin-units-2025.json.gz); `npm run seed:units` loads it, or a file named by CAUNOI_ADMIN_UNITS.',
    );
  }
  const provinces: AdminUnitRecord[] =
    units?.filter((u) => u.level === 'province') ??
    provinces2025.map((p) => ({
      code: p.code,
      name: p.name,
      level: 'province',
      type: p.type,
      parentCode: null,
      legacyCodes: [],
    }));
  const communes = units?.filter((u) => u.level === 'commune') ?? [];

  await client.query('begin');
  try {
    await upsertUnits(client, [
      {
        code: governmentOffice.code,
        nameVi: governmentOffice.nameVi,
        nameEn: governmentOffice.nameEn,
        level: governmentOffice.level,
        kind: 'cơ quan ngang bộ',
        parentCode: null,
        path: `/${GOVERNMENT_OFFICE_CODE}/`,
        validFrom: CENTRAL_UNITS_VALID_FROM,
        legacyCodes: [],
      },
    ]);
    await upsertUnits(
      client,
      ministriesAndAgencies.map((m) => ({
        code: m.code,
        nameVi: m.nameVi,
        nameEn: m.nameEn,
        level: m.level,
        kind: m.level === 'ministry' ? 'bộ' : 'cơ quan ngang bộ',
        parentCode: GOVERNMENT_OFFICE_CODE,
        path: `/${GOVERNMENT_OFFICE_CODE}/${m.code}/`,
        validFrom: CENTRAL_UNITS_VALID_FROM,
        legacyCodes: [],
      })),
    );
    await upsertUnits(
      client,
      provinces.map((p) => ({
        code: p.code,
        nameVi: p.name,
        nameEn: englishUnitName(p.name),
        level: 'province',
        kind: p.type,
        parentCode: GOVERNMENT_OFFICE_CODE,
        path: `/${GOVERNMENT_OFFICE_CODE}/${p.code}/`,
        validFrom: MAP_2025_VALID_FROM,
        legacyCodes: p.legacyCodes,
      })),
    );
    await upsertUnits(
      client,
      communes.map((c) => ({
        code: c.code,
        nameVi: c.name,
        nameEn: englishUnitName(c.name),
        level: 'commune',
        kind: c.type,
        parentCode: c.parentCode,
        path: `/${GOVERNMENT_OFFICE_CODE}/${c.parentCode}/${c.code}/`,
        validFrom: MAP_2025_VALID_FROM,
        legacyCodes: c.legacyCodes,
      })),
    );

    if (options.legacyMapPath) {
      const records = readLegacyMapFile(options.legacyMapPath);
      await bulkInsert(
        client,
        'legacy_place',
        [
          { name: 'old_code', type: 'text' },
          { name: 'old_name', type: 'text' },
          { name: 'old_level', type: 'text' },
          { name: 'old_parent_code', type: 'text' },
          { name: 'new_code', type: 'text' },
          { name: 'new_level', type: 'text' },
          { name: 'part', type: 'text' },
          { name: 'derived', type: 'bool' },
        ],
        records.map((r) => [r.oldCode, r.oldName, r.oldLevel, r.oldParent, r.newCode, r.newLevel, r.part, r.derived]),
        { conflict: ['old_level', 'old_code', 'new_code'] },
      );
    }

    await seedCategories(client);
    // The category model's bootstrap examples (seeds/data/triage-training.json); officers' decisions add to them.
    await bulkInsert(
      client,
      'triage_example',
      [
        { name: 'text', type: 'text' },
        { name: 'category_code', type: 'text' },
        { name: 'source', type: 'text' },
      ],
      readTriageTraining().map((e) => [e.text, e.category, 'seed']),
      { conflict: ['source', 'text'], update: [] },
    );
    await bulkInsert(
      client,
      'sla_rule',
      [
        { name: 'code', type: 'text' },
        { name: 'legal_track', type: 'text' },
        { name: 'clock', type: 'text' },
        { name: 'amount', type: 'int' },
        { name: 'unit', type: 'text' },
        { name: 'remote_area_amount', type: 'int' },
        { name: 'extension_amount', type: 'int' },
        { name: 'max_extensions', type: 'int' },
        { name: 'source', type: 'text' },
        { name: 'source_en', type: 'text' },
        { name: 'verified', type: 'bool' },
        { name: 'effective_from', type: 'date' },
        { name: 'effective_to', type: 'date' },
      ],
      slaRules.map((r) => [
        r.code,
        r.legalTrack,
        r.clock,
        r.amount,
        r.unit,
        r.remoteAreaAmount,
        r.extensionAmount,
        r.maxExtensions ?? 0,
        r.source,
        r.sourceEn,
        r.verified,
        r.effectiveFrom,
        r.effectiveTo,
      ]),
      { conflict: ['code'] },
    );
    await bulkInsert(
      client,
      'calendar_day',
      [
        { name: 'date', type: 'date' },
        { name: 'kind', type: 'text' },
        { name: 'name', type: 'text' },
        { name: 'compensate', type: 'bool' },
        { name: 'active', type: 'bool' },
        { name: 'verified', type: 'bool' },
        { name: 'source', type: 'text' },
        { name: 'source_en', type: 'text' },
      ],
      calendarDays.map((d) => [
        d.date,
        d.kind,
        d.name,
        d.compensate ?? true,
        d.active ?? true,
        d.verified,
        d.source,
        d.sourceEn,
      ]),
      // An administrator may have confirmed or switched a day; only fill what is missing.
      { conflict: ['date'], update: [] },
    );
    await client.query('commit');

    const counts = await countReference(client);
    log(
      `Reference data: ${counts.centralUnits} central bodies, ${counts.provinces} provinces, ${counts.communes} communes, ` +
        `${counts.legacyPlaces} legacy places, ${counts.categories} categories, ${counts.slaRules} SLA rules, ${counts.calendarDays} calendar days.`,
    );
    return counts;
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

interface UnitRow {
  code: string;
  nameVi: string;
  nameEn: string;
  level: string;
  kind: string;
  parentCode: string | null;
  path: string;
  validFrom: string;
  legacyCodes: string[];
}

async function upsertUnits(client: pg.ClientBase, rows: UnitRow[]): Promise<void> {
  if (!rows.length) return;
  // Parents are resolved by code in SQL, so a level can be loaded once its parents exist.
  await client.query(
    `insert into org_unit (code, name_vi, name_en, level, kind, parent_id, path, valid_from, legacy_codes, created_at)
     select u.code, u.name_vi, u.name_en, u.level, u.kind, parent.id, u.path, u.valid_from,
            case when u.legacy = '' then '{}'::text[] else string_to_array(u.legacy, ',') end, now()
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::text[])
          as u(code, name_vi, name_en, level, kind, parent_code, path, valid_from, legacy)
     left join org_unit parent on parent.code = u.parent_code
     on conflict (code) do update set
       name_vi = excluded.name_vi, name_en = excluded.name_en, level = excluded.level, kind = excluded.kind,
       parent_id = excluded.parent_id, path = excluded.path, valid_from = excluded.valid_from, legacy_codes = excluded.legacy_codes`,
    [
      rows.map((r) => r.code),
      rows.map((r) => r.nameVi),
      rows.map((r) => r.nameEn),
      rows.map((r) => r.level),
      rows.map((r) => r.kind),
      rows.map((r) => r.parentCode),
      rows.map((r) => r.path),
      rows.map((r) => r.validFrom),
      rows.map((r) => r.legacyCodes.join(',')),
    ],
  );
}

async function seedCategories(client: pg.ClientBase): Promise<void> {
  await client.query(
    `insert into category (code, name_vi, name_en, legal_track, sector, responsible_unit_id, default_level, sort_order)
     select c.code, c.name_vi, c.name_en, c.legal_track, c.sector, unit.id, c.default_level, c.sort_order
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])
          as c(code, name_vi, name_en, legal_track, sector, unit_code, default_level, sort_order)
     left join org_unit unit on unit.code = c.unit_code
     on conflict (code) do update set
       name_vi = excluded.name_vi, name_en = excluded.name_en, legal_track = excluded.legal_track, sector = excluded.sector,
       responsible_unit_id = excluded.responsible_unit_id, default_level = excluded.default_level, sort_order = excluded.sort_order`,
    [
      categories.map((c) => c.code),
      categories.map((c) => c.nameVi),
      categories.map((c) => c.nameEn),
      categories.map((c) => c.legalTrack),
      categories.map((c) => c.sector),
      categories.map((c) => c.responsibleUnitCode),
      categories.map((c) => c.defaultLevel),
      categories.map((_, i) => i * 10),
    ],
  );
}

export async function countReference(client: pg.ClientBase): Promise<ReferenceCounts> {
  const { rows } = await client.query(`select
      (select count(*) from org_unit where level in ('governmentOffice', 'ministry', 'ministerialAgency'))::int as "centralUnits",
      (select count(*) from org_unit where level = 'province')::int as provinces,
      (select count(*) from org_unit where level = 'commune')::int as communes,
      (select count(*) from legacy_place)::int as "legacyPlaces",
      (select count(*) from category)::int as categories,
      (select count(*) from sla_rule)::int as "slaRules",
      (select count(*) from calendar_day)::int as "calendarDays"`);
  return rows[0] as ReferenceCounts;
}

/** The hand-written bootstrap examples for the category model (CC0, CauNoi's authors). */
function readTriageTraining(): Array<{ text: string; category: string }> {
  const file = join(SHIPPED_DATA_DIR, 'triage-training.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { examples: Array<{ text: string; category: string }> }).examples;
}
