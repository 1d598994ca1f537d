// A `yunqiao start` process for a benchmark: a fresh data directory (embedded PostgreSQL, demo
// data), started with the environment given, ready when /healthz answers 200; plain HTTP calls.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, sleep } from './lib.ts';

const ROOT = join(import.meta.dirname, '..');

export type Reply = { status: number; body: string; cookie: string | null; ms: number };

/** One request; `cookie` is the `yq_sid=…` pair the answer set, if any; `ms` its round trip. */
export function call(port: number, method: string, path: string, body?: unknown, cookie?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const t0 = performance.now();
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
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), cookie: set ? (set.split(';')[0] ?? null) : null, ms: performance.now() - t0 });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export type Server = { port: number; dataDir: string; child: ChildProcess; output: string[]; env: NodeJS.ProcessEnv; stop(): Promise<void> };

/** Starts `yunqiao start` on a fresh embedded PostgreSQL with `extra` environment; waits for /healthz. */
export async function startServer(prefix: string, extra: NodeJS.ProcessEnv): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o711); // as root the embedded PostgreSQL runs as the postgres user
  const dataDir = realpathSync(dir);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', YUNQIAO_DATA_DIR: dataDir, LOG_LEVEL: 'warn', YUNQIAO_DEMO: '1', ...extra };
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;
  const output: string[] = [];
  const child = spawn(process.execPath, ['bin/yunqiao.mjs', 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => {
    output.push(...b.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 60));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await done;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const t0 = performance.now();
  while (performance.now() - t0 < 180_000) {
    if (child.exitCode !== null) throw new Error(`yunqiao start exited (${child.exitCode}):\n${output.join('\n')}`);
    if (await call(port, 'GET', '/healthz').then((r) => r.status === 200, () => false)) return { port, dataDir, child, output, env, stop };
    await sleep(50);
  }
  await stop();
  throw new Error(`yunqiao start was not ready:\n${output.join('\n')}`);
}

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
};
