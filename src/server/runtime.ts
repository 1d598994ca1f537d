// Everything a process needs, wired once: database (embedded or URL), queue, crypto, sink, logger.
// The server, the worker and every CLI command go through here.
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import type { Deps } from './deps.ts';
import { type OpenedDatabase, type PrepareResult, openDatabase } from './db/open.ts';
import { createQueue } from './jobs/queue.ts';
import { configureAudit } from './modules/audit/service.ts';
import { createFileSink } from './modules/channels/adapters.ts';
import { withWechat } from './modules/channels/wechat.ts';
import { withSms } from './modules/channels/sms.ts';
import { allContracts, allJobs, MODULES, moduleHooks, prepareHooks } from './modules/index.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import { createFieldCrypto, loadMasterKey } from './platform/crypto.ts';

export type Runtime = {
  deps: Deps;
  database: OpenedDatabase;
  prepared: PrepareResult | null;
  /** Starts this process's job workers, schedules and module loops (stopped by close). */
  startWorkers: () => Promise<void>;
  close: () => Promise<void>;
};

/** Starts every module's job workers and background loops on `deps`; `stop` ends the loops. */
export async function startModuleWorkers(deps: Deps): Promise<{ stop: () => Promise<void> }> {
  await deps.queue.startWorkers(deps, allJobs());
  const loops = MODULES.flatMap((m) => m.loops ?? []).map((l) => l.start(deps));
  return { stop: async () => void (await Promise.all(loops.map((l) => l.stop()))) };
}

export function createLogger(config: Config, name = 'yunqiao'): Logger {
  return pino({ name, level: config.logLevel, base: { pid: process.pid } });
}

/**
 * The deps object from a config and an open database and queue; the rest comes from the config
 * (field-encryption key, outbox file) unless given. The runtime, the test app and the OpenAPI
 * generator all build their deps here.
 */
export function createDeps(
  config: Config,
  parts: Pick<Deps, 'db' | 'queue'> & Partial<Pick<Deps, 'clock' | 'log' | 'crypto' | 'sink'>>,
): Deps {
  configureAudit({ hash: config.auditHash });
  const deps: Deps = {
    config,
    db: parts.db,
    queue: parts.queue,
    clock: parts.clock ?? systemClock,
    log: parts.log ?? createLogger(config),
    crypto: parts.crypto ?? createFieldCrypto(loadMasterKey(config.secretKey, config.dataDir)),
    // WeChat messages go to the official account when one is configured (decision 0047)
    sink: parts.sink ?? withSms(withWechat(createFileSink(config.outboxFile), config), config),
    hooks: moduleHooks(() => deps),
  };
  return deps;
}

/** A queue for every module's job contracts. */
export function createModuleQueue(url: string, opts: { poolSize?: number; supervise?: boolean } = {}) {
  return createQueue(url, allContracts(), opts);
}

export async function createRuntime(
  config: Config,
  opts: { log?: Logger; clock?: Clock; poolSize?: number; prepare?: boolean; /** false: migrate, but leave the reference editions to the caller (`yunqiao reference update`). */ loadReference?: boolean } = {},
): Promise<Runtime> {
  const log = opts.log ?? createLogger(config);
  const hooks = opts.loadReference === false ? { ...prepareHooks(), referenceData: [] } : prepareHooks();
  const database = await openDatabase(config, hooks, { log: (line) => log.info({ component: 'postgres' }, line), poolSize: opts.poolSize, prepare: opts.prepare });
  const queue = createModuleQueue(database.appUrl);
  const deps = createDeps(config, { db: database.db, queue, log, clock: opts.clock });
  try {
    await queue.open();
  } catch (err) {
    await database.shutdown();
    throw err;
  }
  let workers: { stop: () => Promise<void> } | null = null;
  return {
    deps,
    database,
    prepared: database.prepared,
    startWorkers: async () => {
      workers ??= await startModuleWorkers(deps);
    },
    close: async () => {
      await workers?.stop().catch((err) => log.warn({ err }, 'background loops stop failed'));
      await queue.stop().catch((err) => log.warn({ err }, 'queue stop failed'));
      await database.shutdown();
    },
  };
}
