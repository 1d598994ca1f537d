// Channels' contracts: the jobs that deliver and sweep the outbox.
import { z } from 'zod';
import { defineJobContract } from '../../jobs/contract.ts';

/** Delivers one outbox row through the configured sink; retried with back-off. */
export const deliverOutboxContract = defineJobContract({
  name: 'channels.deliver-outbox',
  schema: z.object({ divisionCode: z.string(), id: z.number().int() }),
  queue: { retryLimit: 8, retryDelay: 2, expireInSeconds: 60 },
});

/** Most rows one batch job names (a digest's messages go out in jobs of this many). */
export const OUTBOX_BATCH = 500;

/**
 * Delivers up to OUTBOX_BATCH outbox rows through the configured sink: the daily digest's
 * hundreds of thousands of messages go out as a thousand jobs, not a job each (pg-boss takes a
 * few jobs a second; decision 0047). Retried with back-off: the rows already delivered are skipped.
 */
export const deliverOutboxBatchContract = defineJobContract({
  name: 'channels.deliver-outbox-batch',
  schema: z.object({ rows: z.array(z.object({ d: z.string(), id: z.number().int() })).min(1).max(OUTBOX_BATCH) }),
  queue: { retryLimit: 8, retryDelay: 2, expireInSeconds: 900 },
});

/** Every minute: re-sends pending rows whose job was lost or gave up. */
export const sweepOutboxContract = defineJobContract({
  name: 'channels.sweep-outbox',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  queue: { retryLimit: 2, expireInSeconds: 120 },
});
