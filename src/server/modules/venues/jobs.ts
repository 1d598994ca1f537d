// Binds the venues module's job contracts to their handlers.
import { bindJob } from '../../jobs/contract.ts';
import { closeOpenVisitsContract, flagMissedHygieneContract, purgeVisitorsContract, watchDwellContract } from './schemas.ts';
import { closeOpenVisits, flagMissedHygiene, purgeVisitors, watchDwell } from './service.ts';

export const venuesJobs = [
  bindJob(flagMissedHygieneContract, async (deps) => {
    const flagged = await flagMissedHygiene(deps);
    if (flagged) deps.log.info({ flagged }, 'hygiene slots flagged as missed');
  }),
  bindJob(watchDwellContract, async (deps) => {
    const alerts = await watchDwell(deps);
    if (alerts) deps.log.info({ alerts }, 'overlong stays alerted');
  }),
  bindJob(closeOpenVisitsContract, async (deps) => {
    const closed = await closeOpenVisits(deps);
    if (closed) deps.log.info({ closed }, 'open visits of earlier days closed');
  }),
  bindJob(purgeVisitorsContract, async (deps) => {
    deps.log.info(await purgeVisitors(deps), 'visitor records past retention purged');
  }),
];
