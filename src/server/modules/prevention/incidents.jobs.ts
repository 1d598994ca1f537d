// Binds the incident jobs' contracts to their handlers.
import { bindJob } from '../../jobs/contract.ts';
import { eraseIncidentSubjectsContract, watchIncidentDeadlinesContract } from './incidents.schemas.ts';
import { eraseIncidentSubjects, watchIncidentDeadlines } from './incidents.service.ts';

export const incidentsJobs = [
  bindJob(watchIncidentDeadlinesContract, async (deps) => {
    const escalated = await watchIncidentDeadlines(deps);
    if (escalated) deps.log.info({ escalated }, 'overdue incident stages escalated');
  }),
  bindJob(eraseIncidentSubjectsContract, async (deps) => {
    const erased = await eraseIncidentSubjects(deps);
    if (erased) deps.log.info({ erased }, 'incident subjects past retention erased');
  }),
];
