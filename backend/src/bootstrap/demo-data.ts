/**
 * What the development start-up takes from the demo data: the demo logins (printed, and listed at
 * /api/dev/demo-accounts) and the demo Zalo OA. The backend imports seeds here and in
 * prepare-database only; the rest of the server receives these as dependencies.
 */
export { DEMO_ZALO_OA_ID, demoAccounts } from '@caunoi/seeds';
