import './provided-context';
export { createTestDatabase, adminQuery, TEMPLATE_DATABASE, type TestDatabase } from './test-database';
export { findFreePort } from './free-port';
