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
import { deliverOutboxBatchContract, deliverOutboxContract, OUTBOX_BATCH, sweepOutboxContract } from './schemas.ts';
import * as repo from './repository.ts';
import { deliverOutbox, deliverOutboxBatch, enqueueMessage, enqueueMessages, MAX_DELIVERY_ATTEMPTS, sweepOutbox } from './service.ts';

const sweepOutboxJob = jobOf(channelJobs, sweepOutboxContract);
const deliverOutboxJob = jobOf(channelJobs, deliverOutboxContract);
const deliverOutboxBatchJob = jobOf(channelJobs, deliverOutboxBatchContract);

let t: TestApp;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

const message = (key = `test:${unique()}`) => ({ divisionCode: '530102', channel: 'sms' as const, recipient: mobile(), template: 'test_note', payload: { n: unique(), text: '您好' }, idempotency_key: key });
const rowByKey = (key: string) => t.deps.db.selectFrom('outbox').selectAll().where('division_code', '=', '530102').where('idempotency_key', '=', key).executeTakeFirst();
const linesIn = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as OutgoingMessage & { deliveredAt: string }) : []);

/** Jobs naming the row: its own delivery job, or a batch job that lists it. */
async function jobsFor(divisionCode: string, id: number): Promise<number> {
  const data = JSON.stringify({ divisionCode, id });
  const inBatch = JSON.stringify({ rows: [{ d: divisionCode, id }] });
  const r = await sql<{ n: number }>`
    select count(*)::int as n from (
      select name, data from pgboss.job union all select name, data from pgboss.archive
    ) j where (j.name = ${deliverOutboxContract.name} and j.data @> ${data}::jsonb)
           or (j.name = ${deliverOutboxBatchContract.name} and j.data @> ${inBatch}::jsonb)`.execute(t.deps.db);
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

describe('many messages at once: batch jobs', () => {
  /** The batch jobs (data and start) that name any of these rows. */
  async function batchJobsOf(ids: readonly number[]) {
    const r = await sql<{ data: { rows: { d: string; id: number }[] }; start_after: Date }>`
      select data, start_after from pgboss.job
       where name = ${deliverOutboxBatchContract.name}
         and exists (select 1 from jsonb_array_elements(data->'rows') e where (e->>'id')::bigint = any(${ids.map(Number)}::bigint[]) and e->>'d' = '530102')`.execute(t.deps.db);
    return r.rows;
  }

  it('writes the rows with one batch job per due instant, not a job a row; the job delivers them, the later ones only once due', async () => {
    const later = new Date(clock.now().getTime() + 3 * 60 * MINUTE);
    const now = [message(), message(), message()];
    const quiet = { ...message(), deliverAfter: later };
    const n = await t.deps.db.transaction().execute((tx) => enqueueMessages(t.deps, tx, [...now, quiet]));
    expect(n).toBe(4);
    const rows = await Promise.all([...now, quiet].map((m) => rowByKey(m.idempotency_key)));
    const ids = rows.map((r) => Number(r?.id));
    const jobs = await batchJobsOf(ids);
    expect(jobs).toHaveLength(2);
    const [soon, held] = [...jobs].sort((a, b) => a.start_after.getTime() - b.start_after.getTime());
    expect(soon?.data.rows.map((r) => r.id).sort()).toEqual(ids.slice(0, 3).sort());
    expect(held?.data.rows.map((r) => r.id)).toEqual([ids[3]]);
    expect(held?.start_after.getTime()).toBe(later.getTime());
    for (const id of ids) expect(await jobsFor('530102', id)).toBe(1); // no job of its own

    // both jobs run now (a worker that took the later one early): the due rows go, the later one waits
    if (!soon || !held) throw new Error('two jobs expected');
    for (const j of [soon, held]) await runJob(t.deps, deliverOutboxBatchJob, j.data);
    for (const m of now) expect(await rowByKey(m.idempotency_key)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await rowByKey(quiet.idempotency_key)).toMatchObject({ status: 'pending', attempts: 0 });
    clock.advance(3 * 60 * MINUTE);
    await runJob(t.deps, deliverOutboxBatchJob, held.data);
    expect(await rowByKey(quiet.idempotency_key)).toMatchObject({ status: 'delivered', attempts: 1 });
    const lines = linesIn(t.outboxFile);
    for (const m of [...now, quiet]) expect(lines.filter((l) => l.idempotencyKey === m.idempotency_key)).toHaveLength(1);
  });

  it(`splits a large batch into jobs of ${OUTBOX_BATCH}`, async () => {
    const many = Array.from({ length: OUTBOX_BATCH + 7 }, () => message());
    await t.deps.db.transaction().execute((tx) => enqueueMessages(t.deps, tx, many));
    const rows = await t.deps.db.selectFrom('outbox').select('id').where('division_code', '=', '530102').where('idempotency_key', 'in', many.map((m) => m.idempotency_key)).execute();
    const jobs = await batchJobsOf(rows.map((r) => Number(r.id)));
    expect(jobs.map((j) => j.data.rows.length).sort((a, b) => a - b)).toEqual([7, OUTBOX_BATCH]);
  });

  it('a row the sink refuses holds back no other; the job fails, its retry sends only that row', async () => {
    const rows = [await pendingRow(), await pendingRow(), await pendingRow()];
    const refuse = rows[1]?.key;
    const calls: string[] = [];
    let refusing = true;
    const sink: MessageSink = {
      name: 'refuses-one',
      async deliver(m) {
        calls.push(m.idempotencyKey);
        if (refusing && m.idempotencyKey === refuse) throw new Error('provider refused');
        await t.deps.sink.deliver(m);
      },
    };
    const deps: Deps = { ...t.deps, sink };
    const data = rows.map((r) => ({ d: r.division_code, id: r.id }));
    await expect(deliverOutboxBatch(deps, data)).rejects.toThrow(/1 of 3 outbox rows not delivered.*provider refused/);
    expect(await rowByKey(rows[0]?.key as string)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await rowByKey(rows[2]?.key as string)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await rowByKey(refuse as string)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: provider refused' });
    refusing = false;
    calls.length = 0;
    expect(await deliverOutboxBatch(deps, data)).toBe(1);
    expect(calls).toEqual([refuse]);
    expect(await rowByKey(refuse as string)).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
  });

  it('the batch job refuses a payload its schema does not allow, and ignores ids that do not exist', async () => {
    await expect(runJob(t.deps, deliverOutboxBatchJob, { rows: [] })).rejects.toThrow();
    await expect(runJob(t.deps, deliverOutboxBatchJob, { rows: [{ d: '530102', id: 'x' as unknown as number }] })).rejects.toThrow(/expected number/i);
    await expect(deliverOutboxBatch(t.deps, [{ d: '530102', id: 2_000_000_000 }])).resolves.toBe(0);
  });
});
