// Delivery adapters for messages to the outside. The file sink (default, dev and tests) appends
// one JSON line per delivered message and remembers idempotency keys, so a redelivery after a
// crash is not written twice. Real SMS / WeChat / e-mail providers implement the same interface
// behind configuration (roadmap: channels).
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

import type { MessageSink, OutgoingMessage } from '../../platform/sink.ts';

export type { MessageSink, OutgoingMessage };

export function createFileSink(file: string): MessageSink {
  let delivered: Set<string> | null = null;
  // whether the file may end without a newline (a torn write): the next line must start fresh,
  // or it would fuse with the fragment into one unreadable line and be delivered again later
  let startNewLine = false;
  const known = (): Set<string> => {
    if (delivered) return delivered;
    delivered = new Set();
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      startNewLine = text.length > 0 && !text.endsWith('\n');
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          delivered.add((JSON.parse(line) as { idempotencyKey: string }).idempotencyKey);
        } catch {
          // a torn last line from a crash: ignore it, the message will be redelivered
        }
      }
    }
    return delivered;
  };
  let chain: Promise<void> = Promise.resolve();
  return {
    name: 'file',
    deliver(message) {
      // serialise appends within the process so lines never interleave
      const next = chain.then(async () => {
        const keys = known();
        if (keys.has(message.idempotencyKey)) return;
        await mkdir(dirname(file), { recursive: true });
        const line = `${startNewLine ? '\n' : ''}${JSON.stringify({ ...message, deliveredAt: new Date().toISOString() })}\n`;
        try {
          // the file holds phone numbers and sign-in codes: readable by this user only (PIPL)
          await appendFile(file, line, { mode: 0o600 });
        } catch (err) {
          startNewLine = true; // part of the line may have been written
          throw err;
        }
        startNewLine = false;
        keys.add(message.idempotencyKey);
      });
      // a failed write fails its own message only, not every message queued after it
      chain = next.catch(() => {});
      return next;
    },
  };
}
