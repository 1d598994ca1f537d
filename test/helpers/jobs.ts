// Runs a job's handler directly, as a worker would, without the queue: the payload is checked with
// the job's schema as queue.send does, goes through JSON as it does in pg-boss's table, and is
// checked again as the worker does; the handler gets the test's deps, on the clock given (a
// ManualClock), so periodic jobs run at whatever time the test moved to.
import type { z } from 'zod';
import type { Deps } from '../../src/server/deps.ts';
import type { JobDefinition } from '../../src/server/jobs/define.ts';
import type { Clock } from '../../src/server/platform/clock.ts';

export async function runJob<S extends z.ZodType>(deps: Deps, job: JobDefinition<S>, data: z.input<S>, opts: { clock?: Clock } = {}): Promise<void> {
  const sent = job.schema.parse(data);
  const received = job.schema.parse(JSON.parse(JSON.stringify(sent)));
  await job.handler(opts.clock ? { ...deps, clock: opts.clock } : deps, received);
}
