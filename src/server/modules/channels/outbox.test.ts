// The outbox without workers: a message exists exactly when its transaction commits (row and job
// together), delivery is idempotent, failures are counted and eventually given up, and the
// sweeper re-sends messages whose job was lost. Rows meant for direct delivery here are written
// without a job, so a worker running in another test file cannot take them.
import { readFileSync, existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { mobile, unique } from '../../../../test/helpers/factories.ts';
import { jobOf, runJob } from '../../../../test/helpers/jobs.ts';
import type { Deps } from '../../deps.ts';
import { MINUTE, ManualClock } from '../../platform/clock.ts';
import { createFileSink, type MessageSink, type OutgoingMessage } from './adapters.ts';
import { channelJobs } from './jobs.ts';
import { deliverOutboxContract, sweepOutboxContract } from './schemas.ts';
import * as repo from './repository.ts';
import { deliverOutbox, enqueueMessage, MAX_DELIVERY_ATTEMPTS, sweepOutbox } from './service.ts';

const sweepOutboxJob = jobOf(channelJobs, sweepOutboxContract);
const deliverOutboxJob = jobOf(channelJobs, deliverOutboxContract);

let t: TestApp;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

const message = (key = `test:${unique()}`) => ({ divisionCode: '530102', channel: 'sms' as const, recipient: mobile(), template: 'test_note', payload: { n: unique(), text: '您好' }, idempotency_key: key });
const rowByKey = (key: string) => t.deps.db.selectFrom('outbox').selectAll().where('division_code', '=', '530102').where('idempotency_key', '=', key).executeTakeFirst();
const linesIn = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as OutgoingMessage & { deliveredAt: string }) : []);

async function jobsFor(divisionCode: string, id: number): Promise<number> {
  const data = JSON.stringify({ divisionCode, id });
  const r = await sql<{ n: number }>`
    select count(*)::int as n from (
      select name, data from pgboss.job union all select name, data from pgboss.archive
    ) j where j.name = ${deliverOutboxContract.name} and j.data @> ${data}::jsonb`.execute(t.deps.db);
  return r.rows[0]?.n ?? -1;
}

/** A pending row with no job, as if its job had been lost. */
async function pendingRow(createdAt = clock.now()) {
  const m = message();
  const { divisionCode, ...rest } = m;
  const r = await repo.insertOutbox(t.deps.db, { ...rest, division_code: divisionCode, created_at: createdAt });
  if (!r) throw new Error('not inserted');
  return { ...r, key: m.idempotency_key };
}

function flakySink(failures: number, inner: MessageSink): MessageSink & { calls: number } {
  const s = {
    name: 'flaky',
    calls: 0,
    async deliver(m: OutgoingMessage) {
      s.calls++;
      if (s.calls <= failures) throw new Error(`provider refused (${s.calls})`);
      await inner.deliver(m);
    },
  };
  return s;
}

