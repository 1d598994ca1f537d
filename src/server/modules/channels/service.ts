// The outbox: a message to the outside is a row written in the transaction of the change that
// causes it, plus a job in the same transaction. The worker delivers it through the configured
// sink with its idempotency key; failures retry with back-off; a sweeper re-sends stale rows.
import type { Deps, OutboxMessage } from '../../deps.ts';
import { type SystemScope, systemKey, systemScope } from '../../db/scope.ts';
import type { Tx } from '../../db/tx.ts';
import type { OutgoingMessage } from './adapters.ts';
import { deliverOutboxBatchContract, deliverOutboxContract, OUTBOX_BATCH } from './schemas.ts';
import * as repo from './repository.ts';
import type { OutboxKey } from './repository.ts';

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
 * in `tx`; repeated idempotency keys dropped. The rows go out in batch jobs of up to OUTBOX_BATCH
 * rows sharing a due instant (deliverOutboxBatch), not a job each: pg-boss hands a worker a few
 * jobs a second, which made a 500,000-message digest a week's delivery (bench/digest.bench.ts).
 * Returns how many rows were new. A command's `sendMany` calls it (deps.hooks.enqueueMany).
 */
export async function enqueueMessages(deps: Pick<Deps, 'queue' | 'clock'>, tx: Tx, messages: readonly OutboxMessage[]): Promise<number> {
  if (!messages.length) return 0;
  const now = deps.clock.now();
  const rows = await repo.insertOutboxRows(
    tx,
    messages.map(({ divisionCode, deliverAfter, ...rest }) => ({ ...rest, division_code: divisionCode, created_at: now, deliver_after: deliverAfter ?? null })),
  );
  await deps.queue.sendMany(tx, deliverOutboxBatchContract, batchJobs(rows));
  return rows.length;
}

/**
 * Rows as batch jobs: grouped by due instant (quiet hours end at different times for different
 * people), OUTBOX_BATCH at most a job, a job starting when its rows fall due.
 */
function batchJobs(rows: readonly { division_code: string; id: number; deliver_after: Date | string | null }[]) {
  const byDue = new Map<string, { d: string; id: number }[]>();
  for (const r of rows) {
    const due = r.deliver_after ? new Date(r.deliver_after).toISOString() : '';
    const list = byDue.get(due) ?? [];
    list.push({ d: r.division_code, id: r.id });
    byDue.set(due, list);
  }
  const jobs: { data: { rows: { d: string; id: number }[] }; singletonKey: string; startAfter?: Date }[] = [];
  for (const [due, list] of byDue) {
    for (let i = 0; i < list.length; i += OUTBOX_BATCH) {
      const part = list.slice(i, i + OUTBOX_BATCH);
      const first = part[0] as { d: string; id: number };
      jobs.push({ data: { rows: part }, singletonKey: `outbox-batch:${first.d}:${first.id}`, ...(due ? { startAfter: new Date(due) } : {}) });
    }
  }
  return jobs;
}

/** The delivery worker reads any division's outbox: a deliberate system-wide scope. */
const DELIVERY = systemScope('outbox delivery: a job names the row to deliver in any division');
/** The sweeper and the backlog gauge look at pending rows of every division. */
const SWEEP = systemScope('outbox sweep and backlog: pending rows of every division');

type Row = Awaited<ReturnType<typeof repo.findOutboxMany>>[number];

const outgoing = (row: Row): OutgoingMessage => ({
  idempotencyKey: row.idempotency_key,
  channel: row.channel as OutgoingMessage['channel'],
  recipient: row.recipient,
  template: row.template,
  payload: row.payload as Record<string, unknown>,
  divisionCode: row.division_code,
  createdAt: row.created_at.toISOString(),
});

/** Whether a row is still to be sent now: pending, and due (quiet hours over). */
const sendable = (deps: Pick<Deps, 'clock'>, row: Pick<Row, 'status' | 'deliver_after'>) =>
  row.status === 'pending' && !(row.deliver_after && row.deliver_after.getTime() > deps.clock.now().getTime());

export async function deliverOutbox(deps: Deps, divisionCode: string, id: number): Promise<void> {
  const key = systemKey(DELIVERY, 'outbox', divisionCode, id);
  const row = await repo.findOutbox(deps.db, key);
  // delivered, or given up; or not yet due (quiet hours): the job that starts at its instant, or
  // the sweeper after it, delivers it
  if (!row || !sendable(deps, row)) return;
  try {
    await deps.sink.deliver(outgoing(row));
  } catch (err) {
    await repo.markAttemptFailed(deps.db, key, String(err), MAX_DELIVERY_ATTEMPTS);
    throw err; // pg-boss retries with back-off
  }
  await repo.markDelivered(deps.db, key, deps.clock.now());
}

/**
 * A batch job's rows (`rows`: division and id, at most OUTBOX_BATCH): read in one statement, each
 * pending and due row handed to the sink in turn (the sink's idempotency key makes a repeat
 * harmless), the delivered ones marked in one statement. A row the sink refuses counts a failed
 * attempt (given up at MAX_DELIVERY_ATTEMPTS) without holding back the others; the job then
 * throws, so pg-boss retries it with back-off and the retry sends only what is still pending.
 * Returns how many rows were delivered.
 */
export async function deliverOutboxBatch(deps: Deps, rows: readonly { d: string; id: number }[]): Promise<number> {
  const keys = rows.map((r) => systemKey(DELIVERY, 'outbox', r.d, r.id));
  const found = (await repo.findOutboxMany(deps.db, keys)).sort((a, b) => a.id - b.id);
  const delivered: OutboxKey[] = [];
  let failed = 0;
  let firstError: unknown = null;
  for (const row of found) {
    if (!sendable(deps, row)) continue;
    const key = systemKey(DELIVERY, 'outbox', row.division_code, row.id);
    try {
      await deps.sink.deliver(outgoing(row));
      delivered.push(key);
    } catch (err) {
      failed++;
      firstError ??= err;
      await repo.markAttemptFailed(deps.db, key, String(err), MAX_DELIVERY_ATTEMPTS);
    }
  }
  await repo.markDeliveredMany(deps.db, delivered, deps.clock.now());
  if (failed) throw new Error(`${failed} of ${found.length} outbox rows not delivered (first: ${String(firstError)})`);
  return delivered.length;
}

/**
 * Every minute: pending rows that fell due more than 5 minutes ago (their job was lost or gave
 * up), up to 500, sent again as one batch job. Returns how many rows it named.
 */
export async function sweepOutbox(deps: Deps): Promise<number> {
  const stale = await repo.stalePending(deps.db, SWEEP, new Date(deps.clock.now().getTime() - 5 * 60_000), OUTBOX_BATCH);
  if (!stale.length) return 0;
  const rows = stale.map((r) => ({ d: r.division_code, id: r.id }));
  await deps.queue.sendMany(deps.db, deliverOutboxBatchContract, [{ data: { rows }, singletonKey: `outbox-sweep:${deps.clock.now().toISOString()}` }]);
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
