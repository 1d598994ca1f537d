// Binds the attachments module's job contracts to their handlers.
import { bindJob } from '../../jobs/contract.ts';
import { purgeAttachmentsContract } from './schemas.ts';
import { purgeExpiredAttachments } from './service.ts';

export const attachmentsJobs = [
  bindJob(purgeAttachmentsContract, async (deps) => {
    const purged = await purgeExpiredAttachments(deps);
    if (purged) deps.log.info({ purged }, 'attachments past retention deleted');
  }),
];
