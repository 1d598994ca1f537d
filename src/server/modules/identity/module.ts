import type { ModuleDefinition } from '../../platform/module.ts';
import { identityJobs } from './jobs.ts';
import { messages } from './messages.ts';
import { identityPersonalData } from './personal-data.ts';
import { identityRecode } from './recode.ts';
import { identityRoutes } from './routes.ts';

/** Accounts, sign-in (password, SMS code), sessions, lockout. */
export const identityModule: ModuleDefinition = {
  name: 'identity',
  routes: identityRoutes,
  jobs: identityJobs,
  messages,
  personalData: identityPersonalData,
  recode: identityRecode,
};
