// Outbox rows. Queries only.
import { sql } from 'kysely';
import { type ScopedKey, type SystemScope, scopedKey } from '../../db/scope.ts';
import type { OutboxMessage } from '../../deps.ts';
import type { Executor } from '../../db/tx.ts';

export type OutboxKey = ScopedKey<'outbox'>;

/** A command's outbox message as a row: keyed by its division, stamped with the time it was queued. */
export type NewOutboxRow = Omit<OutboxMessage, 'divisionCode' | 'deliverAfter'> & { division_code: string; created_at: Date; deliver_after?: Date | null };

export async function insertOutbox(db: Executor, row: NewOutboxRow) {
  return db
    .insertInto('outbox')
    .values({ ...row, payload: JSON.stringify(row.payload) })
    .onConflict((oc) => oc.columns(['division_code', 'idempotency_key']).doNothing())
    .returning(['division_code', 'id', 'deliver_after'])
    .executeTakeFirst();
}

/**
 * Many outbox rows in one statement (the rows as one JSON document: far cheaper to send and read
 * than arrays of JSON texts), a repeated idempotency key dropped as insertOutbox drops it; returns
 * the rows written with their key and due instant.
 */
export async function insertOutboxRows(db: Executor, rows: readonly NewOutboxRow[]) {
  if (!rows.length) return [];
  const doc = rows.map((x) => ({ d: x.division_code, c: x.channel, r: x.recipient, t: x.template, p: x.payload, k: x.idempotency_key, a: x.created_at, due: x.deliver_after ?? null }));
  const r = await sql<{ division_code: string; id: number; deliver_after: Date | null }>`
    insert into outbox (division_code, channel, recipient, template, payload, idempotency_key, created_at, deliver_after)
    select t.d, t.c, t.r, t.t, t.p, t.k, t.a, t.due
      from jsonb_to_recordset(${JSON.stringify(doc)}::jsonb) as t(d text, c text, r text, t text, p jsonb, k text, a timestamptz, due timestamptz)
    on conflict (division_code, idempotency_key) do nothing
    returning division_code, id, deliver_after`.execute(db);
  return r.rows;
}

/** One outbox row by its key (the delivery worker mints it through the system scope). */
export async function findOutbox(db: Executor, key: OutboxKey) {
  return db.selectFrom('outbox').selectAll().where('division_code', '=', key.division_code).where('id', '=', key.id).executeTakeFirst();
}

/**
 * The rows of `keys` in one statement (a batch job's rows; the delivery worker mints the keys
 * through the system scope), in no particular order; unknown keys are missing from the answer.
 */
export async function findOutboxMany(db: Executor, keys: readonly OutboxKey[]) {
  if (!keys.length) return [];
  const r = await sql<{
    division_code: string;
    id: number;
    channel: string;
    recipient: string;
    template: string;
    payload: unknown;
    idempotency_key: string;
    status: string;
    created_at: Date;
    deliver_after: Date | null;
  }>`
    select o.division_code, o.id, o.channel, o.recipient, o.template, o.payload, o.idempotency_key, o.status, o.created_at, o.deliver_after
      from unnest(${keys.map((k) => k.division_code)}::text[], ${keys.map((k) => k.id)}::bigint[]) as k(d, id)
      join outbox o on o.division_code = k.d and o.id = k.id`.execute(db);
  return r.rows;
}

/** Marks the still-pending rows of `keys` delivered at `at`, one statement; returns how many. */
export async function markDeliveredMany(db: Executor, keys: readonly OutboxKey[], at: Date): Promise<number> {
  if (!keys.length) return 0;
  const r = await sql`
    update outbox o set status = 'delivered', delivered_at = ${at}, attempts = o.attempts + 1, last_error = null
      from unnest(${keys.map((k) => k.division_code)}::text[], ${keys.map((k) => k.id)}::bigint[]) as k(d, id)
     where o.division_code = k.d and o.id = k.id and o.status = 'pending'`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function markDelivered(db: Executor, key: OutboxKey, at: Date) {
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'delivered', delivered_at: at, attempts: eb('attempts', '+', 1), last_error: null }))
    .where('division_code', '=', key.division_code)
    .where('id', '=', key.id)
    .execute();
}

/** Counts a failed attempt; the one that reaches `maxAttempts` gives the message up ('failed'). */
export async function markAttemptFailed(db: Executor, key: OutboxKey, error: string, maxAttempts: number) {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 500),
      status: eb.case().when('attempts', '>=', maxAttempts - 1).then('failed').else(eb.ref('status')).end(),
    }))
    .where('division_code', '=', key.division_code)
    .where('id', '=', key.id)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Pending rows that fell due before `before` (written then, or due then after quiet hours): their
 * job was lost or gave up; the sweeper re-sends them. Earliest due first.
 */
export async function stalePending(db: Executor, _scope: SystemScope, before: Date, limit: number) {
  const due = sql<Date>`coalesce(deliver_after, created_at)`;
  const rows = await db
    .selectFrom('outbox')
    .select(['division_code', 'id'])
    .where('status', '=', 'pending')
    .where(due, '<', before)
    .orderBy(due)
    .limit(limit)
    .execute();
  return rows.map((r) => scopedKey('outbox', r));
}

export async function pendingCount(db: Executor, _scope: SystemScope): Promise<number> {
  const r = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Messages sent to any of `recipients` (phone numbers) in every division, for personal-data requests. */
export async function messagesTo(db: Executor, _scope: SystemScope, recipients: readonly string[]) {
  if (!recipients.length) return [];
  return db
    .selectFrom('outbox')
    .select(['division_code', 'id', 'channel', 'template', 'status', 'created_at', 'delivered_at'])
    .where('recipient', 'in', recipients)
    .orderBy('created_at')
    .execute();
}

/** Erases the recipient and payload of messages no longer pending (PIPL art. 47); the row stays for counts. */
export async function eraseMessagesTo(db: Executor, _scope: SystemScope, recipients: readonly string[]) {
  if (!recipients.length) return 0;
  const r = await db
    .updateTable('outbox')
    .set({ recipient: 'erased', payload: '{}' })
    .where('recipient', 'in', recipients)
    .where('status', '<>', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes the messages of one division with these idempotency keys (retention purges); returns how many. */
export async function deleteMessagesByKey(db: Executor, _scope: SystemScope, divisionCode: string, keys: readonly string[]) {
  if (!keys.length) return 0;
  const r = await db.deleteFrom('outbox').where('division_code', '=', divisionCode).where('idempotency_key', 'in', keys).executeTakeFirst();
  return Number(r.numDeletedRows);
}
