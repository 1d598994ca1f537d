// The typed dependencies every service receives: plain object, no container. What infrastructure
// needs from a module (writing audit entries, queueing outbox messages, resolving a session) is a
// hook here, filled by the composition root (src/server/runtime.ts from src/server/modules/index.ts),
// so db/, http/, jobs/ and platform/ import nothing from modules/.
import type { OperationNodeSource } from 'kysely';
import type { Logger } from 'pino';
import type { Actor } from './actor.ts';
import type { Config } from './config.ts';
import type { Database } from './db/connection.ts';
import type { Executor, Tx } from './db/tx.ts';
import type { Queue } from './jobs/queue.ts';
import type { AuditEntry, AuditWho } from './platform/audit.ts';
import type { Clock } from './platform/clock.ts';
import type { FieldCrypto } from './platform/crypto.ts';
import type { PhoneMove } from './platform/module.ts';
import type { MessageSink } from './platform/sink.ts';

/** A message to the outside as a command queues it (the channels module's outbox). */
export type OutboxMessage = {
  divisionCode: string;
  channel: 'sms' | 'wechat' | 'email' | 'inapp';
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
  /** Same key, same message: a repeat is dropped. */
  idempotency_key: string;
  /** Not delivered before this instant (a recipient's quiet hours); unset: at once. */
  deliverAfter?: Date;
};

export type Hooks = {
  /** Appends audit entries in `db`'s transaction (the audit module). */
  audit(db: Executor, who: AuditWho, entries: readonly AuditEntry[]): Promise<void>;
  /**
   * A module's INSERT … RETURNING division_code, id and the audit entry of each row it returns
   * (targetId: the row's id), as one statement in `db` (the audit module; platform/command.ts
   * `auditedInsert`). Returns the rows the insert returned.
   */
  auditInsert(db: Executor, who: AuditWho, write: OperationNodeSource, entry: Omit<AuditEntry, 'targetId'>): Promise<{ division_code: string; id: number }[]>;
  /** Writes an outbox row and its delivery job in `tx` (the channels module). */
  enqueue(tx: Tx, message: OutboxMessage): Promise<void>;
  /**
   * Writes many outbox rows and their delivery jobs in `tx`, a few statements for all of them (a
   * daily digest's batch); a repeated idempotency key is dropped. Returns how many rows were new.
   */
  enqueueMany(tx: Tx, messages: readonly OutboxMessage[]): Promise<number>;
  /** The actor behind a session token, or null (the identity module). */
  resolveSession(token: string): Promise<Actor | null>;
  /**
   * Counts one hit on each rate-limit counter of `keys` (fixed windows of `windowMs`), in one
   * statement, and returns each count with its window's end (the identity module; http/rate-limits.ts).
   */
  countHits(keys: readonly string[], now: Date, windowMs: number): Promise<Array<{ key: string; hits: number; windowEndsAt: Date }>>;
  /**
   * A person was moved to a new phone (the identity module's number change): every module that keeps
   * phones of people re-points its rows of that person (ModuleDefinition.phoneMoved), in `deps.db`'s
   * transaction — the caller's command — auditing as `who`. Returns the rows changed per module.
   */
  phoneMoved(deps: Deps, move: PhoneMove, who: AuditWho): Promise<Record<string, number>>;
};

export type Deps = {
  config: Config;
  /** The database, or inside a command the open transaction (Kysely: `db.isTransaction`). */
  db: Database;
  clock: Clock;
  crypto: FieldCrypto;
  log: Logger;
  queue: Queue;
  sink: MessageSink;
  hooks: Hooks;
};
