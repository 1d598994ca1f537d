// One pg pool and one Kysely instance per process. pg is used with unnamed statements only
// (pooler-safe: PgBouncer in transaction mode).
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './types.ts';

// int8 → number: ids are bigint identities far below 2^53; count(*) is cast in SQL anyway. Set on
// our pools, not on pg's global parsers, so importing this module changes no other pg user's
// results (pg-boss's own pool, plain clients in tests, whatever ran before in the same process).
const parseInt8 = (v: string) => Number(v);
export const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format),
} as pg.CustomTypesConfig;

export type Database = Kysely<DB>;

export type DatabaseHandle = {
  db: Database;
  pool: pg.Pool;
  close: () => Promise<void>;
};

export function connect(url: string, opts: { max?: number; applicationName?: string } = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    types: pgTypes,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'yunqiao',
    // fail fast while the database is down instead of hanging requests
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client whose server went away emits 'error'; the pool drops it and reconnects later.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, close: () => db.destroy() };
}
