import type { ModuleDefinition } from '../../platform/module.ts';
import { alertsJobs } from './jobs.ts';
import { messages } from './messages.ts';
import { alertsPages } from './pages.ts';
import { alertsPersonalData } from './personal-data.ts';
import { alertsRoutes } from './routes.ts';

/** Job alerts (issue 12): a daily digest of the new postings that match each subscriber, by SMS, in the app and by WeChat (decision 0047). */
export const alertsModule: ModuleDefinition = {
  name: 'alerts',
  routes: alertsRoutes,
  pages: alertsPages,
  jobs: alertsJobs,
  messages,
  personalData: alertsPersonalData,
  // subscriptions and digests follow their profile (seekers moves first); the day's new postings follow theirs
  recode: { moves: ['alert_subscriptions', 'alert_digests', 'alert_new_postings'] },
};
