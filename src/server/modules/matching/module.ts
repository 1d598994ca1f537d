import type { ModuleDefinition } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { matchingRoutes } from './routes.ts';

/** The matchmaker (issue 12): explainable two-sided recommendations (decision 0046). */
export const matchingModule: ModuleDefinition = {
  name: 'matching',
  routes: matchingRoutes,
  messages,
};
