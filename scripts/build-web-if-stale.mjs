// Builds the web UI (vite → dist/web, the desks; vite.mobile.config.ts → dist/web/m, the phone
// shell) when dist/web is missing or older than its sources, so a
// fresh clone serves the UI after `npm install && npm start`. Compares mtimes only: when the build
// is current this costs a directory walk of src/web and src/shared (a few milliseconds).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What the bundle is built from (src/web imports src/shared). */
const SOURCES = ['src/web', 'src/mobile', 'src/shared', 'vite.config.ts', 'vite.mobile.config.ts'];
const BUILT = join(ROOT, 'dist/web/index.html');
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');

/** Newest mtime (ms) of a file, or of any file below a directory; 0 when absent. */
function newestMtime(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file shows as a newer directory
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why the web UI needs building, or null when dist/web is current. */
export function webBuildReason(root = ROOT) {
  const built = join(root, 'dist/web/index.html');
  if (!existsSync(built)) return 'dist/web is missing';
  if (!existsSync(join(root, 'dist/web/m/index.html'))) return 'dist/web/m (the phone shell) is missing';
  const builtAt = statSync(built).mtimeMs;
  const sourcesAt = Math.max(...SOURCES.map((p) => newestMtime(join(root, p))));
  return sourcesAt > builtAt ? 'dist/web is older than src/web' : null;
}

/**
 * Runs `vite build` when the UI is stale. Returns true when dist/web is usable afterwards.
 * Never throws: a failed build leaves the API running without the UI, with a clear line saying so.
 */
export function buildWebIfStale({ log = (line) => process.stderr.write(`${line}\n`), quiet = false, force = false } = {}) {
  const reason = force ? 'a fresh build was asked for' : webBuildReason();
  if (!reason) return true;
  if (!existsSync(VITE)) {
    log(`yunqiao: ${reason} and vite is not installed (npm install without --omit=dev); serving the API without the web UI`);
    return existsSync(BUILT);
  }
  log(`yunqiao: ${reason}; building the web UI (vite build)…`);
  const t0 = Date.now();
  // Build beside the live folder and swap it in, so a running server never serves a half-built UI.
  const next = join(ROOT, 'dist/web.next');
  const live = join(ROOT, 'dist/web');
  const old = join(ROOT, 'dist/web.old');
  rmSync(next, { recursive: true, force: true });
  const level = ['--logLevel', quiet ? 'error' : 'warn'];
  // a production bundle whoever asks: vite takes NODE_ENV from the environment, and under vitest
  // (the browser suites' setup) it is 'test', which would ship React's development build
  const opts = { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } };
  let r = spawnSync(process.execPath, [VITE, 'build', '--outDir', next, '--emptyOutDir', ...level], opts);
  // the phone shell after the desks (whose build empties the folder), into its own subfolder
  if (r.status === 0) {
    r = spawnSync(process.execPath, [VITE, 'build', '-c', 'vite.mobile.config.ts', '--outDir', join(next, 'm'), '--emptyOutDir', ...level], opts);
  }
  if (r.status !== 0) {
    log(`yunqiao: the web UI build failed (exit ${r.status ?? r.signal}); serving the API without a fresh UI`);
    return existsSync(BUILT);
  }
  rmSync(old, { recursive: true, force: true });
  if (existsSync(live)) renameSync(live, old);
  renameSync(next, live);
  rmSync(old, { recursive: true, force: true });
  log(`yunqiao: web UI built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = buildWebIfStale({ force: process.argv.includes('--force') }) ? 0 : 1;
}
