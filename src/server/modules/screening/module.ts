import type { ModuleDefinition } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { screeningPersonalData } from './personal-data.ts';
import { screeningRecode } from './recode.ts';
import { screeningRoutes } from './routes.ts';

/** Risk areas the province keeps, and staff screening declarations matched against them (P2). */
export const screeningModule: ModuleDefinition = {
  name: 'screening',
  routes: screeningRoutes,
  messages,
  personalData: screeningPersonalData,
  recode: screeningRecode,
};
