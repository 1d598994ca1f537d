// Binds the alerts module's job contracts to their handlers.
import { addDays, beijingDate } from '../../../shared/beijing-day.ts';
import { bindJob } from '../../jobs/contract.ts';
import { digestContract, readRepliesContract } from './schemas.ts';
import { readReplyFile, runDigest } from './service.ts';

export const alertsJobs = [
  // at 07:30 Beijing time: the day before's new postings
  bindJob(digestContract, async (deps, data) => {
    const day = data.day ?? addDays(beijingDate(deps.clock.now()), -1);
    const run = await runDigest(deps, { day });
    deps.log.info({ ...run }, 'job-alert digest written');
  }),
  bindJob(readRepliesContract, async (deps) => {
    const counts = await readReplyFile(deps);
    if (Object.values(counts).some(Boolean)) deps.log.info({ counts }, 'SMS replies read');
  }),
];
