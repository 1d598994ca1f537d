import type { ModuleDefinition } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { oversightRoutes } from './routes.ts';

/** The prevention desk of the bureaus (issue 8 R1, G4): figures, incidents and gaps per jurisdiction, its export and map. Read-only; no tables of its own. */
export const oversightModule: ModuleDefinition = {
  name: 'oversight',
  routes: oversightRoutes,
  messages,
};
