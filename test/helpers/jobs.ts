// Runs a job's handler directly, as a worker would, without the queue: the payload is checked with
// the contract's schema as queue.send does, goes through JSON as it does in pg-boss's table, and is
// checked again as the worker does (jobs/contract.ts runJob); the handler gets the test's deps, on
// the clock given (a ManualClock), so periodic jobs run at whatever time the test moved to.
import type { z } from 'zod';
import type { Deps } from '../../src/server/deps.ts';
import { type BoundJob, type JobContract, runJob as runBound } from '../../src/server/jobs/contract.ts';
import type { Clock } from '../../src/server/platform/clock.ts';

export async function runJob<S extends z.ZodType>(deps: Deps, job: BoundJob<S>, data: z.input<S>, opts: { clock?: Clock } = {}): Promise<void> {
  const sent = job.contract.schema.parse(data);
  await runBound(opts.clock ? { ...deps, clock: opts.clock } : deps, job, JSON.parse(JSON.stringify(sent)));
}

/** The bound job of `contract` among a module's jobs (throws when the module does not bind it). */
export function jobOf<S extends z.ZodType>(jobs: readonly BoundJob[], contract: JobContract<S>): BoundJob<S> {
  const job = jobs.find((j) => j.contract === contract);
  if (!job) throw new Error(`no handler bound to ${contract.name}`);
  return job as unknown as BoundJob<S>;
}
