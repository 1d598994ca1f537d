// A background job's contract — stable name, version, zod payload, queue options, cron — lives
// apart from its handler: a service sends by contract (importing only the module's schemas.ts),
// and the module's jobs.ts binds the handler, importing the service. No import cycle, no dynamic
// import as a cycle breaker. Queues are created and updated from the contracts by the owner role.
import type { z } from 'zod';
import type { Deps } from '../deps.ts';

/** pg-boss queue options a contract fixes for its queue (seconds; pg-boss 10 semantics). */
export type QueueOptions = {
  /** Retries after the first attempt. */
  retryLimit: number;
  /** Seconds before the first retry (doubled each time with back-off). */
  retryDelay: number;
  retryBackoff: boolean;
  /** A job running longer than this is failed and retried: size it to the job (imports, digests). */
  expireInSeconds: number;
};

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = { retryLimit: 8, retryDelay: 2, retryBackoff: true, expireInSeconds: 60 };

export type JobContract<S extends z.ZodType = z.ZodType> = {
  /** `module.verb-noun`, stable: it names the queue. */
  name: string;
  /** Bumped when the payload changes incompatibly; version n > 1 gets a queue of its own. */
  version: number;
  schema: S;
  queue: QueueOptions;
  /** pg-boss cron (minute resolution, Asia/Shanghai), for periodic jobs. */
  cron?: string;
};

export function defineJobContract<S extends z.ZodType>(c: {
  name: string;
  version?: number;
  schema: S;
  queue?: Partial<QueueOptions>;
  cron?: string;
}): JobContract<S> {
  if (!/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/.test(c.name)) throw new Error(`job name ${c.name} is not module.verb-noun`);
  return { name: c.name, version: c.version ?? 1, schema: c.schema, queue: { ...DEFAULT_QUEUE_OPTIONS, ...c.queue }, ...(c.cron ? { cron: c.cron } : {}) };
}

/** The pg-boss queue a contract's jobs go to: its name, suffixed with the version after the first. */
export function queueName(c: Pick<JobContract, 'name' | 'version'>): string {
  return c.version > 1 ? `${c.name}.v${c.version}` : c.name;
}

export type JobHandler<S extends z.ZodType = z.ZodType> = (deps: Deps, data: z.infer<S>) => Promise<void>;

/** A contract with its handler: what a module lists in its manifest entry's `jobs`. */
export type BoundJob<S extends z.ZodType = z.ZodType> = { contract: JobContract<S>; handle: JobHandler<S> };

export function bindJob<S extends z.ZodType>(contract: JobContract<S>, handle: JobHandler<S>): BoundJob {
  return { contract, handle } as unknown as BoundJob;
}

/**
 * Runs a job's handler once, as a worker would: the payload parsed by the contract's schema first.
 * Tests call it with deps on a ManualClock; workers call it for each job they fetch.
 */
export async function runJob<S extends z.ZodType>(deps: Deps, job: BoundJob<S>, data: unknown): Promise<void> {
  await job.handle(deps, job.contract.schema.parse(data));
}
