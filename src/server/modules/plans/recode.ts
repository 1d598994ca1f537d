// The plans module's part in re-coding a division (decision 0022): an agency's plan, its stock and
// its education log move with the agency, parents first.
import type { RecodeHook } from '../../platform/module.ts';

export const plansRecode: RecodeHook = {
  moves: ['prevention_plans', 'prevention_stock_items', 'prevention_education_sessions', 'prevention_education_attendees'],
};
