// Opening the database for a process: the embedded PostgreSQL when DATABASE_URL is unset, else
// the configured server. The owner migrates (schema, pg-boss, grants, reference data); the
// application then connects as the restricted role (embedded) or as DATABASE_URL says.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { JobContract } from '../jobs/contract.ts';
import { connect, type DatabaseHandle, pgTypes } from './connection.ts';
import { startEmbedded } from './embedded.ts';
import { grantApplicationRole, installQueues, migrateToLatest } from './migrate.ts';
import type { DB } from './types.ts';

export type OpenedDatabase = DatabaseHandle & {
  ownerUrl: string;
  appUrl: string;
  embedded: boolean;
  /** Closes the pool, then stops the embedded PostgreSQL if this process started it. */
  shutdown: () => Promise<void>;
};

export type PrepareResult = { migrations: string[]; reference: Record<string, number> };

/** What preparing needs from the modules, handed in by the composition root. */
export type PrepareHooks = {
  /** Every job contract: one queue each, created or updated with its options. */
  queues: readonly JobContract[];
  /** Reference-data loaders, in order (each idempotent). */
  referenceData: ReadonlyArray<(owner: Kysely<DB>, config: Config) => Promise<Record<string, number>>>;
};

/** Migrates and loads reference data as the owner. Safe to run from several processes at once. */
export async function prepareDatabase(ownerUrl: string, config: Config, hooks: PrepareHooks): Promise<PrepareResult> {
  const pool = new pg.Pool({ connectionString: ownerUrl, types: pgTypes, max: 2 });
  // an idle connection the server ends (a restart, a terminated backend) must not crash the process
  pool.on('error', () => {});
  const owner = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    const version = await sql<{ v: number }>`select current_setting('server_version_num')::int as v`.execute(owner);
    const v = version.rows[0]?.v ?? 0;
    if (v < 150000) throw new Error(`PostgreSQL ${Math.floor(v / 10000)} is too old: yunqiao needs PostgreSQL 15 or newer`);
    const migrations = await migrateToLatest(owner as Kysely<unknown>);
    await installQueues(ownerUrl, hooks.queues);
    await grantApplicationRole(owner as Kysely<unknown>);
    const reference: Record<string, number> = {};
    for (const load of hooks.referenceData) Object.assign(reference, await load(owner, config));
    return { migrations, reference };
  } finally {
    await owner.destroy();
  }
}

function appRolePassword(dataDir: string): string {
  const file = join(dataDir, 'app-password');
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function enableAppLogin(ownerUrl: string, password: string): Promise<void> {
  const client = new pg.Client(ownerUrl);
  await client.connect();
  try {
    // ALTER ROLE takes no bind parameters: quote the literal with the server's own function.
    const { rows } = await client.query<{ q: string }>('select quote_literal($1) as q', [password]);
    await client.query(`ALTER ROLE yunqiao_app WITH LOGIN PASSWORD ${rows[0]?.q}`);
  } finally {
    await client.end();
  }
}

export async function openDatabase(
  config: Config,
  hooks: PrepareHooks,
  opts: { log?: (line: string) => void; poolSize?: number; prepare?: boolean } = {},
): Promise<OpenedDatabase & { prepared: PrepareResult | null }> {
  const log = opts.log ?? (() => {});
  let ownerUrl: string;
  let appUrl: string;
  let stopEmbedded = async () => {};
  if (config.databaseUrl) {
    ownerUrl = config.databaseOwnerUrl ?? config.databaseUrl;
    appUrl = config.databaseUrl;
  } else {
    const emb = await startEmbedded(config.dataDir, log, { pgHome: config.pgHome });
    ownerUrl = emb.ownerUrl;
    stopEmbedded = emb.stop;
    const password = appRolePassword(config.dataDir);
    const u = new URL(emb.ownerUrl);
    u.username = 'yunqiao_app';
    u.password = password;
    appUrl = u.toString();
    if (opts.prepare !== false) {
      // role must exist (first migration) before it can log in
      const prepared = await prepareDatabase(ownerUrl, config, hooks);
      await enableAppLogin(ownerUrl, password);
      const handle = connect(appUrl, { max: opts.poolSize });
      return wrap(handle, prepared);
    }
  }
  const prepared = opts.prepare === false ? null : await prepareDatabase(ownerUrl, config, hooks);
  const handle = connect(appUrl, { max: opts.poolSize });
  return wrap(handle, prepared);

  function wrap(handle: DatabaseHandle, prepared: PrepareResult | null) {
    return {
      ...handle,
      ownerUrl,
      appUrl,
      embedded: !config.databaseUrl,
      prepared,
      shutdown: async () => {
        await handle.close();
        if (!config.databaseUrl) await untilClientsGone(ownerUrl, 2_000);
        await stopEmbedded();
      },
    };
  }
}

/**
 * Waits (at most `timeoutMs`) until no other client backend is connected: a pool's end() returns
 * once it has sent its connections' Terminate messages, not when their backends have exited, and
 * a PostgreSQL stopped in that gap ends them with "terminating connection due to administrator
 * command" in the log (test/cli/first-run-anywhere.test.ts asserts a clean stop).
 */
async function untilClientsGone(ownerUrl: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client(ownerUrl);
  try {
    await client.connect();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()",
      );
      if (!rows[0]?.n) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  } catch {
    // the database is going anyway: stopping it is what matters
  } finally {
    await client.end().catch(() => {});
  }
}

/** A quick readiness probe: the database answers and the latest migration is applied. */
export async function isMigrated(db: Kysely<DB>): Promise<boolean> {
  try {
    const r = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(db);
    return (r.rows[0]?.n ?? 0) > 0;
  } catch {
    return false;
  }
}