describe('enqueueMessage', () => {
  it('leaves no row and no job when its transaction rolls back', async () => {
    const m = message();
    let id = 0;
    await expect(
      t.deps.db.transaction().execute(async (tx) => {
        await enqueueMessage(t.deps, tx, m);
        const row = await tx.selectFrom('outbox').select('id').where('idempotency_key', '=', m.idempotency_key).executeTakeFirstOrThrow();
        id = row.id;
        expect(await sql<{ n: number }>`select count(*)::int as n from pgboss.job where data @> ${JSON.stringify({ id })}::jsonb`.execute(tx).then((r) => r.rows[0]?.n)).toBe(1);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(id).toBeGreaterThan(0);
    expect(await rowByKey(m.idempotency_key)).toBeUndefined();
    expect(await jobsFor('530102', id)).toBe(0);
  });

  it('writes the row and its job together when the transaction commits', async () => {
    const m = message();
    await t.deps.db.transaction().execute((tx) => enqueueMessage(t.deps, tx, m));
    const row = await rowByKey(m.idempotency_key);
    expect(row).toMatchObject({ channel: 'sms', recipient: m.recipient, template: 'test_note', payload: m.payload, created_at: clock.now() });
    expect(await jobsFor('530102', row?.id as number)).toBe(1);
  });

  it('queues a key once: a repeat is ignored', async () => {
    const m = message();
    await t.deps.db.transaction().execute((tx) => enqueueMessage(t.deps, tx, m));
    await t.deps.db.transaction().execute((tx) => enqueueMessage(t.deps, tx, { ...m, payload: { other: true } }));
    const rows = await t.deps.db.selectFrom('outbox').selectAll().where('idempotency_key', '=', m.idempotency_key).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).toEqual(m.payload);
    expect(await jobsFor('530102', rows[0]?.id as number)).toBe(1);
  });
});

describe('deliverOutbox', () => {
  it('delivers once through the sink and marks the row delivered; a second call writes nothing', async () => {
    const { id, key } = await pendingRow();
    clock.advance(5_000);
    await deliverOutbox(t.deps, '530102', id);
    await deliverOutbox(t.deps, '530102', id);
    const lines = linesIn(t.outboxFile).filter((l) => l.idempotencyKey === key);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ channel: 'sms', template: 'test_note', divisionCode: '530102', payload: { text: '您好' } });
    expect(await rowByKey(key)).toMatchObject({ status: 'delivered', attempts: 1, delivered_at: clock.now(), last_error: null });
  });

  it('does not write twice after a crash between delivering and marking (idempotency key)', async () => {
    const { id, key } = await pendingRow();
    const row = await rowByKey(key);
    // the sink got the message, then the process died before the row was marked
    await t.deps.sink.deliver({ idempotencyKey: key, channel: 'sms', recipient: row?.recipient as string, template: 'test_note', payload: {}, divisionCode: '530102', createdAt: '' });
    // a restarted process (new sink instance on the same file) redelivers
    const restarted: Deps = { ...t.deps, sink: createFileSink(t.outboxFile) };
    await deliverOutbox(restarted, '530102', id);
    expect(linesIn(t.outboxFile).filter((l) => l.idempotencyKey === key)).toHaveLength(1);
    expect((await rowByKey(key))?.status).toBe('delivered');
  });

  it('counts a failed attempt, keeps the row pending, and delivers on the next try', async () => {
    const { id, key } = await pendingRow();
    const sink = flakySink(1, t.deps.sink);
    const deps: Deps = { ...t.deps, sink };
    await expect(deliverOutbox(deps, '530102', id)).rejects.toThrow('provider refused (1)');
    expect(await rowByKey(key)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: provider refused (1)', delivered_at: null });
    await deliverOutbox(deps, '530102', id);
    expect(await rowByKey(key)).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
    expect(linesIn(t.outboxFile).filter((l) => l.idempotencyKey === key)).toHaveLength(1);
  });

  it(`gives a message up after ${MAX_DELIVERY_ATTEMPTS} failed attempts and stops calling the sink`, async () => {
    const { id, key } = await pendingRow(new Date(clock.now().getTime() - 10 * MINUTE));
    const sink = flakySink(Number.POSITIVE_INFINITY, t.deps.sink);
    const deps: Deps = { ...t.deps, sink };
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) await expect(deliverOutbox(deps, '530102', id)).rejects.toThrow();
    expect(await rowByKey(key)).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS });
    await deliverOutbox(deps, '530102', id);
    expect(sink.calls).toBe(MAX_DELIVERY_ATTEMPTS);
    // the sweeper leaves it alone
    await sweepOutbox(t.deps);
    expect(await jobsFor('530102', id)).toBe(0);
  });

  it('ignores an id that does not exist', async () => {
    await expect(deliverOutbox(t.deps, '530102', 2_000_000_000)).resolves.toBeUndefined();
  });
});

describe('sweepOutbox', () => {
  it('re-sends pending rows older than 5 minutes, not fresh ones', async () => {
    const stale = await pendingRow(new Date(clock.now().getTime() - 6 * MINUTE));
    const fresh = await pendingRow(new Date(clock.now().getTime() - 4 * MINUTE));
    expect(await sweepOutbox(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await jobsFor('530102', stale.id)).toBeGreaterThanOrEqual(1);
    expect(await jobsFor('530102', fresh.id)).toBe(0);
  });

  it('skips delivered rows', async () => {
    const old = await pendingRow(new Date(clock.now().getTime() - 30 * MINUTE));
    await deliverOutbox(t.deps, '530102', old.id);
    await sweepOutbox(t.deps);
    expect(await jobsFor('530102', old.id)).toBe(0);
  });
});

describe('the outbox jobs, run as a worker would', () => {
  it('the sweep job re-sends a pending row once the clock it runs on is past 5 minutes, not before', async () => {
    const row = await pendingRow(new Date(clock.now().getTime() - 4 * MINUTE));
    await runJob(t.deps, sweepOutboxJob, {});
    expect(await jobsFor('530102', row.id)).toBe(0);
    clock.advance(2 * MINUTE);
    await runJob(t.deps, sweepOutboxJob, {});
    expect(await jobsFor('530102', row.id)).toBe(1);
  });

  it('the delivery job delivers its row; a payload its schema refuses never reaches the handler', async () => {
    const { id, key } = await pendingRow();
    await expect(runJob(t.deps, deliverOutboxJob, { divisionCode: '530102', id: String(id) as unknown as number })).rejects.toThrow(/expected number/i);
    expect((await rowByKey(key))?.status).toBe('pending');
    await runJob(t.deps, deliverOutboxJob, { divisionCode: '530102', id });
    expect(await rowByKey(key)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(linesIn(t.outboxFile).filter((l) => l.idempotencyKey === key)).toHaveLength(1);
  });
});
