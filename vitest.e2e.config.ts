// Browser tests: vitest drives Debian's chromium through playwright-core against a running server.
// Run: YUNQIAO_E2E_URL=http://127.0.0.1:8090 npx vitest run -c vitest.e2e.config.ts
// Files run in parallel, YUNQIAO_E2E_WORKERS at a time (default 2; 1: one after another), each
// with its own chromium, all against the one server the global setup starts: a test finds its
// rows by its own unique names and waits for what it reads (docs/operations.md, "Browser suites").
import { defineConfig } from 'vitest/config';

const workers = Math.max(1, Number.parseInt(process.env.YUNQIAO_E2E_WORKERS ?? '2', 10) || 2);

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: workers > 1,
    maxWorkers: workers,
    // expect.poll waits as long as a locator does (browser.ts: 15 s), not vitest's 1 s: on a busy
    // host a page's data can take longer than a second to arrive after a goto or a click
    expect: { poll: { timeout: 15_000, interval: 100 } },
    // Builds the UI if stale, starts the server on a fresh data dir, exports YUNQIAO_E2E_URL and YUNQIAO_E2E_OUTBOX.
    globalSetup: ['test/setup/e2e-server.ts'],
  },
});
