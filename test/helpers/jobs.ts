// Runs a job's handler directly, as a worker would, without the queue: the payload is checked with
// the contract's schema as queue.send does, goes through JSON as it does in pg-boss's table, and is
// checked again as the worker does (jobs/contract.ts runJob); the handler gets the test's deps, on
// the clock given (a ManualClock), so periodic jobs run at whatever time the test moved to.
import type { z } from 'zod';
import type { Deps } from '../../src/server/deps.ts';
import { sql } from 'kysely';
import { type BoundJob, type JobContract, queueName, runJob as runBound } from '../../src/server/jobs/contract.ts';
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

/**
 * Runs the jobs of `job`'s queue that are waiting in pg-boss's table (sent by the code under test
 * in its transaction) and removes them, as a worker would take them; `where` picks by payload.
 * Returns how many ran.
 */
export async function runQueuedJobs<S extends z.ZodType>(deps: Deps, job: BoundJob<S>, where: (data: z.infer<S>) => boolean = () => true, opts: { clock?: Clock } = {}): Promise<number> {
  const rows = await sql<{ id: string; data: z.input<S> & z.infer<S> }>`
    select id::text as id, data from pgboss.job where name = ${queueName(job.contract)} and state = 'created' order by created_on`.execute(deps.db);
  let ran = 0;
  for (const row of rows.rows) {
    if (!where(row.data)) continue;
    await sql`delete from pgboss.job where name = ${queueName(job.contract)} and id = ${row.id}::uuid`.execute(deps.db);
    await runJob(deps, job, row.data, opts);
    ran++;
  }
  return ran;
}
