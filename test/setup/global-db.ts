// Starts (or resets) the test database once per run: migrated, reference data loaded, demo
// data seeded. Test files get its URLs through vitest's inject().
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { parseConfig } from '../../src/server/config.ts';
import { startEmbedded } from '../../src/server/db/embedded.ts';
import { createRuntime } from '../../src/server/runtime.ts';
import { seedDemo } from '../../src/server/seed/demo.ts';
import pino from 'pino';

declare module 'vitest' {
  export interface ProvidedContext {
    dbUrl: string;
    ownerUrl: string;
    dataDir: string;
    dbKind: string;
  }
}

/** Empties a server database so every run starts from migrations (test databases only). */
async function resetDatabase(url: string): Promise<void> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    await c.query('DROP SCHEMA IF EXISTS pgboss CASCADE; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  } finally {
    await c.end();
  }
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'yq-test-'));
  chmodSync(dataDir, 0o711); // the embedded PostgreSQL runs as the postgres user when we are root
  const external = process.env.YUNQIAO_TEST_DATABASE_URL;
  let stop = async () => {};
  let ownerUrl: string;
  if (external) {
    await resetDatabase(external);
    ownerUrl = external;
  } else {
    const emb = await startEmbedded(join(dataDir, 'db'));
    ownerUrl = emb.ownerUrl;
    stop = emb.stop;
  }
  const config = parseConfig({ DATABASE_URL: ownerUrl, YUNQIAO_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const rt = await createRuntime(config, { log: pino({ level: 'silent' }) });
  await seedDemo(rt.deps);
  await rt.close();
  project.provide('dbUrl', ownerUrl);
  project.provide('ownerUrl', ownerUrl);
  project.provide('dataDir', dataDir);
  project.provide('dbKind', external ? 'server' : 'embedded');
  return async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
