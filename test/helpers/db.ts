// This worker's test database (test/setup/global-db.ts clones one per vitest worker from a migrated,
// seeded template): as the application role, which is what the app under test uses, or as the
// owner, for tests that need owner rights (DDL, SET ROLE, tampering behind the append-only trigger).
import { inject } from 'vitest';

function pick(urls: string[]): string {
  const pool = Number(process.env.VITEST_POOL_ID ?? '1');
  const url = urls[pool - 1];
  if (!url) throw new Error(`no test database for vitest worker ${pool} (have ${urls.length}); global-db.ts sizes them by maxWorkers`);
  return url;
}

/** This worker's database as yunqiao_app (the restricted role the app runs as). */
export const appDbUrl = (): string => pick(inject('dbUrls'));

/** This worker's database as its owner. */
export const ownerDbUrl = (): string => pick(inject('ownerUrls'));
