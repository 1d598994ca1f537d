// Binds the market module's job contracts to their handlers.
import { bindJob } from '../../jobs/contract.ts';
import { compactFeedContract, expirePostingsContract, interviewRemindersContract } from './schemas.ts';
import { compactFeed, expirePostings, sendInterviewReminders } from './service.ts';

export const marketJobs = [
  bindJob(expirePostingsContract, async (deps) => {
    const expired = await expirePostings(deps);
    if (expired) deps.log.info({ expired }, 'postings past their valid-until instant expired');
  }),
  bindJob(compactFeedContract, async (deps) => {
    const removed = await compactFeed(deps);
    if (removed) deps.log.info({ removed }, 'superseded feed changes compacted');
  }),
  bindJob(interviewRemindersContract, async (deps) => {
    const reminded = await sendInterviewReminders(deps);
    if (reminded) deps.log.info({ reminded }, 'interview reminders queued');
  }),
];
