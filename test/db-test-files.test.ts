// The server pass of `npm test` runs only the files that reach a test database
// (scripts/db-test-files.mjs). A file that talks to PostgreSQL some other way would silently skip
// the PostgreSQL 15 run: this pins the split.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without types
import { dbTestFiles } from '../scripts/db-test-files.mjs';

const ROOT = join(import.meta.dirname, '..');
const split = dbTestFiles(ROOT) as { db: string[]; other: string[] };
/** Files that start an embedded cluster of their own: the server pass has nothing to add to them. */
const OWN_CLUSTER = ['test/cli/first-run-anywhere.test.ts', 'test/cli/shared-embedded.test.ts'];

describe('the files the server pass runs', () => {
  it('include the suites that use the per-worker test database, directly or through helpers', () => {
    expect(split.db).toContain('test/authz/matrix.test.ts'); // through test/helpers/app.ts
    expect(split.db).toContain('test/cases/venue-bookings.test.ts'); // through test/cases/venues-helpers.ts
    expect(split.db).toContain('test/fuzz/venues.fuzz.test.ts'); // through test/fuzz/harness.ts
    expect(split.db).toContain('test/smoke.test.ts');
  });

  it('leave out only files that open no database connection of the suite', () => {
    expect(split.other).toContain('src/shared/text.test.ts');
    for (const file of split.other) {
      if (OWN_CLUSTER.includes(file) || file === 'test/db-test-files.test.ts') continue;
      const src = readFileSync(join(ROOT, file), 'utf8');
      expect(src, file).not.toMatch(/inject\(\s*['"](dbUrls|ownerUrls|templateDb)['"]|YUNQIAO_TEST_DATABASE_URL|from ['"]pg['"]|new (pg\.)?(Pool|Client)\(/);
    }
  });

  it('cover every test file exactly once', () => {
    const all = [...split.db, ...split.other];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(50);
  });
});
