import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A unit of the official 2025 list (seeds/data/vn-admin-units-2025.json.gz, MIT, dvhcvn: see seeds/data/NOTICE.md). */
export interface AdminUnitRecord {
  code: string;
  name: string;
  level: 'province' | 'commune';
  type: string;
  parentCode: string | null;
  legacyCodes: string[];
}

export interface LegacyPlaceRecord {
  oldCode: string;
  oldName: string;
  oldLevel: 'province' | 'district' | 'commune';
  oldParent: string | null;
  newCode: string;
  newLevel: 'province' | 'commune';
  part: 'full' | 'partial';
  derived: boolean;
}

/**
 * The national lists ship inside the repository (gzipped, with their MIT notice in NOTICE.md), so a
 * clone made anywhere starts with all 34 provinces and 3,321 communes.
 */
export const SHIPPED_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data');
const SHIPPED_UNITS = join(SHIPPED_DATA_DIR, 'vn-admin-units-2025.json.gz');
const SHIPPED_LEGACY_MAP = join(SHIPPED_DATA_DIR, 'vn-admin-legacy-map.json.gz');

/** Where the national unit list is read from: `CAUNOI_ADMIN_UNITS` (an override), else the shipped list. */
export function defaultAdminUnitsPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.CAUNOI_ADMIN_UNITS;
  if (fromEnv) return resolve(env.INIT_CWD ?? process.cwd(), fromEnv);
  return existsSync(SHIPPED_UNITS) ? SHIPPED_UNITS : null;
}

/**
 * The legacy old→new map: `CAUNOI_ADMIN_LEGACY_MAP`, else `vn-admin-legacy-map.json[.gz]` beside an
 * overriding unit list, else the shipped map.
 */
export function defaultLegacyMapPath(
  adminUnitsPath: string | null,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const fromEnv = env.CAUNOI_ADMIN_LEGACY_MAP;
  if (fromEnv) return resolve(env.INIT_CWD ?? process.cwd(), fromEnv);
  if (!adminUnitsPath) return null;
  if (adminUnitsPath === SHIPPED_UNITS) return existsSync(SHIPPED_LEGACY_MAP) ? SHIPPED_LEGACY_MAP : null;
  for (const name of ['vn-admin-legacy-map.json', 'vn-admin-legacy-map.json.gz']) {
    const beside = join(dirname(adminUnitsPath), name);
    if (existsSync(beside)) return beside;
  }
  return null;
}

export function readAdminUnitsFile(path: string): AdminUnitRecord[] {
  const parsed = readJson(path) as { units?: unknown };
  if (!Array.isArray(parsed.units))
    throw new Error(`${path}: expected { units: [...] } (the format of vn-admin-units-2025.json)`);
  return parsed.units.map((raw, index) => {
    const u = raw as Record<string, any>;
    if (typeof u.code !== 'string' || typeof u.name !== 'string' || (u.level !== 'province' && u.level !== 'commune')) {
      throw new Error(`${path}: unit #${index} needs a string code and name and a level of province or commune`);
    }
    if (u.level === 'commune' && typeof u.parentCode !== 'string')
      throw new Error(`${path}: commune ${u.code} has no parentCode`);
    const merged: Array<{ oldCode?: string }> = u.extra?.mergedFromOldProvinces ?? u.extra?.mergedFrom ?? [];
    return {
      code: u.code,
      name: u.name.normalize('NFC'),
      level: u.level,
      type: String(u.type ?? (u.level === 'province' ? 'tỉnh' : 'xã')),
      parentCode: u.parentCode ?? null,
      legacyCodes: [...new Set(merged.map((m) => m.oldCode).filter((c): c is string => typeof c === 'string'))],
    };
  });
}

export function readLegacyMapFile(path: string): LegacyPlaceRecord[] {
  const parsed = readJson(path) as { records?: unknown };
  if (!Array.isArray(parsed.records))
    throw new Error(`${path}: expected { records: [...] } (the format of vn-admin-legacy-map.json)`);
  return parsed.records.map((raw) => {
    const r = raw as Record<string, any>;
    return {
      oldCode: String(r.oldCode),
      oldName: String(r.oldName).normalize('NFC'),
      oldLevel: r.oldLevel,
      oldParent: r.oldParent ?? null,
      newCode: String(r.newCode),
      newLevel: r.newLevel,
      part: r.part === 'partial' ? 'partial' : 'full',
      derived: Boolean(r.derived),
    };
  });
}

function readJson(path: string): unknown {
  try {
    const bytes = readFileSync(path);
    // Gzipped files are recognised by their magic bytes, not their name.
    const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Cannot read the unit list at ${path}: ${(error as Error).message}`);
  }
}
