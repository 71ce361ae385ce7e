import { defineConfig } from 'vitest/config';

// One `npm test` runs every workspace's tests; each workspace is a vitest project with its own
// setup (the database-backed ones start a throwaway PostgreSQL once, in globalSetup).
export default defineConfig({
  test: {
    projects: ['workflows', 'db', 'seeds', 'backend', 'admin-ui'],
  },
});
