// Binds channels' job contracts to their handlers.
import { bindJob } from '../../jobs/contract.ts';
import { deliverOutboxContract, sweepOutboxContract } from './schemas.ts';
import { deliverOutbox, sweepOutbox } from './service.ts';

export const channelJobs = [
  bindJob(deliverOutboxContract, (deps, data) => deliverOutbox(deps, data.divisionCode, data.id)),
  bindJob(sweepOutboxContract, async (deps) => {
    await sweepOutbox(deps);
  }),
];
