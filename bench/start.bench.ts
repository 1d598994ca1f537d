// `start`: how long `yunqiao start` takes to answer /healthz with 200 — first start on an empty data
// directory (initdb, migrations, reference data, demo seed) and later starts on the same directory —
// against the bare embedded PostgreSQL (startEmbedded) on a directory of its own, so the ratio is
// our overhead: Node + tsx, migrations check, queue, app. Also: SIGTERM stops the process with
// exit code 0 and leaves no postgres process behind for its data directory.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildWebIfStale } from '../scripts/build-web-if-stale.mjs';
import { startEmbedded } from '../src/server/db/embedded.ts';
import { type Benchmark, freePort, median, type Metric, sleep } from './lib.ts';

const ROOT = join(import.meta.dirname, '..');
const WARM_RUNS = Number(process.env.BENCH_START_RUNS ?? 3);
const READY_TIMEOUT_MS = 180_000;

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o711); // as root the embedded PostgreSQL runs as the postgres user
  return realpathSync(dir);
}

function healthz(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/healthz', agent: false, headers: { connection: 'close' }, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

type Started = { child: ChildProcess; ms: number; output: string[] };

/** Spawns `node bin/yunqiao.mjs start` and waits for the first 200 from /healthz. */
async function startServerProcess(dataDir: string): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', YUNQIAO_DATA_DIR: dataDir, LOG_LEVEL: 'warn', YUNQIAO_DEMO: '1' };
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;
  const output: string[] = [];
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/yunqiao.mjs', 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => {
    output.push(...b.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 60));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
  });
  while (performance.now() - t0 < READY_TIMEOUT_MS) {
    if (exited !== undefined) throw new Error(`yunqiao start exited (${exited}) before it was ready:\n${output.join('\n')}`);
    if ((await healthz(port)) === 200) return { child, ms: performance.now() - t0, output };
    await sleep(20);
  }
  child.kill('SIGKILL');
  throw new Error(`yunqiao start was not ready after ${READY_TIMEOUT_MS / 1000} s:\n${output.join('\n')}`);
}

/** SIGTERM, then wait for the process to exit. */
async function stopServerProcess(s: Started): Promise<{ code: number; ms: number }> {
  const t0 = performance.now();
  const done = new Promise<{ code: number }>((resolve) => {
    if (s.child.exitCode !== null) resolve({ code: s.child.exitCode });
    s.child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? -1 : 1) }));
  });
  s.child.kill('SIGTERM');
  const killer = setTimeout(() => s.child.kill('SIGKILL'), 60_000);
  const { code } = await done;
  clearTimeout(killer);
  return { code, ms: performance.now() - t0 };
}

/** Processes whose working directory is inside `dir`: every postgres process chdirs into its data directory. */
function processesIn(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`)) pids.push(Number(entry));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return pids;
}

/** Waits briefly for the postmaster's children to go, then counts what is left. */
async function leftovers(dir: string): Promise<number> {
  for (let i = 0; i < 50; i++) {
    if (processesIn(dir).length === 0) return 0;
    await sleep(100);
  }
  return processesIn(dir).length;
}

export const benchmark: Benchmark = {
  name: 'start',
  description: 'yunqiao start → first 200 from /healthz (separate process), against the bare embedded PostgreSQL start',
  async run(log) {
    if (!buildWebIfStale({ log, quiet: true })) log('web UI not built: the server starts without it');
    const dataDir = tempDir('yq-bench-start-');
    const baseDir = tempDir('yq-bench-pg-');
    const codes: number[] = [];
    const stopMs: number[] = [];
    let leftoverCount = 0;
    try {
      // our server, first start: initdb, migrations, reference data, demo seed
      const first = await startServerProcess(dataDir);
      log(`first start: ready in ${first.ms.toFixed(0)} ms`);
      const firstStop = await stopServerProcess(first);
      codes.push(firstStop.code);
      stopMs.push(firstStop.ms);
      leftoverCount += await leftovers(dataDir);
      log(`SIGTERM: exit ${firstStop.code} after ${firstStop.ms.toFixed(0)} ms`);

      // our server, later starts on the same data directory
      const warm: number[] = [];
      for (let i = 0; i < WARM_RUNS; i++) {
        const s = await startServerProcess(dataDir);
        warm.push(s.ms);
        const st = await stopServerProcess(s);
        codes.push(st.code);
        stopMs.push(st.ms);
        leftoverCount += await leftovers(dataDir);
        log(`start ${i + 2}: ready in ${s.ms.toFixed(0)} ms; SIGTERM: exit ${st.code} after ${st.ms.toFixed(0)} ms`);
      }

      // baseline: the bare embedded PostgreSQL, in this process, on a directory of its own
      let t = performance.now();
      const init = await startEmbedded(baseDir);
      const baseFirst = performance.now() - t;
      await init.stop();
      const baseWarm: number[] = [];
      const baseStop: number[] = [];
      for (let i = 0; i < WARM_RUNS; i++) {
        t = performance.now();
        const h = await startEmbedded(baseDir);
        baseWarm.push(performance.now() - t);
        t = performance.now();
        await h.stop();
        baseStop.push(performance.now() - t);
      }
      log(`baseline: embedded PostgreSQL initdb+start ${baseFirst.toFixed(0)} ms, start ${baseWarm.map((x) => x.toFixed(0)).join('/')} ms`);

      const round = (x: number) => Math.round(x);
      const metrics: Metric[] = [
        { metric: 'first_start_ms', value: round(first.ms), unit: 'ms', baseline: round(baseFirst), baselineOf: 'embedded PG initdb+start+createdb' },
        { metric: 'second_start_ms', value: round(median(warm)), unit: 'ms', baseline: round(median(baseWarm)), baselineOf: `embedded PG start, median of ${WARM_RUNS}` },
        { metric: 'sigterm_stop_ms', value: round(median(stopMs)), unit: 'ms', baseline: round(median(baseStop)), baselineOf: 'embedded PG stop, median' },
        { metric: 'sigterm_exit_code', value: Math.max(...codes.map((c) => (c === 0 ? 0 : Math.abs(c) || 1))), unit: 'exit code (max of all stops)' },
        { metric: 'leftover_postgres_processes', value: leftoverCount, unit: 'processes (sum of all stops)' },
      ];
      return metrics;
    } finally {
      for (const dir of [dataDir, baseDir]) {
        const left = processesIn(dir);
        if (left.length) log(`left running in ${dir}: ${left.join(', ')} — kept the directory`);
        else if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
      }
    }
  },
};
