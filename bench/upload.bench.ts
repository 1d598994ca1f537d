// `upload`: hostile spreadsheets against everyone else's latency and the server's memory.
// `yunqiao start` runs as a separate process on a fresh embedded PostgreSQL with the demo data.
// Two files are uploaded to POST /api/v1/agencies/{id}/staff/import as agency-wh's administrator:
//   styled   a roster "formatted to the bottom": 3 real rows, then styled empty rows down to row
//            1,048,576 (test/fixtures/cases/11-make-styled-empty-rows.py 1048572 … 2, ~8 MB zipped)
//   sstring  a roster whose shared-strings part inflates to BENCH_UPLOAD_SST_MB (300) MiB
//            (~300 KB zipped)
// Meanwhile the county official `wh` asks for the agency list (GET /api/v1/agencies) with
// BENCH_UPLOAD_CLIENTS (4) connections, one request after another. Phases:
//   quiet     the list alone (BENCH_UPLOAD_QUIET requests)
//   serial    styled, sstring, styled, sstring uploaded one after another
//   three     styled, sstring and styled uploaded at once
// Reported: the list's p50/p99 per phase, list requests that failed (non-200 or no answer), each
// upload's status and time, and the server process's peak RSS (VmHWM, /proc). Targets (issue 6):
// p99 ≤ 300 ms and RSS < 512 MB while uploading, no failed list request.
// With BENCH_UPLOAD_BASELINE=/path/to/another/checkout the same phases run first against that
// checkout's server (its `node_modules` must be installed) and its figures are the baseline.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEMO_PASSWORD } from '../src/server/seed/demo.ts';
import { hugeSharedString, rawWorkbook, rowXml } from '../test/helpers/zip.ts';
import { type Benchmark, freePort, median, type Metric, sleep } from './lib.ts';

const ROOT = join(import.meta.dirname, '..');
const CLIENTS = Number(process.env.BENCH_UPLOAD_CLIENTS ?? 4);
const QUIET = Number(process.env.BENCH_UPLOAD_QUIET ?? 400);
const SST_MB = Number(process.env.BENCH_UPLOAD_SST_MB ?? 300);
const UPLOAD_TIMEOUT = 180_000;
const LIST_TIMEOUT = 30_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Res = { status: number; body: string; cookie: string | null; ms: number };

function call(port: number, method: string, path: string, opts: { json?: unknown; file?: Buffer; cookie?: string; timeout?: number } = {}): Promise<Res> {
  return new Promise((resolve) => {
    const payload = opts.file ?? (opts.json === undefined ? undefined : Buffer.from(JSON.stringify(opts.json)));
    const t0 = performance.now();
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          'x-requested-with': 'bench',
          ...(payload ? { 'content-type': opts.file ? XLSX : 'application/json', 'content-length': payload.length } : {}),
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const set = res.headers['set-cookie']?.find((c) => c.startsWith('yq_sid='));
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), cookie: set ? (set.split(';')[0] ?? null) : null, ms: performance.now() - t0 });
        });
        res.on('error', () => resolve({ status: 0, body: 'response error', cookie: null, ms: performance.now() - t0 }));
      },
    );
    req.setTimeout(opts.timeout ?? LIST_TIMEOUT, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, body: String(e.message), cookie: null, ms: performance.now() - t0 }));
    if (payload) req.write(payload);
    req.end();
  });
}

function rssOf(pid: number): { rss: number; hwm: number } {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

const p = (xs: number[], q: number) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] as number;
};

