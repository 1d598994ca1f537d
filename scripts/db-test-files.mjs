// Which unit and integration test files reach a test database: those that import, directly or
// through other files under test/, test/helpers/db.ts (the per-worker database of
// test/setup/global-db.ts). `npm test` runs these again on the PostgreSQL server; the others
// (pure functions, the web and phone bundles, the CLI tests that start their own embedded
// cluster) give the same answer on any database, so the server pass skips them.
// Relative imports only (`from './x.ts'`, `import('./x.ts')`); a test that reached a database some
// other way would fail in the embedded pass's sibling check (test/setup/db-files.test.ts).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT = /(?:^|\s)(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** All `*.test.ts` files under `dirs` (relative to root), browser suites (`test/e2e`) excluded. */
function testFiles(root, dirs) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && relative(root, p) !== join('test', 'e2e')) walk(p);
      } else if (e.name.endsWith('.test.ts')) out.push(p);
    }
  };
  for (const d of dirs) if (existsSync(join(root, d))) walk(join(root, d));
  return out.sort();
}

/**
 * Splits the unit and integration test files into those that reach the test database and the rest.
 * @param {string} root the checkout
 * @returns {{ db: string[], other: string[] }} paths relative to root, sorted
 */
export function dbTestFiles(root) {
  const target = resolve(root, 'test/helpers/db.ts');
  const testDir = resolve(root, 'test');
  const memo = new Map();
  const reaches = (file, seen) => {
    if (file === target) return true;
    if (memo.has(file)) return memo.get(file);
    if (seen.has(file)) return false;
    seen.add(file);
    let src = '';
    try {
      src = readFileSync(file, 'utf8');
    } catch {
      return false;
    }
    let hit = false;
    for (const m of src.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      const base = resolve(dirname(file), spec);
      const path = [base, `${base}.ts`, base.replace(/\.js$/, '.ts')].find((p) => existsSync(p) && !p.endsWith('/'));
      // helpers live under test/: a src file reaches the database only through them
      if (path?.startsWith(testDir) && reaches(path, seen)) {
        hit = true;
        break;
      }
    }
    memo.set(file, hit);
    return hit;
  };
  const db = [];
  const other = [];
  for (const f of testFiles(root, ['src', 'test'])) (reaches(f, new Set()) ? db : other).push(relative(root, f));
  return { db, other };
}
