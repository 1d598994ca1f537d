// `audit`: what the audit trail costs writers. `yunqiao start` runs as a separate process on a fresh
// embedded PostgreSQL with the demo data plus 32 agencies in each of 8 Kunming counties; the
// province official's session drives autocannon with 32 connections for a fixed time per phase:
//   one_county  audited PATCH /api/v1/agencies/{id}, every target in 530102
//   spread      the same, targets spread over 8 counties (4 per county)
//   no_audit    the one-county load with the audit INSERT made a no-op: a BEFORE INSERT trigger
//               (created for this phase only, as the owner) returns NULL on the audit table, so the
//               request runs the same code and sends the same statement, which writes nothing. With
//               the old design (lock + last-link read + insert) the lock and the read remain.
// Every phase mixes in, per 40 requests of a connection, one audited read (GET
// /agencies/export.xlsx, the province's whole list) and one failed sign-in for an unknown name (an
// event with no place: division 000000). With the appender design a separate process runs
// startAuditAppender (as `yunqiao worker` would) and the appender lag — chain row `linked_at`
// minus entry `at` (the entry's time is taken before its commit, so this over-states the lag by
// the rest of the request's transaction) — is read from the database after each phase. Phases run
// in rounds (a, b, c, a, b, c …) so drift in the machine's load falls on all three alike. At the
// end `yunqiao audit verify` must exit 0.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { startEmbedded } from '../src/server/db/embedded.ts';
import { DEMO_PASSWORD } from '../src/server/seed/demo.ts';
import { creditCodeCheckChar } from '../src/shared/checksums.ts';
import { type Benchmark, freePort, median, type Metric, sleep } from './lib.ts';

const ROOT = join(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_AUDIT_SECONDS ?? 15);
const ROUNDS = Number(process.env.BENCH_AUDIT_ROUNDS ?? 2);
const CONNECTIONS = 32;
const COUNTIES = ['530102', '530103', '530111', '530112', '530113', '530114', '530115', '530124'];
const PER_COUNTY = 32;
const CYCLE = 40; // per connection: 38 PATCH, 1 export, 1 failed sign-in

type Json = Record<string, unknown>;

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o711); // as root the embedded PostgreSQL runs as the postgres user
  return realpathSync(dir);
}

function call(port: number, method: string, path: string, body?: Json, cookie?: string): Promise<{ status: number; body: string; cookie: string | null }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          'x-requested-with': 'bench',
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(cookie ? { cookie } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const set = res.headers['set-cookie']?.find((c) => c.startsWith('yq_sid='));
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), cookie: set ? set.split(';')[0] ?? null : null });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

async function waitReady(port: number, child: ChildProcess, output: string[]): Promise<void> {
  const t0 = performance.now();
  while (performance.now() - t0 < 180_000) {
    if (child.exitCode !== null) throw new Error(`yunqiao start exited (${child.exitCode}):\n${output.join('\n')}`);
    const ok = await call(port, 'GET', '/healthz').then((r) => r.status === 200, () => false);
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`yunqiao start was not ready:\n${output.join('\n')}`);
}

function spawnLogged(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => {
    output.push(...b.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 60));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await done;
  clearTimeout(killer);
}

