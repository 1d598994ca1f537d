// `checkin`: the daily check-in route under load (issue 8 "Benchmark"; decision 0032), beside a
// bare Fastify route doing one INSERT into the same table, in the same run.
//
// 1. `yunqiao start` on a fresh embedded PostgreSQL (demo data, workers on, YUNQIAO_LIMITS=relaxed:
//    every request comes from 127.0.0.1), then `yunqiao seed --scale <scale> --parts staff,checkins`
//    as a separate process: the generated population (province: 2,000 agencies, 40,000 staff who
//    have consented, each with an open session; 14 days of history), its load time measured.
// 2. The bare server (bench/checkin-bare-server.mjs, its own process, a pool of 10 like the app's)
//    on the same database.
// 3. Load from a client process of its own (bench/checkin-client.mjs, autocannon), each phase
//    against the app and then the bare route, every request a different staff member's session
//    (round robin) with a fresh clientId and a normal reading (no incidents):
//      sustained    300 req/s for BENCH_CHECKIN_SECONDS (300; 30 with --quick), all in one county
//                   (the county with the most generated staff): p50/p99/max; target p99 ≤ 100 ms
//      max spread   closed loop, 50 connections, BENCH_CHECKIN_MAX_SECONDS (30; 10 with --quick),
//                   staff of every county: req/s; target ≥ 1,000
//      max county   the same, staff of one county: req/s; target ≥ 600
//    The ratio app / bare is each metric's `ratio` (the runner computes it from `baseline`).
// Flags after the name: --quick, --scale=county|province (default province; county: 2,000 staff
// in one county, so "spread" is one county too), --seconds=N, --max-seconds=N.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseConfig } from '../src/server/config.ts';
import { startEmbedded } from '../src/server/db/embedded.ts';
import { type Benchmark, freePort, type Metric } from './lib.ts';
import { startServer } from './server.ts';

const ROOT = join(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const QUICK = argv.includes('--quick');
const SCALE = flag('scale') ?? process.env.BENCH_CHECKIN_SCALE ?? 'province';
const SUSTAINED_SECONDS = Number(flag('seconds') ?? process.env.BENCH_CHECKIN_SECONDS ?? (QUICK ? 30 : 300));
const MAX_SECONDS = Number(flag('max-seconds') ?? process.env.BENCH_CHECKIN_MAX_SECONDS ?? (QUICK ? 10 : 30));
const RATE = 300;
const SUSTAINED_CONNECTIONS = 30;
const MAX_CONNECTIONS = 50;

type ClientResult = {
  requests: number;
  reqPerSec: number;
  latency: { p50: number; p90: number; p99: number; p999: number; max: number };
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  people: number;
};
type Target = 'app' | 'bare';

function runClient(opts: { port: number; target: Target; sessionsFile: string; division?: string; connections: number; seconds: number; rate?: number }): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'checkin-client.mjs'), JSON.stringify(opts)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim()) as ClientResult) : reject(new Error(`checkin client exited ${code}`))));
  });
}

