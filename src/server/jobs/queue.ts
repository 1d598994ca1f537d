// The job queue: pg-boss in the same database. Jobs are sent inside the caller's transaction
// (pg-boss's `db` option), so a job exists exactly when the change that caused it committed.
import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Deps } from '../deps.ts';
import { BOSS_SCHEMA } from '../db/migrate.ts';
import type { Executor } from '../db/tx.ts';
import type { JobDefinition } from './define.ts';
import { allJobs } from './registry.ts';

export type Queue = {
  send<S extends z.ZodType>(db: Executor, job: JobDefinition<S>, data: z.infer<S>, opts?: { singletonKey?: string; startAfter?: Date }): Promise<void>;
  /** Connects (needed before send). */
  open(): Promise<void>;
  /** Starts this instance's workers and schedules. */
  startWorkers(deps: Deps): Promise<void>;
  stop(): Promise<void>;
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

export function createQueue(url: string, opts: { poolSize?: number; supervise?: boolean } = {}): Queue {
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
    async send(db, job, data, sendOpts = {}) {
      const payload = job.schema.parse(data) as object;
      await client.send(job.name, payload, {
        db: executorAdapter(db),
        singletonKey: sendOpts.singletonKey,
        startAfter: sendOpts.startAfter,
        retryLimit: job.retryLimit ?? 8,
        retryBackoff: true,
        retryDelay: 2,
      } as PgBoss.SendOptions);
    },
    async open() {
      if (boss) return;
      await client.start();
      boss = client;
    },
    async startWorkers(deps) {
      await this.open();
      for (const job of allJobs()) {
        await client.work(job.name, { batchSize: 5, pollingIntervalSeconds: 1 }, async (jobs) => {
          for (const j of jobs) await job.handler(deps, job.schema.parse(j.data));
        });
        if (job.cron) await client.schedule(job.name, job.cron, {}, { tz: 'Asia/Shanghai' });
      }
    },
    async stop() {
      if (boss) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      boss = null;
    },
    async depth() {
      let total = 0;
      for (const job of allJobs()) total += await client.getQueueSize(job.name);
      return total;
    },
  };
}
