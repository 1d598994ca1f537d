// The file sink (dev and test): one JSON line per message, once per idempotency key, lines never
// interleaved, a torn last line from a crash tolerated.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileSink, type OutgoingMessage } from './adapters.ts';

const dir = mkdtempSync(join(tmpdir(), 'yq-sink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const fileFor = () => join(dir, `nested-${++n}`, 'outbox.jsonl');
const msg = (key: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  idempotencyKey: key,
  channel: 'sms',
  recipient: '15000000000',
  template: 'login_code',
  payload: { code: '123456', minutes: 5 },
  divisionCode: '530102',
  createdAt: '2020-02-07T01:00:00.000Z',
  ...extra,
});
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as OutgoingMessage & { deliveredAt: string });

/** The lines that parse (a torn fragment does not). */
const wholeLines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as OutgoingMessage];
      } catch {
        return [];
      }
    });

describe('file sink', () => {
  it('appends the message as a JSON line, creating the directory', async () => {
    const file = fileFor();
    const sink = createFileSink(file);
    expect(sink.name).toBe('file');
    await sink.deliver(msg('a'));
    const [line] = lines(file);
    expect(line).toMatchObject(msg('a'));
    expect(Date.parse(line?.deliveredAt ?? '')).not.toBeNaN();
    // phone numbers and sign-in codes: the file is created readable by its owner only
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes a key once, in this process and after a restart', async () => {
    const file = fileFor();
    const sink = createFileSink(file);
    await sink.deliver(msg('k1'));
    await sink.deliver(msg('k1', { payload: { changed: true } }));
    await sink.deliver(msg('k2'));
    const again = createFileSink(file);
    await again.deliver(msg('k1'));
    await again.deliver(msg('k3'));
    expect(lines(file).map((l) => l.idempotencyKey)).toEqual(['k1', 'k2', 'k3']);
  });

  it('keeps lines whole under many parallel deliveries', async () => {
    const file = fileFor();
    const sink = createFileSink(file);
    const big = 'x'.repeat(20_000);
    await Promise.all(Array.from({ length: 60 }, (_, i) => sink.deliver(msg(`p${i % 40}`, { payload: { big, i } }))));
    const got = lines(file);
    expect(got).toHaveLength(40);
    expect(new Set(got.map((l) => l.idempotencyKey)).size).toBe(40);
  });

  it('ignores a torn last line left by a crash, and starts the next message on a line of its own', async () => {
    const file = fileFor();
    const first = createFileSink(file);
    await first.deliver(msg('whole'));
    appendFileSync(file, '{"idempotencyKey":"torn","chan');
    const sink = createFileSink(file);
    await sink.deliver(msg('whole'));
    await sink.deliver(msg('torn'));
    expect(wholeLines(file).map((m) => m.idempotencyKey)).toEqual(['whole', 'torn']);
    // and a later restart knows 'torn' was delivered
    const restarted = createFileSink(file);
    await restarted.deliver(msg('torn'));
    expect(wholeLines(file).filter((m) => m.idempotencyKey === 'torn')).toHaveLength(1);
  });

  it('keeps working after a failed write', async () => {
    const blocker = join(dir, `blocker-${++n}`);
    writeFileSync(blocker, 'a file, not a directory');
    const file = join(blocker, 'outbox.jsonl');
    const sink = createFileSink(file);
    await expect(sink.deliver(msg('x'))).rejects.toThrow();
    rmSync(blocker);
    // one failed write must not fail every message after it
    await sink.deliver(msg('y'));
    await sink.deliver(msg('x'));
    expect(lines(file).map((m) => m.idempotencyKey)).toEqual(['y', 'x']);
  });
});