/** Runs a child to its end; its output lines go to `log`. Rejects on a non-zero exit. */
function runLogged(args: string[], env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const each = (b: Buffer) => {
      for (const line of b.toString().split('\n').filter(Boolean)) log(line);
    };
    child.stdout.on('data', each);
    child.stderr.on('data', each);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

async function startBare(url: string): Promise<{ port: number; child: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(import.meta.dirname, 'checkin-bare-server.mjs'), url, String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (b: Buffer) => {
      if (b.toString().includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    child.kill('SIGTERM');
    await done;
  };
  return { port, child, stop };
}

const created = (r: ClientResult) => r.statuses['201'] ?? 0;
const others = (r: ClientResult) => Object.entries(r.statuses).filter(([s]) => s !== '201').reduce((a, [, c]) => a + c, 0) + r.errors + r.timeouts;
const line = (name: string, r: ClientResult) =>
  `${name.padEnd(20)} ${r.reqPerSec.toFixed(0).padStart(5)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  max ${r.latency.max} ms  201×${created(r)}  other ${others(r)} ${JSON.stringify(r.statuses)}  (${r.people} people)`;

export const benchmark: Benchmark = {
  name: 'checkin',
  description: `POST /prevention/checkins over a generated ${SCALE} population: ${RATE} req/s for ${SUSTAINED_SECONDS} s in one county, then the maximum (${MAX_CONNECTIONS} connections, ${MAX_SECONDS} s) spread and in one county; each beside a bare INSERT route`,
  async run(log) {
    if (SCALE !== 'county' && SCALE !== 'province') throw new Error(`--scale must be county or province, not ${SCALE}`);
    const server = await startServer('yq-bench-checkin-', { YUNQIAO_LIMITS: 'relaxed' });
    let bare: Awaited<ReturnType<typeof startBare>> | undefined;
    try {
      log(`server ready on :${server.port}`);
      const sessionsFile = join(server.dataDir, 'scale-sessions.json');
      const t0 = performance.now();
      await runLogged(['bin/yunqiao.mjs', 'seed', '--scale', SCALE, '--parts', 'staff,checkins', '--sessions-file', sessionsFile], server.env, (l) => log(`seed | ${l}`));
      const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
      if (!existsSync(sessionsFile)) throw new Error('the seed wrote no sessions file');
      const { sessions } = JSON.parse(readFileSync(sessionsFile, 'utf8')) as { sessions: { divisionCode: string }[] };
      const perCounty = new Map<string, number>();
      for (const s of sessions) perCounty.set(s.divisionCode, (perCounty.get(s.divisionCode) ?? 0) + 1);
      const [county, countyStaff] = [...perCounty].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] as [string, number];
      log(`seeded in ${seedSeconds} s: ${sessions.length} sessions over ${perCounty.size} counties; one-county phases use ${county} (${countyStaff} staff)`);

      const cfg = parseConfig({ ...server.env });
      const db = await startEmbedded(server.dataDir, () => {}, { pgHome: cfg.pgHome });
      bare = await startBare(db.ownerUrl);
      log(`bare server ready on :${bare.port}`);
      const ports: Record<Target, number> = { app: server.port, bare: bare.port };

      // warm-up: JIT, pools, caches (results discarded)
      for (const target of ['app', 'bare'] as const) await runClient({ port: ports[target], target, sessionsFile, connections: 16, seconds: QUICK ? 5 : 10 });
      log('warmed up');

      const phase = async (name: string, opts: { division?: string; connections: number; seconds: number; rate?: number }) => {
        const out = {} as Record<Target, ClientResult>;
        for (const target of ['app', 'bare'] as const) {
          out[target] = await runClient({ port: ports[target], target, sessionsFile, ...opts });
          log(line(`${name} ${target}`, out[target]));
        }
        return out;
      };
      const load0 = loadavg()[0] ?? 0;
      const sustained = await phase('sustained', { division: county, connections: SUSTAINED_CONNECTIONS, seconds: SUSTAINED_SECONDS, rate: RATE });
      const spread = await phase('max spread', { connections: MAX_CONNECTIONS, seconds: MAX_SECONDS });
      const oneCounty = await phase('max one county', { division: county, connections: MAX_CONNECTIONS, seconds: MAX_SECONDS });
      const load1 = loadavg()[0] ?? 0;

      const bareOf = 'bare Fastify route, one INSERT into prevention_checkins';
      const r1 = (v: number) => Math.round(v * 10) / 10;
      const metrics: Metric[] = [
        { metric: 'seed_seconds', value: seedSeconds, unit: `s (${SCALE}: ${sessions.length} staff, ${perCounty.size} counties, 14 days of check-ins)` },
        { metric: 'sustained_p50_ms', value: sustained.app.latency.p50, unit: `ms (${RATE} req/s, ${SUSTAINED_SECONDS} s, one county)`, baseline: sustained.bare.latency.p50, baselineOf: bareOf },
        { metric: 'sustained_p99_ms', value: sustained.app.latency.p99, unit: `ms (target ≤ 100; ${RATE} req/s, ${SUSTAINED_SECONDS} s, one county)`, baseline: sustained.bare.latency.p99, baselineOf: bareOf },
        { metric: 'sustained_max_ms', value: sustained.app.latency.max, unit: 'ms', baseline: sustained.bare.latency.max, baselineOf: bareOf },
        { metric: 'sustained_req_per_s', value: r1(sustained.app.reqPerSec), unit: `req/s (asked ${RATE})`, baseline: r1(sustained.bare.reqPerSec), baselineOf: bareOf },
        { metric: 'sustained_not_201', value: others(sustained.app), unit: 'answers (must be 0)', baseline: others(sustained.bare), baselineOf: bareOf },
        { metric: 'max_spread_req_per_s', value: r1(spread.app.reqPerSec), unit: `req/s (target ≥ 1,000; ${MAX_CONNECTIONS} connections, ${MAX_SECONDS} s, ${perCounty.size} counties)`, baseline: r1(spread.bare.reqPerSec), baselineOf: bareOf },
        { metric: 'max_spread_p99_ms', value: spread.app.latency.p99, unit: 'ms', baseline: spread.bare.latency.p99, baselineOf: bareOf },
        { metric: 'max_spread_not_201', value: others(spread.app), unit: 'answers (must be 0)', baseline: others(spread.bare), baselineOf: bareOf },
        { metric: 'max_one_county_req_per_s', value: r1(oneCounty.app.reqPerSec), unit: `req/s (target ≥ 600; ${MAX_CONNECTIONS} connections, ${MAX_SECONDS} s, ${county})`, baseline: r1(oneCounty.bare.reqPerSec), baselineOf: bareOf },
        { metric: 'max_one_county_p99_ms', value: oneCounty.app.latency.p99, unit: 'ms', baseline: oneCounty.bare.latency.p99, baselineOf: bareOf },
        { metric: 'max_one_county_not_201', value: others(oneCounty.app), unit: 'answers (must be 0)', baseline: others(oneCounty.bare), baselineOf: bareOf },
        { metric: 'host_load_1min', value: r1(Math.max(load0, load1)), unit: 'load average (other jobs share the cores: read the figures with it)' },
      ];
      return metrics;
    } finally {
      await bare?.stop();
      await server.stop();
    }
  },
};

