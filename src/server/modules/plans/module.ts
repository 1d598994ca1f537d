import type { ModuleDefinition } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { plansRecode } from './recode.ts';
import { plansRoutes } from './routes.ts';

/** Each agency's prevention plan (P1): measures, responsible person, protective stock, education log. */
export const plansModule: ModuleDefinition = {
  name: 'plans',
  routes: plansRoutes,
  messages,
  recode: plansRecode,
};
