import type { ModuleDefinition } from '../../platform/module.ts';
import { loadReferenceData } from './loader.ts';
import { messages } from './messages.ts';
import { referenceRoutes } from './routes.ts';

/** Divisions (GB/T 2260), industries (GB/T 4754-2017), occupations (大典 2022), education levels. */
export const referenceModule: ModuleDefinition = {
  name: 'reference',
  routes: referenceRoutes,
  messages,
  referenceData: loadReferenceData,
};