let creditSerial = 0;
function creditCode(division: string): string {
  const first17 = `91${division}MA${String(++creditSerial + (process.pid % 1000) * 10_000).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

type PhaseResult = { name: string; reqPerSec: number; p50: number; p99: number; requests: number; unexpected: number; from: Date; to: Date };

/** One autocannon run: each connection walks its own agency, with an export and a failed sign-in per cycle. */
async function phase(name: string, port: number, cookie: string, targetOf: (conn: number) => number, seconds = SECONDS): Promise<PhaseResult> {
  let nextConn = 0;
  let unexpected = 0;
  let patchBody = 0;
  type Ctx = { conn?: number; n?: number; kind?: string };
  const from = new Date();
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { cookie, 'x-requested-with': 'bench' },
    requests: [
      {
        setupRequest: (req: autocannon.Request, ctx: object): autocannon.Request => {
          const context = ctx as Ctx;
          if (context.conn === undefined) {
            context.conn = nextConn++;
            context.n = 0;
          }
          context.n = (context.n ?? 0) + 1;
          const k = context.n % CYCLE;
          if (k === 13) {
            context.kind = 'export';
            return { ...req, method: 'GET', path: '/api/v1/agencies/export.xlsx', body: undefined };
          }
          if (k === 27) {
            context.kind = 'login';
            return {
              ...req,
              method: 'POST',
              path: '/api/v1/auth/login',
              headers: { 'content-type': 'application/json', 'x-requested-with': 'bench' },
              body: JSON.stringify({ username: `nobody-${process.pid}-${context.conn}-${context.n}-${Date.now()}`, password: 'wrong-password-1' }),
            };
          }
          context.kind = 'patch';
          return {
            ...req,
            method: 'PATCH',
            path: `/api/v1/agencies/${targetOf(context.conn)}`,
            headers: { cookie, 'x-requested-with': 'bench', 'content-type': 'application/json' },
            body: JSON.stringify({ address: `压测地址 ${++patchBody % 1000} 号` }),
          };
        },
        onResponse: (status: number, _body: string, ctx: object) => {
          const expected = (ctx as Ctx).kind === 'login' ? 401 : 200;
          if (status !== expected) unexpected++;
        },
      },
    ],
  });
  const to = new Date();
  return {
    name,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    unexpected: unexpected + result.errors + result.timeouts,
    from,
    to,
  };
}

export const benchmark: Benchmark = {
  name: 'audit',
  description: `audited PATCH /agencies/{id} under ${CONNECTIONS} connections: one county vs 8 counties vs audit insert made a no-op (${ROUNDS}×${SECONDS} s each)`,
  async run(log) {
    const dataDir = tempDir('yq-bench-audit-');
    const children: ChildProcess[] = [];
    let owner: pg.Client | null = null;
    try {
      const port = await freePort();
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', YUNQIAO_DATA_DIR: dataDir, LOG_LEVEL: 'warn', YUNQIAO_DEMO: '1' };
      delete env.DATABASE_URL;
      delete env.DATABASE_OWNER_URL;
      // the HTTP server runs no workers; a `yunqiao worker` process beside it runs the jobs and the
      // audit appender, as a deployment with separate worker instances does
      const server = spawnLogged(['bin/yunqiao.mjs', 'start'], { ...env, YUNQIAO_WORKERS: '0' });
      children.push(server.child);
      await waitReady(port, server.child, server.output);
      log(`server ready on :${port} (embedded PostgreSQL in ${dataDir})`);

      const emb = await startEmbedded(dataDir); // finds the server's postmaster, starts nothing
      owner = new pg.Client(emb.ownerUrl);
      await owner.connect();
      const db = owner;
      const appender = (await db.query(`select to_regclass('public.audit_pending') is not null as yes`)).rows[0]?.yes === true;
      const auditTable = appender ? 'audit_entries' : 'audit_log';
      log(appender ? 'design: entries + pending queue + appender (in a `yunqiao worker` process)' : 'design: inline chain (advisory lock per division)');
      if (appender) {
        const app = spawnLogged(['bin/yunqiao.mjs', 'worker'], env);
        children.push(app.child);
        await sleep(1500);
        if (app.child.exitCode !== null) throw new Error(`appender exited:\n${app.output.join('\n')}`);
      }

      const login = await call(port, 'POST', '/api/v1/auth/login', { username: 'prov', password: DEMO_PASSWORD });
      if (login.status !== 200 || !login.cookie) throw new Error(`prov sign-in failed: ${login.status} ${login.body}`);
      const cookie = login.cookie;

      // 32 agencies in each of 8 counties
      const ids = new Map<string, number[]>(COUNTIES.map((c) => [c, []]));
      const jobs = COUNTIES.flatMap((c) => Array.from({ length: PER_COUNTY }, (_, i) => ({ c, i })));
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let job = jobs.shift(); job; job = jobs.shift()) {
            const r = await call(port, 'POST', '/api/v1/agencies', {
              name: `压测人力资源服务机构 ${job.c}-${job.i}`,
              kind: 'commercial',
              licenceNo: `BENCH-${job.c}-${job.i}`,
              creditCode: creditCode(job.c),
              divisionCode: job.c,
              address: '压测地址 1 号',
              responsiblePerson: '压测负责人',
              responsiblePhone: `139${String(job.i).padStart(8, '0')}`,
            }, cookie);
            if (r.status !== 201) throw new Error(`agency create failed: ${r.status} ${r.body}`);
            ids.get(job.c)?.push((JSON.parse(r.body) as { id: number }).id);
          }
        }),
      );
      log(`seeded ${COUNTIES.length * PER_COUNTY} agencies in ${COUNTIES.length} counties in ${(performance.now() - t0).toFixed(0)} ms`);
      const oneCounty = ids.get(COUNTIES[0] as string) as number[];
      const one = (conn: number) => oneCounty[conn % oneCounty.length] as number;
      const spread = (conn: number) => (ids.get(COUNTIES[conn % COUNTIES.length] as string) as number[])[Math.floor(conn / COUNTIES.length) % PER_COUNTY] as number;

      const drain = async () => {
        if (!appender) return;
        for (let i = 0; i < 300; i++) {
          const n = (await db.query('select count(*)::int as n from audit_pending')).rows[0]?.n as number;
          if (n === 0) return;
          await sleep(100);
        }
        throw new Error('the appender did not drain the pending queue within 30 s');
      };
      const skipAudit = async (on: boolean) => {
        if (on) {
          await db.query(`CREATE OR REPLACE FUNCTION bench_skip_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`);
          await db.query(`CREATE TRIGGER bench_skip_audit BEFORE INSERT ON ${auditTable} FOR EACH ROW EXECUTE FUNCTION bench_skip_audit()`);
        } else {
          await db.query(`DROP TRIGGER IF EXISTS bench_skip_audit ON ${auditTable}`);
        }
      };
      const lags: number[] = [];
      const collectLag = async (p: PhaseResult) => {
        if (!appender) return;
        const r = await db.query(
          `select extract(epoch from c.linked_at - e.at) * 1000 as ms
             from audit_entries e join audit_chain c on c.division_code = e.division_code and c.entry_id = e.id
            where e.at >= $1 and e.at <= $2`,
          [p.from, p.to],
        );
        for (const row of r.rows as { ms: string }[]) lags.push(Number(row.ms));
      };

      log(`warm-up: ${Math.min(5, SECONDS)} s spread`);
      await phase('warmup', port, cookie, spread, Math.min(5, SECONDS)).then(drain);

      const results: PhaseResult[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, target] of [['one_county', one], ['spread', spread], ['no_audit', one]] as const) {
          if (name === 'no_audit') await skipAudit(true);
          let p: PhaseResult;
          try {
            p = await phase(name, port, cookie, target);
          } finally {
            if (name === 'no_audit') await skipAudit(false);
          }
          await drain();
          await collectLag(p);
          results.push(p);
          log(`round ${round + 1} ${name.padEnd(10)} ${p.reqPerSec.toFixed(0).padStart(5)} req/s  p50 ${p.p50} ms  p99 ${p.p99} ms  (${p.requests} requests, ${p.unexpected} unexpected)`);
          await sleep(1000);
        }
      }

      const verify = await promisify(execFile)(process.execPath, ['bin/yunqiao.mjs', 'audit', 'verify'], { cwd: ROOT, env, timeout: 300_000 }).then(
        (r) => ({ code: 0, out: r.stdout.trim() }),
        (e: { code?: number; stderr?: string }) => ({ code: typeof e.code === 'number' ? e.code : 1, out: e.stderr ?? '' }),
      );
      log(`yunqiao audit verify: exit ${verify.code} ${verify.out.split('\n').slice(0, 3).join(' | ')}`);

      const of = (name: string) => results.filter((r) => r.name === name);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      const stat = (name: string) => ({
        rps: Math.round(mean(of(name).map((r) => r.reqPerSec))),
        p50: Math.round(mean(of(name).map((r) => r.p50)) * 10) / 10,
        p99: Math.round(mean(of(name).map((r) => r.p99)) * 10) / 10,
        unexpected: of(name).reduce((a, r) => a + r.unexpected, 0),
      });
      const a = stat('one_county');
      const b = stat('spread');
      const c = stat('no_audit');
      const pct = (q: number) => {
        const s = [...lags].sort((x, y) => x - y);
        return s.length ? Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] as number) * 10) / 10 : 0;
      };
      const design = appender ? 'appender' : 'inline-lock';
      const metrics: Metric[] = [
        { metric: `one_county_req_s[${design}]`, value: a.rps, unit: 'req/s', baseline: b.rps, baselineOf: 'same load spread over 8 counties' },
        { metric: `spread_req_s[${design}]`, value: b.rps, unit: 'req/s', baseline: c.rps, baselineOf: 'one county, audit insert a no-op' },
        { metric: `one_county_p50_ms[${design}]`, value: a.p50, unit: 'ms', baseline: b.p50, baselineOf: 'spread over 8 counties' },
        { metric: `one_county_p99_ms[${design}]`, value: a.p99, unit: 'ms', baseline: b.p99, baselineOf: 'spread over 8 counties' },
        { metric: `spread_p50_ms[${design}]`, value: b.p50, unit: 'ms', baseline: c.p50, baselineOf: 'audit insert a no-op' },
        { metric: `spread_p99_ms[${design}]`, value: b.p99, unit: 'ms', baseline: c.p99, baselineOf: 'audit insert a no-op' },
        { metric: `no_audit_req_s[${design}]`, value: c.rps, unit: 'req/s' },
        { metric: `unexpected_responses[${design}]`, value: a.unexpected + b.unexpected + c.unexpected, unit: 'responses (all phases)' },
        { metric: `verify_exit_code[${design}]`, value: verify.code, unit: 'exit code' },
      ];
      if (appender) {
        metrics.push(
          { metric: 'appender_lag_p50_ms', value: pct(0.5), unit: `ms (${lags.length} entries)` },
          { metric: 'appender_lag_p99_ms', value: pct(0.99), unit: `ms (${lags.length} entries)` },
          { metric: 'appender_lag_max_ms', value: pct(1), unit: 'ms' },
        );
      }
      log(`medians of rounds: one county ${median(of('one_county').map((r) => r.reqPerSec)).toFixed(0)}, spread ${median(of('spread').map((r) => r.reqPerSec)).toFixed(0)}, no audit ${median(of('no_audit').map((r) => r.reqPerSec)).toFixed(0)} req/s`);
      return metrics;
    } finally {
      await owner?.end().catch(() => {});
      for (const child of children.reverse()) await stop(child);
      await sleep(500);
      if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
