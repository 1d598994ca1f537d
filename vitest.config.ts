import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/setup/sequencer.ts';

// Unit and integration suites: every test that touches data runs on a real PostgreSQL — the
// embedded one by default, the server named by YUNQIAO_TEST_DATABASE_URL when set (CI runs both).
// test/setup/global-db.ts prepares a template database once and gives each worker its own clone
// (test/helpers/db.ts picks it by VITEST_POOL_ID), so it is sized by maxWorkers.
// Files share their worker's modules (isolate: false; about a third faster): nothing in
// src/server may keep per-app state in a module or change a library's global settings
// (src/server/db/connection.test.ts guards pg's parsers; process metrics are collected once).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/setup/global-db.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    isolate: false,
    maxWorkers: 2,
    // slow kinds of file first when vitest has no timings yet (a fresh clone): test/setup/sequencer.ts
    sequence: { sequencer: SlowFirstSequencer },
  },
});
