// One way to write: `command(deps, caller, fn)` opens a transaction — or joins the one `deps.db`
// already is, so a service may call another module's service inside its own command and both
// commit or roll back as one — runs `fn`, then appends the audit entries `fn` collected, last, in
// the same transaction. Outbox messages are queued in it too. A 4xx thrown anywhere inside leaves
// nothing written: no change, no audit row, no message.
import type { OperationNodeSource } from 'kysely';
import type { Deps, OutboxMessage } from '../deps.ts';
import type { Tx } from '../db/tx.ts';
import type { AuditEntry, AuditWho } from './audit.ts';

/** Who runs a command: the audit entries' actor and request. */
export type Caller = AuditWho;

export const SYSTEM_CALLER: Caller = { actor: null, ctx: null };

export type CommandContext = {
  /** The open transaction: pass it to repositories. */
  tx: Tx;
  /** `deps` with `db` set to the transaction: pass it to another module's service to join it. */
  deps: Deps;
  /** Collects an audit entry; entries are written when `fn` has returned, before COMMIT. */
  audit(entry: AuditEntry): void;
  /** Queues a message to the outside (outbox row + delivery job) in this transaction. */
  send(message: OutboxMessage): Promise<void>;
  /** Queues many messages at once (multi-row statements), in this transaction; returns how many were new. */
  sendMany(messages: readonly OutboxMessage[]): Promise<number>;
};

/**
 * Runs `fn` as one command. Returns what `fn` returns; rethrows what it throws (after rollback
 * when this call opened the transaction). Nested calls append their own entries in the outer
 * transaction.
 */
export async function command<T>(deps: Deps, caller: Caller, fn: (c: CommandContext) => Promise<T>): Promise<T> {
  const run = async (tx: Tx): Promise<T> => {
    const entries: AuditEntry[] = [];
    const inner: Deps = { ...deps, db: tx };
    const result = await fn({
      tx,
      deps: inner,
      audit: (entry) => {
        entries.push(entry);
      },
      send: (message) => deps.hooks.enqueue(tx, message),
      sendMany: (messages) => deps.hooks.enqueueMany(tx, messages),
    });
    if (entries.length) await deps.hooks.audit(tx, caller, entries);
    return result;
  };
  return deps.db.isTransaction ? run(deps.db as Tx) : deps.db.transaction().execute(run);
}

/** An audit entry on its own (a refusal, a failed sign-in, an audited read): a command that only audits. */
export function audit(deps: Deps, caller: Caller, entry: AuditEntry): Promise<void> {
  return command(deps, caller, async (c) => c.audit(entry));
}

/**
 * A command that is one INSERT and its audit entry, sent as one statement (decision 0032): `write`
 * (an INSERT … RETURNING division_code, id, not executed: a repository's query) runs with the entry
 * of each row it returns (targetId: that row's id) — one round trip, no BEGIN/COMMIT, atomic as any
 * statement; inside an open command it joins its transaction. For commands with more to do (an
 * outbox message, a second write) use `command`. The target must not be personal. Returns the rows
 * the insert returned (none, e.g. ON CONFLICT DO NOTHING: nothing written, no entry).
 */
export function auditedInsert(deps: Deps, caller: Caller, write: OperationNodeSource, entry: Omit<AuditEntry, 'targetId'>): Promise<{ division_code: string; id: number }[]> {
  return deps.hooks.auditInsert(deps.db, caller, write, entry);
}
