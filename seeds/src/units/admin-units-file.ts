import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A unit of the official 2025 list (../shared/data/vn-admin-units-2025.json, MIT, dvhcvn). */
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

const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SHARED_DATA_DIR = join(REPOSITORY_ROOT, '..', 'shared', 'data');

/**
 * Where the national unit list is read from: `CAUNOI_ADMIN_UNITS`, else the shared data folder
 * beside the repository when it exists. The list is not copied into the repository.
 */
export function defaultAdminUnitsPath(): string | null {
  const fromEnv = process.env.CAUNOI_ADMIN_UNITS;
  if (fromEnv) return resolve(fromEnv);
  const shared = join(SHARED_DATA_DIR, 'vn-admin-units-2025.json');
  return existsSync(shared) ? shared : null;
}

/** The legacy old→new map: `CAUNOI_ADMIN_LEGACY_MAP`, else `vn-admin-legacy-map.json` beside the unit list. */
export function defaultLegacyMapPath(adminUnitsPath: string | null): string | null {
  const fromEnv = process.env.CAUNOI_ADMIN_LEGACY_MAP;
  if (fromEnv) return resolve(fromEnv);
  if (!adminUnitsPath) return null;
  const beside = join(dirname(adminUnitsPath), 'vn-admin-legacy-map.json');
  return existsSync(beside) ? beside : null;
}

export function readAdminUnitsFile(path: string): AdminUnitRecord[] {
  const parsed = readJson(path) as { units?: unknown };
  if (!Array.isArray(parsed.units)) throw new Error(`${path}: expected { units: [...] } (the format of vn-admin-units-2025.json)`);
  return parsed.units.map((raw, index) => {
    const u = raw as Record<string, any>;
    if (typeof u.code !== 'string' || typeof u.name !== 'string' || (u.level !== 'province' && u.level !== 'commune')) {
      throw new Error(`${path}: unit #${index} needs a string code and name and a level of province or commune`);
    }
    if (u.level === 'commune' && typeof u.parentCode !== 'string') throw new Error(`${path}: commune ${u.code} has no parentCode`);
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
  if (!Array.isArray(parsed.records)) throw new Error(`${path}: expected { records: [...] } (the format of vn-admin-legacy-map.json)`);
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
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the unit list at ${path}: ${(error as Error).message}`);
  }
}
