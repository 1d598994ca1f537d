// The typed dependencies every service receives: plain object, no container.
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/connection.ts';
import type { Queue } from './jobs/queue.ts';
import type { MessageSink } from './modules/channels/adapters.ts';
import type { Clock } from './platform/clock.ts';
import type { FieldCrypto } from './platform/crypto.ts';

export type Deps = {
  config: Config;
  db: Database;
  clock: Clock;
  crypto: FieldCrypto;
  log: Logger;
  queue: Queue;
  sink: MessageSink;
};
