// Browser tests: vitest drives Debian's chromium through playwright-core against a running server.
// Run: YUNQIAO_E2E_URL=http://127.0.0.1:8090 npx vitest run -c vitest.e2e.config.ts
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // Builds the UI if stale, starts the server on a fresh data dir, exports YUNQIAO_E2E_URL and YUNQIAO_E2E_OUTBOX.
    globalSetup: ['test/setup/e2e-server.ts'],
  },
});
