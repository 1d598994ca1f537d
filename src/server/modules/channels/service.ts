// The outbox: a message to the outside is a row written in the transaction of the change that
// causes it, plus a job in the same transaction. The worker delivers it through the configured
// sink with its idempotency key; failures retry with back-off; a sweeper re-sends stale rows.
import type { Deps, OutboxMessage } from '../../deps.ts';
import { type SystemScope, systemKey, systemScope } from '../../db/scope.ts';
import type { Tx } from '../../db/tx.ts';
import type { OutgoingMessage } from './adapters.ts';
import { deliverOutboxContract } from './schemas.ts';
import * as repo from './repository.ts';

export { WECHAT_CODE, type WechatAdapter, WechatError, wechatOf } from './wechat.ts';

/**
 * Attempts before a message is given up (status 'failed'): a job retries 8 times, and the sweeper
 * re-sends stale pending rows; without a limit a message a provider always refuses would be
 * re-sent every minute for ever.
 */
export const MAX_DELIVERY_ATTEMPTS = 10;

/**
 * Writes the outbox row and its delivery job in `tx`; a repeat of an idempotency key is dropped.
 * A message with `deliverAfter` (quiet hours) gets a job that starts then.
 * Services do not call this directly: a command's `send` does (deps.hooks.enqueue).
 */
export async function enqueueMessage(deps: Pick<Deps, 'queue' | 'clock'>, tx: Tx, msg: OutboxMessage): Promise<void> {
  const { divisionCode, deliverAfter, ...rest } = msg;
  const row = await repo.insertOutbox(tx, { ...rest, division_code: divisionCode, created_at: deps.clock.now(), deliver_after: deliverAfter ?? null });
  if (!row) return; // same idempotency key already queued
  await deps.queue.send(tx, deliverOutboxContract, { divisionCode: row.division_code, id: row.id }, { singletonKey: `outbox:${row.division_code}:${row.id}`, ...(deliverAfter ? { startAfter: deliverAfter } : {}) });
}

/**
 * Many messages at once (a daily digest's batch): one statement for the rows, one for their jobs,
 * in `tx`; repeated idempotency keys dropped. Returns how many rows were new. A command's
 * `sendMany` calls it (deps.hooks.enqueueMany).
 */
export async function enqueueMessages(deps: Pick<Deps, 'queue' | 'clock'>, tx: Tx, messages: readonly OutboxMessage[]): Promise<number> {
  if (!messages.length) return 0;
  const now = deps.clock.now();
  const rows = await repo.insertOutboxRows(
    tx,
    messages.map(({ divisionCode, deliverAfter, ...rest }) => ({ ...rest, division_code: divisionCode, created_at: now, deliver_after: deliverAfter ?? null })),
  );
  await deps.queue.sendMany(
    tx,
    deliverOutboxContract,
    rows.map((r) => ({ data: { divisionCode: r.division_code, id: r.id }, singletonKey: `outbox:${r.division_code}:${r.id}`, ...(r.deliver_after ? { startAfter: new Date(r.deliver_after) } : {}) })),
  );
  return rows.length;
}

/** The delivery worker reads any division's outbox: a deliberate system-wide scope. */
const DELIVERY = systemScope('outbox delivery: a job names the row to deliver in any division');
/** The sweeper and the backlog gauge look at pending rows of every division. */
const SWEEP = systemScope('outbox sweep and backlog: pending rows of every division');

export async function deliverOutbox(deps: Deps, divisionCode: string, id: number): Promise<void> {
  const key = systemKey(DELIVERY, 'outbox', divisionCode, id);
  const row = await repo.findOutbox(deps.db, key);
  if (row?.status !== 'pending') return; // delivered, or given up
  // not yet due (quiet hours): the job that starts at its instant, or the sweeper after it, delivers it
  if (row.deliver_after && row.deliver_after.getTime() > deps.clock.now().getTime()) return;
  const message: OutgoingMessage = {
    idempotencyKey: row.idempotency_key,
    channel: row.channel as OutgoingMessage['channel'],
    recipient: row.recipient,
    template: row.template,
    payload: row.payload as Record<string, unknown>,
    divisionCode: row.division_code,
    createdAt: row.created_at.toISOString(),
  };
  try {
    await deps.sink.deliver(message);
  } catch (err) {
    await repo.markAttemptFailed(deps.db, key, String(err), MAX_DELIVERY_ATTEMPTS);
    throw err; // pg-boss retries with back-off
  }
  await repo.markDelivered(deps.db, key, deps.clock.now());
}

export async function sweepOutbox(deps: Deps): Promise<number> {
  const stale = await repo.stalePending(deps.db, SWEEP, new Date(deps.clock.now().getTime() - 5 * 60_000), 500);
  for (const r of stale) {
    await deps.queue.send(deps.db, deliverOutboxContract, { divisionCode: r.division_code, id: r.id }, { singletonKey: `outbox:${r.division_code}:${r.id}` });
  }
  return stale.length;
}

/** Messages not yet delivered, in every division (the /metrics gauge). */
export const outboxBacklog = (deps: Pick<Deps, 'db'>) => repo.pendingCount(deps.db, SWEEP);

/**
 * Deletes the messages of `keys` (division and idempotency key, as the sender named them) whatever
 * their status — a retention purge removing what it sent about records it deletes (the venues
 * module's visitor receipts and booking confirmations, case 10). Returns how many rows went.
 */
export async function eraseMessagesByKey(deps: Pick<Deps, 'db'>, scope: SystemScope, keys: readonly { divisionCode: string; key: string }[]): Promise<number> {
  let n = 0;
  const byDivision = new Map<string, string[]>();
  for (const k of keys) byDivision.set(k.divisionCode, [...(byDivision.get(k.divisionCode) ?? []), k.key]);
  for (const [division, list] of byDivision) n += await repo.deleteMessagesByKey(deps.db, scope, division, list);
  return n;
}
