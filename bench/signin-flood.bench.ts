// `signin-flood`: signed-in requests keep their latency while strangers flood the sign-in route
// with wrong passwords (issue 6 §2: argon2 verifications capped about one per core, a short
// queue, a budget of password checks per second, then 503 at once). `yunqiao start` on a fresh
// embedded PostgreSQL with the default limits but YUNQIAO_SIGN_IN_PER_ADDRESS=100000 (so the
// per-address limit, which would answer a
// one-address flood 429 after 100 attempts, lets every attempt through: the flood stands for one
// from many addresses, each attempt reaching the counters and the verifier). Phases alternate for
// BENCH_FLOOD_ROUNDS (2) rounds of BENCH_FLOOD_SECONDS (10):
//   quiet  the province official's signed-in load: GET /api/v1/agencies?limit=20, 8 connections
//   flood  the same load, plus 64 connections posting sign-ins for unknown names, wrong passwords,
//          at BENCH_FLOOD_RATE attempts per second in all (default 300: fifteen times the default
//          budget of 20 password checks a second; unchecked, 300 argon2 verifications a second
//          would need 2.5 of this machine's 2 cores). BENCH_FLOOD_RATE=0 floods as fast as the
//          server answers (a closed loop): then the flood takes the event loop's share its
//          connections win whatever a 503 costs, and shedding at that rate belongs in front of
//          the application (ingress, per-address limits; docs/operations.md).
// BENCH_FLOOD_CHECKS sets YUNQIAO_PASSWORD_CHECKS_PER_SECOND (the budget of password checks a
// second, default 20) to show what the budget trades: fewer checks a second, less CPU for the
// flood, and fewer genuine sign-ins a second before they get 503 too.
// Reports the signed-in p50/p99 and req/s of each (quiet is the baseline) and what the flood got.
// The flood runs in a client process of its own (signin-flood-client.mjs): in this process its
// client work would delay the signed-in load's client and show up as server latency.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEMO_PASSWORD } from '../src/server/seed/demo.ts';
import type { Benchmark, Metric } from './lib.ts';
import { call, startServer } from './server.ts';

const SECONDS = Number(process.env.BENCH_FLOOD_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_FLOOD_ROUNDS ?? 2);
const READERS = 8;
const FLOODERS = 64;
const RATE = Number(process.env.BENCH_FLOOD_RATE ?? 300);

type Load = { p50: number; p99: number; reqPerSec: number; non2xx: number };

function signedInLoad(port: number, cookie: string): Promise<autocannon.Result> {
  return autocannon({ url: `http://127.0.0.1:${port}/api/v1/agencies?limit=20`, connections: READERS, duration: SECONDS, headers: { cookie } });
}

type FloodResult = { requests: number; reqPerSec: number; statuses: Record<string, number> };

/** The flood, from a process of its own (bench/signin-flood-client.mjs). */
function flood(port: number): Promise<FloodResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'signin-flood-client.mjs'), String(port), String(FLOODERS), String(SECONDS), String(RATE)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim()) as FloodResult) : reject(new Error(`flood client exited ${code}`))));
  });
}

const of = (r: autocannon.Result): Load => ({ p50: r.latency.p50, p99: r.latency.p99, reqPerSec: r.requests.average, non2xx: r.non2xx });
const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)) * 10) / 10;

export const benchmark: Benchmark = {
  name: 'signin-flood',
  description: `signed-in GET /agencies (${READERS} connections) with and without ${FLOODERS} connections flooding POST /auth/login with wrong passwords at ${RATE > 0 ? `${RATE}/s` : 'full speed'} (${ROUNDS}×${SECONDS} s each)`,
  async run(log) {
    const server = await startServer('yq-bench-flood-', { YUNQIAO_LIMITS: 'default', YUNQIAO_SIGN_IN_PER_ADDRESS: '100000', ...(process.env.BENCH_FLOOD_CHECKS ? { YUNQIAO_PASSWORD_CHECKS_PER_SECOND: process.env.BENCH_FLOOD_CHECKS } : {}) });
    try {
      log(`server ready on :${server.port}`);
      const signedIn = await call(server.port, 'POST', '/api/v1/auth/login', { username: 'prov', password: DEMO_PASSWORD });
      if (!signedIn.cookie) throw new Error(`could not sign in: ${signedIn.status} ${signedIn.body}`);
      const cookie = signedIn.cookie;
      await signedInLoad(server.port, cookie); // warm-up
      const quiet: Load[] = [];
      const loud: Load[] = [];
      const floodStatuses = new Map<number, number>();
      let floodRequests = 0;
      const floodRates: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const q = of(await signedInLoad(server.port, cookie));
        quiet.push(q);
        log(`round ${round + 1} quiet  ${q.reqPerSec.toFixed(0).padStart(5)} req/s  p50 ${q.p50} ms  p99 ${q.p99} ms  (non-2xx ${q.non2xx})`);
        const [l, fr] = await Promise.all([signedInLoad(server.port, cookie).then(of), flood(server.port)]);
        loud.push(l);
        floodRequests += fr.requests;
        floodRates.push(fr.reqPerSec);
        for (const [s, c] of Object.entries(fr.statuses)) floodStatuses.set(Number(s), (floodStatuses.get(Number(s)) ?? 0) + c);
        log(`round ${round + 1} flood  ${l.reqPerSec.toFixed(0).padStart(5)} req/s  p50 ${l.p50} ms  p99 ${l.p99} ms  (non-2xx ${l.non2xx}); flood ${fr.reqPerSec.toFixed(0)} req/s: ${Object.entries(fr.statuses).map(([s, c]) => `${s}×${c}`).join(' ')}`);
      }
      const statuses = [...floodStatuses].sort(([a], [b]) => a - b);
      const metrics: Metric[] = [
        { metric: 'signed_in_p50_ms', value: mean(loud.map((x) => x.p50)), unit: 'ms', baseline: mean(quiet.map((x) => x.p50)), baselineOf: 'no flood' },
        { metric: 'signed_in_p99_ms', value: mean(loud.map((x) => x.p99)), unit: 'ms', baseline: mean(quiet.map((x) => x.p99)), baselineOf: 'no flood' },
        { metric: 'signed_in_req_per_s', value: mean(loud.map((x) => x.reqPerSec)), unit: 'req/s', baseline: mean(quiet.map((x) => x.reqPerSec)), baselineOf: 'no flood' },
        { metric: 'signed_in_non_2xx', value: loud.reduce((a, x) => a + x.non2xx, 0), unit: 'answers', baseline: quiet.reduce((a, x) => a + x.non2xx, 0), baselineOf: 'no flood' },
        { metric: 'flood_attempts_per_s', value: mean(floodRates), unit: RATE > 0 ? `req/s (asked ${RATE})` : 'req/s (closed loop)' },
        { metric: 'flood_attempts', value: floodRequests, unit: `requests (${statuses.map(([s, c]) => `${s}×${c}`).join(' ')})` },
        { metric: 'flood_5xx_other_than_503', value: statuses.filter(([s]) => s >= 500 && s !== 503).reduce((a, [, c]) => a + c, 0), unit: 'answers (must be 0)' },
      ];
      return metrics;
    } finally {
      await server.stop();
    }
  },
};
