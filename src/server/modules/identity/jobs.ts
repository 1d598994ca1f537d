import { z } from 'zod';
import { defineJob } from '../../jobs/define.ts';

export const purgeSignInStateJob = defineJob({
  name: 'identity.purge-sign-in-state',
  schema: z.object({}).passthrough(),
  cron: '*/10 * * * *',
  handler: async (deps) => {
    const { purgeSignInState } = await import('./service.ts');
    const purged = await purgeSignInState(deps);
    deps.log.debug({ purged }, 'sign-in state purged');
  },
});

export const identityJobs = [purgeSignInStateJob];
