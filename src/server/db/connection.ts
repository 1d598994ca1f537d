// One pg pool and one Kysely instance per process. pg is used with unnamed statements only
// (pooler-safe: PgBouncer in transaction mode).
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './types.ts';

/**
 * int8 → number (decision 0010): ids are bigint identities far below 2^53, also with Citus's
 * per-node ranges, and stay JSON numbers in the API. A value beyond 2^53 − 1 would round silently,
 * so it is refused with an error naming the value instead.
 */
export function parseInt8(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${v} exceeds 2^53 - 1 and cannot be represented exactly`);
  return n;
}
// Set on our pools, not on pg's global parsers, so importing this module changes no other pg
// user's results (pg-boss's own pool, plain clients in tests, whatever ran before in the process).
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
