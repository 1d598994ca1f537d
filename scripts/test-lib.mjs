// Pieces of `npm test` (scripts/test.mjs) that run alone, so a test can hold them to what the
// script's header promises: the server pass's environment (the fuzzer's smaller count there), a
// command run beside the steps with its output kept, and the browser prerequisites' check and
// install, which starts with the run and prints nothing until the browser step asks for it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const MIN = 60_000;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Requests per operation the API fuzzer sends in the server pass (test/fuzz/harness.ts reads FUZZ_RUNS; the embedded pass keeps its 30). */
export const SERVER_PASS_FUZZ_RUNS = '10';

/**
 * The environment of the unit+integration pass on the PostgreSQL server: `env` with the server's
 * URL, and FUZZ_RUNS=10 unless the caller set FUZZ_RUNS (to a non-empty value) for the whole run.
 */
export function serverPassEnv(env, url) {
  return { ...env, YUNQIAO_TEST_DATABASE_URL: url, FUZZ_RUNS: env.FUZZ_RUNS || SERVER_PASS_FUZZ_RUNS };
}

/** Stops a child's whole process group (it was spawned detached). */
export function killGroup(child, sig) {
  try {
    process.kill(-child.pid, sig);
  } catch {
    /* already gone */
  }
}

/**
 * Runs one command beside whatever else runs, in its own process group with a time limit, its
 * output collected rather than shown: stdout and stderr interleaved after a `$ command` line.
 * `running`: a set the child sits in while it runs (so a signal handler can stop it).
 * Resolves to { code, stdout, output } (code 124 on time-out, 127 when it cannot start).
 */
export function execCollected(cmd, args, { cwd, env = process.env, timeoutMs = 10 * MIN, running } = {}) {
  let output = `$ ${[cmd, ...args].join(' ')}\n`;
  let stdout = '';
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running?.add(child);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      output += `\n${cmd} ${args.join(' ')}: no result after ${secs(timeoutMs)}; stopping it\n`;
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 15_000).unref();
    }, timeoutMs);
    child.stdout.on('data', (c) => {
      stdout += c;
      output += c;
    });
    child.stderr.on('data', (c) => {
      output += c;
    });
    let settled = false;
    const done = (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      running?.delete(child);
      resolve({ code, stdout, output });
    };
    child.on('error', (err) => {
      output += `${cmd}: ${err.message}\n`;
      done(127);
    });
    child.on('close', (code, signal) => done(timedOut ? 124 : (code ?? (signal ? 128 : 1))));
  });
}

/** The major version chromium reports, or '?'. */
export function chromiumVersion(chromium) {
  const r = spawnSync(chromium, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return /(\d+)\./.exec(r.stdout ?? '')?.[1] ?? '?';
}

/**
 * The browser suites' prerequisites — chromium at `chromium` and a CJK font (fc-list :lang=zh) —
 * checked and, when `isRoot`, installed with apt-get (waiting up to 5 minutes for dpkg's lock:
 * unattended-upgrades holds it on a new machine). Meant to run beside the other steps: it prints
 * nothing. Resolves to { ok, note, output, ms }: the step's result, everything it would have
 * printed, and how long it took. Never rejects.
 */
export async function browserPrerequisites({ chromium, isRoot, env = process.env, cwd, running }) {
  const start = Date.now();
  let output = '';
  const say = (line) => {
    output += `${line}\n`;
  };
  const run = async (cmd, args, opts) => {
    const r = await execCollected(cmd, args, { cwd, running, ...opts });
    output += r.output;
    return r.code;
  };
  const hasCjkFont = async () => {
    const r = await execCollected('fc-list', [':lang=zh', 'family'], { cwd, env, running, timeoutMs: MIN });
    return r.code === 0 && r.stdout.trim().length > 0;
  };
  const missing = async () => [!existsSync(chromium) && 'chromium', !(await hasCjkFont()) && 'fonts-wqy-microhei'].filter(Boolean);
  const result = await (async () => {
    let need = await missing();
    if (need.length === 0) return { ok: true, note: `chromium ${chromiumVersion(chromium)}, CJK font present` };
    if (!isRoot) {
      say(`missing ${need.join(' and ')}: run  sudo apt-get install -y chromium fonts-wqy-microhei  and try again`);
      return { ok: false, note: `missing ${need.join(', ')}` };
    }
    say(`missing ${need.join(' and ')}; installing with apt-get`);
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    const lock = ['-o', 'DPkg::Lock::Timeout=300'];
    if ((await run('apt-get', [...lock, 'update'], { env: aptEnv, timeoutMs: 5 * MIN })) !== 0) return { ok: false, note: 'apt-get update failed' };
    const install = [...lock, 'install', '-y', '--no-install-recommends', 'chromium', 'fonts-wqy-microhei'];
    if ((await run('apt-get', install, { env: aptEnv, timeoutMs: 8 * MIN })) !== 0) return { ok: false, note: 'apt-get install failed' };
    need = await missing();
    if (need.length) return { ok: false, note: `still missing after apt-get: ${need.join(', ')}` };
    return { ok: true, note: `installed; chromium ${chromiumVersion(chromium)}` };
  })().catch((err) => ({ ok: false, note: `check failed: ${err instanceof Error ? err.message : String(err)}` }));
  return { ...result, output, ms: Date.now() - start };
}
