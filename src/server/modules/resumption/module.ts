import type { ModuleDefinition } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { resumptionPersonalData } from './personal-data.ts';
import { resumptionRecode } from './recode.ts';
import { resumptionRoutes } from './routes.ts';

/** Resumption plans (issue 13 M2, decision 0050): employers' plans, returning employees, demand against supply, point-to-point transport at both ends. */
export const resumptionModule: ModuleDefinition = {
  name: 'resumption',
  routes: resumptionRoutes,
  messages,
  personalData: resumptionPersonalData,
  recode: resumptionRecode,
};
