// vitest globalSetup for the browser suites: starts the real server (startServer, the same path as
// `yunqiao start`) on a free port with a fresh data directory — embedded PostgreSQL, demo data
// seeded, workers on — and hands its URL to the tests as inject('e2eUrl') and
// process.env.YUNQIAO_E2E_URL (the outbox file, where SMS codes land, as YUNQIAO_E2E_OUTBOX; the
// owner URL of its database, for fixtures no API makes, as inject('e2eDatabaseUrl')).
// Builds the web UI first when dist/web is missing or stale. With YUNQIAO_E2E_URL already set it
// starts nothing and the tests run against that server.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWebIfStale } from '../../scripts/build-web-if-stale.mjs';
import { parseConfig } from '../../src/server/config.ts';
import { startEmbedded } from '../../src/server/db/embedded.ts';
import { startServer } from '../../src/server/main.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eUrl: string;
    e2eDataDir: string;
    e2eOutbox: string;
    e2eDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // A server the caller runs already (YUNQIAO_E2E_URL set, e.g. while working on the UI): use it.
  const external = process.env.YUNQIAO_E2E_URL;
  if (external) {
    project.provide('e2eUrl', external);
    project.provide('e2eDataDir', '');
    project.provide('e2eOutbox', process.env.YUNQIAO_E2E_OUTBOX ?? '');
    project.provide('e2eDatabaseUrl', process.env.YUNQIAO_E2E_DATABASE_URL ?? '');
    return;
  }
  if (!buildWebIfStale({ quiet: true })) {
    throw new Error('the web UI could not be built (npx vite build); the browser suites need dist/web');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'yq-e2e-'));
  chmodSync(dataDir, 0o711); // the embedded PostgreSQL runs as the postgres user when we are root
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    YUNQIAO_DATA_DIR: dataDir,
    YUNQIAO_DEMO: '1',
    LOG_LEVEL: process.env.YUNQIAO_E2E_LOG_LEVEL ?? 'warn',
    NODE_ENV: 'test',
    // every suite signs in from 127.0.0.1: rate limits raised a thousandfold (README, "Tests")
    YUNQIAO_LIMITS: 'relaxed',
  });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, { banner: false });
  } catch (err) {
    // the data directory stays for inspection; the embedded PostgreSQL stops with this process
    throw new Error(`the e2e server did not start (data in ${dataDir}): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  project.provide('e2eUrl', server.url);
  project.provide('e2eDataDir', dataDir);
  project.provide('e2eOutbox', config.outboxFile);
  // the server's embedded PostgreSQL, found running (startEmbedded reuses a live postmaster; its stop is a no-op)
  project.provide('e2eDatabaseUrl', (await startEmbedded(dataDir, () => {}, { pgHome: config.pgHome })).ownerUrl);
  process.env.YUNQIAO_E2E_URL = server.url;
  process.env.YUNQIAO_E2E_OUTBOX = config.outboxFile; // the dev SMS sink: tests read sign-in codes here
  return async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
