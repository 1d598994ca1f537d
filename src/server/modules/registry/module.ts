import type { ModuleDefinition } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { registryRecode } from './recode.ts';
import { registryPersonalData } from './personal-data.ts';
import { movePhoneOfRoster } from './phone-move.ts';
import { registryRoutes } from './routes.ts';

/** HR service agencies, their staff rosters, employers; the desk summary. */
export const registryModule: ModuleDefinition = {
  name: 'registry',
  routes: registryRoutes,
  messages,
  personalData: registryPersonalData,
  recode: registryRecode,
  phoneMoved: movePhoneOfRoster,
};
