// A background job: a stable name, a zod payload, an idempotent handler. Declared in its module's
// jobs.ts and listed in jobs/registry.ts.
import type { z } from 'zod';
import type { Deps } from '../deps.ts';

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  schema: S;
  handler: (deps: Deps, data: z.infer<S>) => Promise<void>;
  /** cron (pg-boss, minute resolution), for periodic jobs */
  cron?: string;
  retryLimit?: number;
};

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}
