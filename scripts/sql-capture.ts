// Compiles repository functions to SQL without a database (scripts/gen-sql.ts, decision 0011):
// a Kysely instance on PostgreSQL's adapter and compiler whose fake driver records every
// statement it is asked to run — builders, `sql` raw queries, begin/commit/rollback and
// savepoints alike, in order — and answers each with the rows its case configured (default none).
// Also the types the `*.sql-cases.ts` files beside the repositories are written against, and the
// example scopes, keys and dates they share.
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { Database } from '../src/server/db/connection.ts';
import type { AgencyScope, EmployerScope, OfficialScope, ScopedKey, SeekerScope, StaffScope, SystemScope } from '../src/server/db/scope.ts';

/** One statement a function ran: the SQL PostgreSQL would receive and its parameters. */
export type CapturedStatement = { sql: string; parameters: readonly unknown[] };

/** What the fake database answers: `rows[i]` for the i-th statement recorded (0-based), else no rows. */
export type CaseRows = readonly (readonly Record<string, unknown>[])[];

type AnyFunction = (...args: never[]) => unknown;

/** One named example call of a repository function. */
export type SqlCase<F extends AnyFunction> = {
  /** Shown in the snapshot after the function's name: say what the case varies. */
  name: string;
  /** The arguments, given the capturing database (pass it where the function takes an Executor). */
  args: (db: Database) => Parameters<F>;
  /** Rows for statements whose result the function needs to go on (insert … returning, then another insert). */
  rows?: CaseRows;
};

/**
 * The cases of one repository file: every exported function by name, each with one case or more.
 * `SqlCases<typeof repo>` (with `import type * as repo from './x.ts'`) makes tsc reject a missing
 * function, a name the file does not export, and arguments of the wrong shape.
 */
export type SqlCases<M> = {
  [K in keyof M as M[K] extends AnyFunction ? K : never]: M[K] extends AnyFunction ? readonly [SqlCase<M[K]>, ...SqlCase<M[K]>[]] : never;
};

/** A capturing Kysely instance and the statements it has recorded so far. */
export function capturingDb(rows: CaseRows = []): { db: Database; statements: CapturedStatement[] } {
  const statements: CapturedStatement[] = [];
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const i = statements.length;
      statements.push({ sql: query.sql, parameters: query.parameters });
      return { rows: (rows[i] ?? []) as R[] };
    },
    async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
      yield await connection.executeQuery<R>(query);
    },
  };
  const control = async (c: DatabaseConnection, sql: string) => {
    await c.executeQuery(CompiledQuery.raw(sql));
  };
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    releaseConnection: async () => {},
    destroy: async () => {},
    // no-ops on a database that is not there, recorded so a transaction's bounds show
    beginTransaction: (c, settings: TransactionSettings) => {
      const opts = [settings.isolationLevel && `isolation level ${settings.isolationLevel}`, settings.accessMode].filter(Boolean);
      return control(c, opts.length ? `start transaction ${opts.join(' ')}` : 'begin');
    },
    commitTransaction: (c) => control(c, 'commit'),
    rollbackTransaction: (c) => control(c, 'rollback'),
    savepoint: (c, name) => control(c, `savepoint ${name}`),
    rollbackToSavepoint: (c, name) => control(c, `rollback to savepoint ${name}`),
    releaseSavepoint: (c, name) => control(c, `release savepoint ${name}`),
  };
  const db: Database = new Kysely({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createQueryCompiler: () => new PostgresQueryCompiler(),
      createIntrospector: (k) => new PostgresIntrospector(k),
    },
  });
  return { db, statements };
}

// ── shared examples for the cases files ─────────────────────────────────────────────────────────

/** Fixed instants: snapshots never depend on the clock. */
export const AT = new Date('2024-03-01T08:00:00.000Z');
export const LATER = new Date('2024-03-01T08:30:00.000Z');

/** One scope of each kind (Yunnan: 53 province, 5301 Kunming, 530102 Wuhua district). */
export const scopes = {
  province: { kind: 'official', prefixes: ['53'], grants: [] } satisfies OfficialScope,
  county: { kind: 'official', prefixes: ['530102'], grants: [] } satisfies OfficialScope,
  /** a re-coded county: its own code and its predecessor's, plus a grant on one agency beyond */
  recodedCounty: {
    kind: 'official',
    prefixes: ['530103', '530302'],
    grants: [
      { table: 'agencies', divisionCode: '530111', id: 41 },
      { table: 'employers', divisionCode: '530111', id: 52 },
    ],
  } satisfies OfficialScope,
  agency: { kind: 'agency', divisionCode: '530102', agencyId: 7, grants: [] } satisfies AgencyScope,
  staff: { kind: 'staff', divisionCode: '530102', agencyId: 7, staffId: 70, grants: [] } satisfies StaffScope,
  employer: { kind: 'employer', divisionCode: '530102', employerId: 9, grants: [{ table: 'agencies', divisionCode: '530102', id: 8 }] } satisfies EmployerScope,
  seeker: { kind: 'seeker', accountId: 301, grants: [] } satisfies SeekerScope,
  system: { kind: 'system', reason: 'nightly roll-up' } satisfies SystemScope,
};

/** A scoped key as a scoped read would have returned it (cases only: no read runs here). */
export function key<T extends string>(_table: T, divisionCode: string, id: number): ScopedKey<T> {
  return { division_code: divisionCode, id } as ScopedKey<T>;
}
