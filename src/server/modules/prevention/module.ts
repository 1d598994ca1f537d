import type { ModuleDefinition } from '../../platform/module.ts';
import type { Deps } from '../../deps.ts';
import { checkinJobs } from './checkins.jobs.ts';
import { checkinsPersonalData } from './checkins.personal-data.ts';
import { incidentsJobs } from './incidents.jobs.ts';
import { bothHooks, incidentsPersonalData } from './incidents.personal-data.ts';
import { incidentMessages } from './incidents.messages.ts';
import { incidentsRoutes } from './incidents.routes.ts';
import { messages } from './messages.ts';
import { preventionRoutes } from './routes.ts';

/** Prevention duties (issue 8 P3/P4): consent, daily check-ins, incidents and the desks' inbox. */
export const preventionModule: ModuleDefinition = {
  name: 'prevention',
  // consent and check-ins (routes.ts), incidents, inbox and duty phones (incidents.routes.ts)
  routes: (deps: Deps) => async (app) => {
    await app.register(preventionRoutes(deps));
    await app.register(incidentsRoutes(deps));
  },
  jobs: [...checkinJobs, ...incidentsJobs],
  messages: { ...messages, ...incidentMessages },
  personalData: bothHooks(checkinsPersonalData, incidentsPersonalData),
  recode: {
    moves: ['prevention_settings', 'prevention_consents', 'prevention_incidents', 'prevention_incident_steps', 'prevention_escalations', 'prevention_checkins', 'prevention_daily_counts'],
    stays: {
      prevention_inbox: "notices are a desk's history; the successor's officials read them through their predecessor prefixes",
      prevention_duty_phones: "a bureau's own setting, kept under its code; the successor's bureau sets its own",
    },
  },
};
