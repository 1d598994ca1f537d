// `sms-code`: POST /auth/sms-code takes as long for a registered phone as for an unregistered one
// (issue 6 §2: the same statements, the same body; whether an SMS goes out is decided by the
// delivery job, off the request path). `yunqiao start` on a fresh embedded PostgreSQL
// (YUNQIAO_LIMITS=relaxed, workers on, so deliveries run beside the requests as in production);
// 200 seeker accounts with phones are inserted; then BENCH_SMS_CALLS (200) calls each, registered
// and unregistered alternating, one at a time, each phone asked once. Reports both medians and the
// difference (target: under 5 ms), and that every answer was 202 with the same body.
import pg from 'pg';
import { startEmbedded } from '../src/server/db/embedded.ts';
import { type Benchmark, median, type Metric, sleep } from './lib.ts';
import { call, percentile, startServer } from './server.ts';

const CALLS = Number(process.env.BENCH_SMS_CALLS ?? 200);

export const benchmark: Benchmark = {
  name: 'sms-code',
  description: `POST /auth/sms-code, ${CALLS} registered vs ${CALLS} unregistered phones, alternating: median latency difference`,
  async run(log) {
    const server = await startServer('yq-bench-sms-', { YUNQIAO_LIMITS: 'relaxed' });
    let owner: pg.Client | null = null;
    try {
      log(`server ready on :${server.port}`);
      const emb = await startEmbedded(server.dataDir); // finds the server's postmaster, starts nothing
      owner = new pg.Client(emb.ownerUrl);
      await owner.connect();
      const base = 13_600_000_000 + (process.pid % 1000) * 10_000;
      const registered = Array.from({ length: CALLS }, (_, i) => String(base + i));
      const unregistered = Array.from({ length: CALLS }, (_, i) => String(base + 5_000 + i));
      await owner.query(
        `with a as (
           insert into accounts (username, phone, display_name, created_at)
           select 'bench-sms-' || p, p, 'bench', now() from unnest($1::text[]) as p returning id, created_at)
         insert into memberships (account_id, role, seeker_group, created_at) select id, 'seeker', 'migrant', created_at from a`,
        [registered],
      );
      // warm up the process (JIT, pool) on phones of neither set
      for (let i = 0; i < 40; i++) await call(server.port, 'POST', '/api/v1/auth/sms-code', { phone: String(base + 9_000 + i) });
      const times = { registered: [] as number[], unregistered: [] as number[] };
      const bodies = new Set<string>();
      const statuses = new Set<number>();
      for (let i = 0; i < CALLS; i++) {
        for (const [kind, phone] of (i % 2 ? [['unregistered', unregistered[i]], ['registered', registered[i]]] : [['registered', registered[i]], ['unregistered', unregistered[i]]]) as [keyof typeof times, string][]) {
          const r = await call(server.port, 'POST', '/api/v1/auth/sms-code', { phone });
          times[kind].push(r.ms);
          bodies.add(r.body);
          statuses.add(r.status);
        }
      }
      // the delivery jobs run in the server's workers: wait for them (at most a minute)
      const sentNow = async () => Number((await owner?.query(`select count(*)::int as n from outbox where recipient = any($1::text[])`, [registered]))?.rows[0]?.n ?? 0);
      let sent = await sentNow();
      for (let i = 0; i < 120 && sent < CALLS; i++) {
        await sleep(500);
        sent = await sentNow();
      }
      const leaked = Number((await owner.query(`select count(*)::int as n from outbox where recipient = any($1::text[])`, [unregistered])).rows[0]?.n ?? 0);
      const mr = median(times.registered);
      const mu = median(times.unregistered);
      log(`registered   median ${mr.toFixed(2)} ms  p90 ${percentile(times.registered, 0.9).toFixed(2)} ms`);
      log(`unregistered median ${mu.toFixed(2)} ms  p90 ${percentile(times.unregistered, 0.9).toFixed(2)} ms`);
      log(`answers: statuses ${[...statuses].join(',')}, ${bodies.size} distinct bodies; SMS in the outbox: ${sent} registered, ${leaked} unregistered`);
      const r2 = (x: number) => Math.round(x * 100) / 100;
      const metrics: Metric[] = [
        { metric: 'median_ms[registered]', value: r2(mr), unit: 'ms', baseline: r2(mu), baselineOf: 'unregistered phone' },
        { metric: 'median_difference_ms', value: r2(Math.abs(mr - mu)), unit: 'ms (target < 5)' },
        { metric: 'p90_ms[registered]', value: r2(percentile(times.registered, 0.9)), unit: 'ms', baseline: r2(percentile(times.unregistered, 0.9)), baselineOf: 'unregistered phone' },
        { metric: 'distinct_bodies', value: bodies.size, unit: `bodies (statuses ${[...statuses].join(',')})` },
        { metric: 'sms_sent[registered]', value: sent, unit: 'messages', baseline: leaked, baselineOf: 'unregistered (must be 0)' },
      ];
      if (bodies.size !== 1 || [...statuses].some((s) => s !== 202) || leaked !== 0) throw new Error(`answers differ or an unregistered phone got a message: ${JSON.stringify(metrics)}`);
      return metrics;
    } finally {
      await owner?.end();
      await server.stop();
    }
  },
};
