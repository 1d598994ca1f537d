import type { ModuleDefinition } from '../../platform/module.ts';
import { marketJobs } from './jobs.ts';
import { messages } from './messages.ts';
import { marketPersonalData } from './personal-data.ts';
import { marketRecode } from './recode.ts';
import { marketPages } from './pages.ts';
import { marketRoutes } from './routes.ts';

/** The job market (issue 9): postings, their lifecycle and expiry, the import, the public list and the change feed; applications (decision 0036). */
export const marketModule: ModuleDefinition = {
  name: 'market',
  routes: marketRoutes,
  pages: marketPages,
  jobs: marketJobs,
  messages,
  personalData: marketPersonalData,
  recode: marketRecode,
};
