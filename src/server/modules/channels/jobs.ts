// Binds channels' job contracts to their handlers.
import { bindJob } from '../../jobs/contract.ts';
import { deliverOutboxBatchContract, deliverOutboxContract, sweepOutboxContract } from './schemas.ts';
import { deliverOutbox, deliverOutboxBatch, sweepOutbox } from './service.ts';

export const channelJobs = [
  bindJob(deliverOutboxContract, (deps, data) => deliverOutbox(deps, data.divisionCode, data.id)),
  bindJob(deliverOutboxBatchContract, async (deps, data) => {
    await deliverOutboxBatch(deps, data.rows);
  }),
  bindJob(sweepOutboxContract, async (deps) => {
    await sweepOutbox(deps);
  }),
];
