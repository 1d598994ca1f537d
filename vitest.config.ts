import { defineConfig } from 'vitest/config';

// Unit and integration suites: every test that touches data runs on a real PostgreSQL — the
// embedded one by default, the server named by YUNQIAO_TEST_DATABASE_URL when set (CI runs both).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/setup/global-db.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
