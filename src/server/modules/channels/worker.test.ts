// The outbox with real pg-boss workers: a committed message reaches the file sink exactly once,
// and a sink that fails once is retried until the message is delivered. (Workers share the one
// queue of the test database, so this is the only file in these modules that starts them; it runs
// on a database of its own, since the jobs other files of its vitest worker left in the shared one
// are delivered first, five a second, and once made this file wait past its limit in CI.)
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { cloneTemplate } from '../../../../test/helpers/db.ts';
import { mobile, unique } from '../../../../test/helpers/factories.ts';
import type { MessageSink, OutgoingMessage } from './adapters.ts';
import { enqueueMessage, enqueueMessages } from './service.ts';

let t: TestApp;
let db: Awaited<ReturnType<typeof cloneTemplate>>;
/** Keys whose first delivery the provider refuses. */
const refuseOnce = new Set<string>();
const refused: string[] = [];

beforeAll(async () => {
  db = await cloneTemplate('outboxworkers');
  t = await createTestApp({ workers: true, database: db });
  const fileSink = t.deps.sink;
  const sink: MessageSink = {
    name: 'refuses-once',
    async deliver(m: OutgoingMessage) {
      if (refuseOnce.delete(m.idempotencyKey)) {
        refused.push(m.idempotencyKey);
        throw new Error('provider busy');
      }
      await fileSink.deliver(m);
    },
  };
  t.deps.sink = sink; // the workers read deps.sink at each delivery
});
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

const linesFor = (key: string) =>
  existsSync(t.outboxFile)
    ? readFileSync(t.outboxFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as OutgoingMessage)
        .filter((m) => m.idempotencyKey === key)
    : [];
const rowFor = (key: string) => t.deps.db.selectFrom('outbox').selectAll().where('division_code', '=', '530103').where('idempotency_key', '=', key).executeTakeFirstOrThrow();

async function waitFor(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

async function enqueue(key: string) {
  await t.deps.db.transaction().execute((tx) =>
    enqueueMessage(t.deps, tx, { divisionCode: '530103', channel: 'sms', recipient: mobile(), template: 'test_note', payload: { key }, idempotency_key: key }),
  );
}

describe('outbox delivery by the workers', () => {
  it('delivers a committed message to the file sink exactly once and marks it delivered', async () => {
    const key = `worker:${unique()}`;
    await enqueue(key);
    expect(await waitFor(() => linesFor(key).length > 0, 15_000)).toBe(true);
    expect(await waitFor(async () => (await rowFor(key)).status === 'delivered', 5_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1_500)); // time for a stray second delivery to show
    const lines = linesFor(key);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ channel: 'sms', template: 'test_note', divisionCode: '530103', payload: { key } });
    const row = await rowFor(key);
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, last_error: null });
    expect(row.delivered_at).toBeInstanceOf(Date);
  });

  it('retries a message the provider refused once, and delivers it', { timeout: 40_000 }, async () => {
    const key = `worker-retry:${unique()}`;
    refuseOnce.add(key);
    await enqueue(key);
    expect(await waitFor(async () => (await rowFor(key)).attempts >= 1, 10_000)).toBe(true);
    expect(refused).toContain(key);
    expect(await waitFor(() => linesFor(key).length > 0, 20_000)).toBe(true);
    expect(await waitFor(async () => (await rowFor(key)).status === 'delivered', 5_000)).toBe(true);
    const row = await rowFor(key);
    expect(row).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
    expect(linesFor(key)).toHaveLength(1);
  });

  it('delivers a batch written at once (a digest) through its batch job, each message once', { timeout: 40_000 }, async () => {
    const keys = Array.from({ length: 40 }, () => `worker-batch:${unique()}`);
    await t.deps.db.transaction().execute((tx) =>
      enqueueMessages(
        t.deps,
        tx,
        keys.map((key) => ({ divisionCode: '530103', channel: 'sms' as const, recipient: mobile(), template: 'test_note', payload: { key }, idempotency_key: key })),
      ),
    );
    const all = () => Promise.all(keys.map(rowFor));
    expect(await waitFor(async () => (await all()).every((r) => r.status === 'delivered'), 20_000)).toBe(true);
    for (const key of keys) expect(linesFor(key)).toHaveLength(1);
  });
});
