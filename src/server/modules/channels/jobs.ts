import { z } from 'zod';
import { defineJob } from '../../jobs/define.ts';

export const deliverOutboxJob = defineJob({
  name: 'channels.deliver-outbox',
  schema: z.object({ divisionCode: z.string(), id: z.number().int() }),
  handler: async (deps, data) => {
    const { deliverOutbox } = await import('./service.ts');
    await deliverOutbox(deps, data.divisionCode, data.id);
  },
});

export const sweepOutboxJob = defineJob({
  name: 'channels.sweep-outbox',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  handler: async (deps) => {
    const { sweepOutbox } = await import('./service.ts');
    await sweepOutbox(deps);
  },
});

export const channelJobs = [deliverOutboxJob, sweepOutboxJob];
