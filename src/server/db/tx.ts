// Transactions are opened by platform/command.ts (one per command: a 4xx or a crash inside
// leaves nothing half-written); repositories accept either the database or an open transaction.
import type { Transaction } from 'kysely';
import type { Database } from './connection.ts';
import type { DB } from './types.ts';

export type Tx = Transaction<DB>;
/** Either the database or an open transaction: repository functions accept both. */
export type Executor = Database | Tx;
