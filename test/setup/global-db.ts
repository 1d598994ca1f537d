// The run's databases, prepared once: a template database is migrated, loaded with reference data
// and seeded with demo data, then each vitest worker gets a database of its own cloned from it
// (CREATE DATABASE … TEMPLATE, a block copy), so files in different workers never share rows or the
// pg-boss queue. On the embedded PostgreSQL (default) the cluster is new for the run; on the server
// named by YUNQIAO_TEST_DATABASE_URL the names derive from that URL's database (test → test_template,
// test_w1, test_w2, …), dropped and recreated at the start of every run and left afterwards for
// inspection. The app under test connects as the restricted role yunqiao_app, as in production;
// tests that need owner rights ask for the owner URL explicitly (test/helpers/db.ts).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { parseConfig } from '../../src/server/config.ts';
import { startEmbedded } from '../../src/server/db/embedded.ts';
import { createRuntime } from '../../src/server/runtime.ts';
import { seedDemo } from '../../src/server/seed/demo.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Per worker (index VITEST_POOL_ID - 1): its database as yunqiao_app. */
    dbUrls: string[];
    /** Per worker: the same database as its owner. */
    ownerUrls: string[];
    dataDir: string;
    dbKind: string;
    /** The migrated, seeded template the worker databases are cloned from (test/helpers/db.ts cloneTemplate). */
    templateDb: string;
  }
}

const APP_ROLE = 'yunqiao_app';
/** On a shared server every run must agree on the (cluster-wide) role's password; a test cluster only. */
const SERVER_APP_PASSWORD = 'yunqiao-test-app';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

function urlWith(url: string, parts: { database?: string; user?: string; password?: string }): string {
  const u = new URL(url);
  if (parts.database !== undefined) u.pathname = `/${encodeURIComponent(parts.database)}`;
  if (parts.user !== undefined) u.username = encodeURIComponent(parts.user);
  if (parts.password !== undefined) u.password = encodeURIComponent(parts.password);
  return u.toString();
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  c.on('error', () => {});
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => {});
  }
}

/** yunqiao_app may log in with `password`; altered only when it cannot yet (the role is cluster-wide). */
async function ensureAppLogin(adminUrl: string, appUrl: string, password: string): Promise<void> {
  const canLogIn = await withClient(appUrl, async () => true).catch(() => false);
  if (canLogIn) return;
  await withClient(adminUrl, async (c) => {
    const { rows } = await c.query<{ q: string }>('select quote_literal($1) as q', [password]);
    for (let attempt = 1; ; attempt++) {
      try {
        await c.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN PASSWORD ${rows[0]?.q}`);
        return;
      } catch (err) {
        // another run on the same cluster altering the role at the same moment
        if (attempt >= 5 || !/tuple concurrently updated/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  });
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'yq-test-'));
  chmodSync(dataDir, 0o711); // the embedded PostgreSQL runs as the postgres user when we are root
  const external = process.env.YUNQIAO_TEST_DATABASE_URL;
  let stop = async () => {};
  let adminUrl: string;
  if (external) {
    adminUrl = external;
  } else {
    const emb = await startEmbedded(join(dataDir, 'db'));
    adminUrl = emb.ownerUrl;
    stop = emb.stop;
    // a throwaway cluster: no flushing to disk (settings a reload applies)
    await withClient(adminUrl, async (c) => {
      for (const setting of ['fsync = off', 'full_page_writes = off', 'synchronous_commit = off']) await c.query(`ALTER SYSTEM SET ${setting}`);
      await c.query('select pg_reload_conf()');
    });
  }
  const base = decodeURIComponent(new URL(adminUrl).pathname.slice(1)) || 'postgres';
  const template = `${base}_template`;
  const workers = Math.max(1, Number(project.config.maxWorkers) || availableParallelism());
  const workerDbs = Array.from({ length: workers }, (_, i) => `${base}_w${i + 1}`);

  try {
    // drop what an earlier run left (worker databases of any count), then the template anew
    await withClient(adminUrl, async (c) => {
      const { rows } = await c.query<{ datname: string }>(
        `select datname from pg_database where datname = $1 or (starts_with(datname, $2) and substr(datname, length($2) + 1) ~ '^[0-9]+$')`,
        [template, `${base}_w`],
      );
      for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${ident(datname)} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${ident(template)}`);
      await c.query(`ALTER DATABASE ${ident(template)} SET synchronous_commit = off`);
    });

    // migrations, pg-boss schema and queues, grants, reference data, demo data: once, as the owner
    const templateUrl = urlWith(adminUrl, { database: template });
    const config = parseConfig({ DATABASE_URL: templateUrl, YUNQIAO_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const rt = await createRuntime(config, { log: pino({ level: 'silent' }) });
    try {
      await seedDemo(rt.deps);
    } finally {
      await rt.close();
    }

    const password = external ? SERVER_APP_PASSWORD : randomBytes(18).toString('base64url');
    await ensureAppLogin(adminUrl, urlWith(templateUrl, { user: APP_ROLE, password }), password);

    // One database per worker, copied from the template (no one may be connected to it). WAL_LOG
    // (PostgreSQL 15+'s default) copies block by block; FILE_COPY copies files but checkpoints
    // twice per database, which made it two to three times slower for this 10 MB template.
    await withClient(adminUrl, (c) =>
      c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [template]),
    );
    await Promise.all(
      workerDbs.map((db) =>
        withClient(adminUrl, async (c) => {
          await c.query(`CREATE DATABASE ${ident(db)} TEMPLATE ${ident(template)} STRATEGY WAL_LOG`);
          // test data need not survive a crash: a commit does not wait for its WAL flush (about
          // 2.5 ms a commit on this machine's server); a database's settings are not copied
          await c.query(`ALTER DATABASE ${ident(db)} SET synchronous_commit = off`);
        }),
      ),
    );

    project.provide(
      'dbUrls',
      workerDbs.map((database) => urlWith(adminUrl, { database, user: APP_ROLE, password })),
    );
    project.provide(
      'ownerUrls',
      workerDbs.map((database) => urlWith(adminUrl, { database })),
    );
    project.provide('dataDir', dataDir);
    project.provide('dbKind', external ? 'server' : 'embedded');
    project.provide('templateDb', template);
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
  return async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
