/**
 * `npm run seed:units [-- <vn-admin-units-2025.json> [<vn-admin-legacy-map.json>]]`: loads (or
 * refreshes) the reference data: central bodies, provinces, communes, legacy names, categories,
 * SLA rules and calendar days. Without a path it uses CAUNOI_ADMIN_UNITS or the list shipped in seeds/data.
 */
import { resolve } from 'node:path';
import { defaultAdminUnitsPath, defaultLegacyMapPath } from '../units/admin-units-file';
import { seedReferenceData } from '../seed-reference';
import { withDatabase } from './with-database';

// npm runs workspace scripts in the workspace folder; paths given by the user are relative to where they typed.
const cwd = process.env.INIT_CWD ?? process.cwd();
const [unitsArg, legacyArg] = process.argv.slice(2);
const adminUnitsPath = unitsArg ? resolve(cwd, unitsArg) : defaultAdminUnitsPath();
const legacyMapPath = legacyArg ? resolve(cwd, legacyArg) : defaultLegacyMapPath(adminUnitsPath);

await withDatabase(async (client) => {
  await seedReferenceData(client, { adminUnitsPath, legacyMapPath, log: console.log });
});
