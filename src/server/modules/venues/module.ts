import type { ModuleDefinition } from '../../platform/module.ts';
import { venuesJobs } from './jobs.ts';
import { messages } from './messages.ts';
import { venuesPersonalData } from './personal-data.ts';
import { venuesRecode } from './recode.ts';
import { venuesRoutes } from './routes.ts';

/** Service venues of agencies: hygiene (P5), entry checks and visitors (P6), flow, bookings and occupancy (P7). */
export const venuesModule: ModuleDefinition = {
  name: 'venues',
  routes: venuesRoutes,
  jobs: venuesJobs,
  messages,
  personalData: venuesPersonalData,
  recode: venuesRecode,
};
