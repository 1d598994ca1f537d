// Delivery adapters for messages to the outside. The file sink (default, dev and tests) appends
// one JSON line per delivered message and remembers idempotency keys, so a redelivery after a
// crash is not written twice. Real SMS / WeChat / e-mail providers implement the same interface
// behind configuration (roadmap: channels).
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export type OutgoingMessage = {
  idempotencyKey: string;
  channel: 'sms' | 'wechat' | 'email' | 'inapp';
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
  divisionCode: string;
  createdAt: string;
};

export type MessageSink = {
  name: string;
  /** Delivers once per idempotency key; a repeat call with the same key is a no-op. */
  deliver(message: OutgoingMessage): Promise<void>;
};

export function createFileSink(file: string): MessageSink {
  let delivered: Set<string> | null = null;
  const known = (): Set<string> => {
    if (delivered) return delivered;
    delivered = new Set();
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
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
  let chain = Promise.resolve();
  return {
    name: 'file',
    deliver(message) {
      // serialise appends within the process so lines never interleave
      chain = chain.then(async () => {
        const keys = known();
        if (keys.has(message.idempotencyKey)) return;
        await mkdir(dirname(file), { recursive: true });
        await appendFile(file, `${JSON.stringify({ ...message, deliveredAt: new Date().toISOString() })}\n`);
        keys.add(message.idempotencyKey);
      });
      return chain;
    },
  };
}
