import { defineProject } from 'vitest/config';

// The admin UI's pure modules (exports, formatting) are tested in node; its screens run in Chromium (backend/test/admin-ui.browser.test.ts).
export default defineProject({
  test: {
    name: 'admin-ui',
    include: ['src/**/*.test.ts'],
  },
});
