import type { ModuleDefinition } from '../../platform/module.ts';
import { attachmentsJobs } from './jobs.ts';
import { messages } from './messages.ts';
import { attachmentsPersonalData } from './personal-data.ts';
import { attachmentsRoutes } from './routes.ts';

/** Files the platform keeps (licence scans, authorisations, paper consents): limits, scope, audited reads, retention (decision 0035). */
export const attachmentsModule: ModuleDefinition = {
  name: 'attachments',
  routes: attachmentsRoutes,
  jobs: attachmentsJobs,
  messages,
  personalData: attachmentsPersonalData,
  // moved with their county; registrations (registry) point at them, so they are copied first
  recode: { moves: ['attachments'] },
};
