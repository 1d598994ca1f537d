// The job queue: pg-boss in the same database. Jobs are sent inside the caller's transaction
// (pg-boss's `db` option), so a job exists exactly when the change that caused it committed.
// The queue knows the contracts (names, options) it was created with; the handlers come from the
// composition root when a process starts its workers.
import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Deps } from '../deps.ts';
import { BOSS_SCHEMA } from '../db/migrate.ts';
import type { Executor } from '../db/tx.ts';
import { type BoundJob, type JobContract, queueName, runJob } from './contract.ts';

export type Queue = {
  /** Sends a job in `db`'s transaction; the payload is checked against the contract's schema. */
  send<S extends z.ZodType>(db: Executor, contract: JobContract<S>, data: z.infer<S>, opts?: { singletonKey?: string; startAfter?: Date }): Promise<void>;
  /**
   * Sends many jobs of one contract in `db`'s transaction, in one statement (pg-boss `insert`);
   * each payload is checked against the contract's schema.
   */
  sendMany<S extends z.ZodType>(db: Executor, contract: JobContract<S>, jobs: ReadonlyArray<{ data: z.infer<S>; singletonKey?: string; startAfter?: Date }>): Promise<void>;
  /** Connects (needed before send). */
  open(): Promise<void>;
  /** Starts this instance's workers and schedules for the given jobs. */
  startWorkers(deps: Deps, jobs: readonly BoundJob[]): Promise<void>;
  stop(): Promise<void>;
  /** Jobs waiting in every known queue. */
  depth(): Promise<number>;
};

function executorAdapter(db: Executor) {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const r = await db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: r.rows };
    },
  };
}

export function createQueue(url: string, contracts: readonly JobContract[], opts: { poolSize?: number; supervise?: boolean } = {}): Queue {
  let boss: PgBoss | null = null;
  const client = new PgBoss({
    connectionString: url,
    schema: BOSS_SCHEMA,
    max: opts.poolSize ?? 3,
    migrate: false,
    supervise: opts.supervise ?? true,
    schedule: opts.supervise ?? true,
    application_name: 'yunqiao-jobs',
  });
  client.on('error', () => {});

  return {
    async send(db, contract, data, sendOpts = {}) {
      const payload = contract.schema.parse(data) as object;
      const q = contract.queue;
      await client.send(queueName(contract), payload, {
        db: executorAdapter(db),
        singletonKey: sendOpts.singletonKey,
        startAfter: sendOpts.startAfter,
        retryLimit: q.retryLimit,
        retryBackoff: q.retryBackoff,
        retryDelay: q.retryDelay,
        expireInSeconds: q.expireInSeconds,
      } as PgBoss.SendOptions);
    },
    async sendMany(db, contract, jobs) {
      if (!jobs.length) return;
      const q = contract.queue;
      const name = queueName(contract);
      const rows: PgBoss.JobInsert[] = jobs.map((j) => ({
        name,
        data: contract.schema.parse(j.data) as object,
        ...(j.singletonKey ? { singletonKey: j.singletonKey } : {}),
        // pg-boss reads a string ending in Z as an instant (and any other as an interval)
        ...(j.startAfter ? { startAfter: j.startAfter.toISOString() } : {}),
        retryLimit: q.retryLimit,
        retryDelay: q.retryDelay,
        retryBackoff: q.retryBackoff,
        expireInSeconds: q.expireInSeconds,
      }));
      await client.insert(rows, { db: executorAdapter(db) });
    },
    async open() {
      if (boss) return;
      await client.start();
      boss = client;
    },
    async startWorkers(deps, jobs) {
      await this.open();
      for (const job of jobs) {
        const name = queueName(job.contract);
        await client.work(name, { batchSize: 5, pollingIntervalSeconds: 1 }, async (batch) => {
          for (const j of batch) await runJob(deps, job, j.data);
        });
        if (job.contract.cron) await client.schedule(name, job.contract.cron, {}, { tz: 'Asia/Shanghai' });
      }
    },
    async stop() {
      if (boss) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      boss = null;
    },
    async depth() {
      let total = 0;
      for (const c of contracts) total += await client.getQueueSize(queueName(c));
      return total;
    },
  };
}
