export { seedReferenceData, countReference, type ReferenceCounts, type ReferenceSeedOptions } from './seed-reference';
export { defaultAdminUnitsPath, defaultLegacyMapPath } from './units/admin-units-file';
export { generateDemoData, DEMO_ZALO_OA_ID, type DemoOptions, type DemoResult } from './demo/generate-demo';
export { seedDemoAccounts, demoAccounts, DEMO_PASSWORD, type DemoAccount } from './demo/demo-accounts';
export { calendarDays } from './reference/calendar-days';
