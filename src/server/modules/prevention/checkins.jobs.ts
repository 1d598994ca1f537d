// Binds the check-in jobs' contracts (schemas.ts) to their handlers.
import { bindJob } from '../../jobs/contract.ts';
import { computeDailyCounts, purgeCheckins, remindMissing } from './checkins.service.ts';
import { checkinRemindersContract, dailyCountsContract, purgeCheckinsContract } from './schemas.ts';

export const checkinJobs = [
  bindJob(checkinRemindersContract, async (deps) => {
    const due = await remindMissing(deps);
    if (due) deps.log.info({ due }, 'check-in reminders due');
  }),
  bindJob(dailyCountsContract, async (deps) => {
    deps.log.info({ rows: await computeDailyCounts(deps) }, 'daily check-in counts computed');
  }),
  bindJob(purgeCheckinsContract, async (deps) => {
    deps.log.info(await purgeCheckins(deps), 'raw check-ins past retention purged');
  }),
];