async function files(dir: string): Promise<{ styled: Buffer; sstring: Buffer }> {
  const styledPath = join(dir, 'styled.xlsx');
  execFileSync('python3', [join(ROOT, 'test/fixtures/cases/11-make-styled-empty-rows.py'), '1048572', styledPath, '2']);
  const sstring = await rawWorkbook(
    [{ name: '花名册', rows: [rowXml(1, ['姓名', '手机号', '身份证号', '岗位']), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'] }],
    hugeSharedString(SST_MB),
  );
  return { styled: readFileSync(styledPath), sstring };
}

type PhaseFigures = { p50: number; p99: number; lists: number; failed: number; uploads: { what: string; status: number; ms: number; body: string }[] };

/** Runs list requests on CLIENTS connections until `work` settles (or `count` requests when given). */
async function listLoad(port: number, cookie: string, work: Promise<unknown> | null, count = 0): Promise<{ ms: number[]; failed: number }> {
  const ms: number[] = [];
  let failed = 0;
  let done = false;
  void work?.finally(() => {
    done = true;
  });
  let issued = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (work ? !done : issued < count) {
        issued++;
        const r = await call(port, 'GET', '/api/v1/agencies', { cookie });
        if (r.status === 200) ms.push(r.ms);
        else {
          failed++;
          ms.push(r.ms);
          if (r.status === 0) await sleep(200); // server gone: do not spin
        }
      }
    }),
  );
  return { ms, failed };
}

