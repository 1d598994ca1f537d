// Channels' contracts: the jobs that deliver and sweep the outbox.
import { z } from 'zod';
import { defineJobContract } from '../../jobs/contract.ts';

/** Delivers one outbox row through the configured sink; retried with back-off. */
export const deliverOutboxContract = defineJobContract({
  name: 'channels.deliver-outbox',
  schema: z.object({ divisionCode: z.string(), id: z.number().int() }),
  queue: { retryLimit: 8, retryDelay: 2, expireInSeconds: 60 },
});

/** Every minute: re-sends pending rows whose job was lost or gave up. */
export const sweepOutboxContract = defineJobContract({
  name: 'channels.sweep-outbox',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  queue: { retryLimit: 2, expireInSeconds: 120 },
});
