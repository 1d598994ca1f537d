// One transaction per command: a 4xx or a crash inside leaves nothing half-written.
import type { Transaction } from 'kysely';
import type { Database } from './connection.ts';
import type { DB } from './types.ts';

export type Tx = Transaction<DB>;
/** Either the database or an open transaction: repository functions accept both. */
export type Executor = Database | Tx;

export function inTransaction<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