async function runAgainst(root: string, log: (line: string) => void, label: string, bodies: { styled: Buffer; sstring: Buffer }): Promise<{ quiet: PhaseFigures; serial: PhaseFigures; three: PhaseFigures; peakRss: number; alive: boolean }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yq-bench-upload-'));
  chmodSync(dataDir, 0o711);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', YUNQIAO_DATA_DIR: realpathSync(dataDir), LOG_LEVEL: 'warn', YUNQIAO_DEMO: '1' };
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['bin/yunqiao.mjs', 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => {
    output.push(...b.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let peakRss = 0;
  const sampler = setInterval(() => {
    if (child.pid) peakRss = Math.max(peakRss, rssOf(child.pid).hwm);
  }, 50);
  try {
    const t0 = performance.now();
    while (!(await call(port, 'GET', '/healthz', { timeout: 2000 }).then((r) => r.status === 200))) {
      if (child.exitCode !== null) throw new Error(`server exited:\n${output.join('\n')}`);
      if (performance.now() - t0 > 180_000) throw new Error(`server not ready:\n${output.join('\n')}`);
      await sleep(100);
    }
    const wh = await call(port, 'POST', '/api/v1/auth/login', { json: { username: 'wh', password: DEMO_PASSWORD } });
    const admin = await call(port, 'POST', '/api/v1/auth/login', { json: { username: 'agency-wh', password: DEMO_PASSWORD } });
    if (!wh.cookie || !admin.cookie) throw new Error(`sign-in failed: ${wh.status} ${admin.status}`);
    const agencyId = JSON.parse((await call(port, 'GET', '/api/v1/me', { cookie: admin.cookie })).body).agencyId as number;
    const upload = async (what: 'styled' | 'sstring') => {
      const r = await call(port, 'POST', `/api/v1/agencies/${agencyId}/staff/import`, { file: bodies[what], cookie: admin.cookie as string, timeout: UPLOAD_TIMEOUT });
      return { what, status: r.status, ms: Math.round(r.ms), body: r.body.slice(0, 160) };
    };
    const figures = (load: { ms: number[]; failed: number }, uploads: PhaseFigures['uploads']): PhaseFigures => ({
      p50: Math.round(median(load.ms)),
      p99: Math.round(p(load.ms, 0.99)),
      lists: load.ms.length,
      failed: load.failed,
      uploads,
    });

    await listLoad(port, wh.cookie, null, 50); // warm-up
    const quiet = figures(await listLoad(port, wh.cookie, null, QUIET), []);
    log(`${label} quiet: list p50 ${quiet.p50} ms, p99 ${quiet.p99} ms over ${quiet.lists}`);

    const serialUploads: PhaseFigures['uploads'] = [];
    const serialWork = (async () => {
      for (const what of ['styled', 'sstring', 'styled', 'sstring'] as const) serialUploads.push(await upload(what));
    })();
    const serial = figures(await listLoad(port, wh.cookie, serialWork), serialUploads);
    log(`${label} serial: list p50 ${serial.p50} ms, p99 ${serial.p99} ms over ${serial.lists}, failed ${serial.failed}; uploads ${serialUploads.map((u) => `${u.what} ${u.status} in ${u.ms} ms`).join(', ')}`);

    const threeUploads: PhaseFigures['uploads'] = [];
    const threeWork = Promise.all((['styled', 'sstring', 'styled'] as const).map(async (what) => threeUploads.push(await upload(what))));
    const three = figures(await listLoad(port, wh.cookie, threeWork), threeUploads);
    log(`${label} three at once: list p50 ${three.p50} ms, p99 ${three.p99} ms over ${three.lists}, failed ${three.failed}; uploads ${threeUploads.map((u) => `${u.what} ${u.status} in ${u.ms} ms`).join(', ')}`);
    for (const u of [...serialUploads, ...threeUploads]) log(`${label} ${u.what} → ${u.status}: ${u.body}`);
    log(`${label} peak RSS ${Math.round(peakRss)} MB; server ${child.exitCode === null ? 'alive' : `exited ${child.exitCode}`}`);
    return { quiet, serial, three, peakRss: Math.round(peakRss), alive: child.exitCode === null };
  } finally {
    clearInterval(sampler);
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'upload',
  description: 'agency list latency and server RSS while a 1,048,576-row styled sheet and a 300 MiB shared-string sheet are uploaded (one by one, then three at once)',
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'yq-upload-files-'));
    try {
      const bodies = await files(dir);
      log(`styled sheet ${(bodies.styled.length / 1e6).toFixed(1)} MB, shared-string sheet ${(bodies.sstring.length / 1e6).toFixed(2)} MB (inflates to ${SST_MB} MiB)`);
      const baseRoot = process.env.BENCH_UPLOAD_BASELINE;
      const base = baseRoot ? await runAgainst(baseRoot, log, 'baseline', bodies) : null;
      const now = await runAgainst(ROOT, log, 'this', bodies);
      // BENCH_UPLOAD_BASELINE_COMMIT=<commit>: the baseline is that commit's latest recorded figures
      const baseCommit = process.env.BENCH_UPLOAD_BASELINE_COMMIT;
      const recorded = new Map<string, number>();
      if (baseCommit && !baseRoot) {
        for (const line of readFileSync(join(ROOT, 'bench/results/upload.jsonl'), 'utf8').split('\n').filter(Boolean)) {
          const r = JSON.parse(line) as { metric: string; value: number; commit: string };
          if (r.commit === baseCommit) recorded.set(r.metric, r.value);
        }
      }
      const of = baseRoot ? `the same phases on ${baseRoot}` : recorded.size ? `recorded for ${baseCommit}` : undefined;
      const m = (metric: string, value: number, unit: string, baseline?: number): Metric => ({ metric, value, unit, baseline: baseline ?? recorded.get(metric) ?? null, baselineOf: of });
      const ok = (ph: PhaseFigures) => ph.uploads.filter((u) => u.status >= 200 && u.status < 500 && u.status !== 0).length;
      return [
        m('list_p99_quiet', now.quiet.p99, 'ms', base?.quiet.p99),
        m('list_p99_serial_uploads', now.serial.p99, 'ms', base?.serial.p99),
        m('list_p99_three_uploads', now.three.p99, 'ms', base?.three.p99),
        m('list_p50_three_uploads', now.three.p50, 'ms', base?.three.p50),
        m('list_failed', now.serial.failed + now.three.failed, 'requests', base ? base.serial.failed + base.three.failed : undefined),
        m('uploads_answered', ok(now.serial) + ok(now.three), 'of 7', base ? ok(base.serial) + ok(base.three) : undefined),
        m('upload_styled_ms', now.serial.uploads[0]?.ms ?? Number.NaN, 'ms', base?.serial.uploads[0]?.ms),
        m('upload_sstring_ms', now.serial.uploads[1]?.ms ?? Number.NaN, 'ms', base?.serial.uploads[1]?.ms),
        m('peak_rss', now.peakRss, 'MB', base?.peakRss),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
