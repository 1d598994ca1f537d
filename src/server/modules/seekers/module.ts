import type { ModuleDefinition } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { seekersPersonalData } from './personal-data.ts';
import { seekersRecode } from './recode.ts';
import { seekersRoutes } from './routes.ts';

/** Job seekers who sign up (issue 9): registration by SMS code, profiles, agencies they authorise (decision 0035). */
export const seekersModule: ModuleDefinition = {
  name: 'seekers',
  routes: seekersRoutes,
  messages,
  personalData: seekersPersonalData,
  recode: seekersRecode,
};
