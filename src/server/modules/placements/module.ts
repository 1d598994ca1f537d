import type { ModuleDefinition } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { placementsPersonalData } from './personal-data.ts';
import { placementsRecode } from './recode.ts';
import { placementsRoutes } from './routes.ts';

/** Verified placements (issue 13 M6, decision 0051): recorded by the referring agency, confirmed by the employer, verified by the bureau's insurance rows. */
export const placementsModule: ModuleDefinition = {
  name: 'placements',
  routes: placementsRoutes,
  messages,
  personalData: placementsPersonalData,
  recode: placementsRecode,
};
