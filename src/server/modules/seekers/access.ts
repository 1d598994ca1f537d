// Rules about a job seeker's registration that need no database (issue 9; decision 0040).
import { beijingDate } from '../../../shared/beijing-day.ts';

/** How long a registration stays valid when the seeker names no date, and at most (days). */
export const DEFAULT_VALID_DAYS = 183;
export const MAX_VALID_DAYS = 366;

/**
 * Whether a registration valid until `validUntil` (`YYYY-MM-DD`) has lapsed at `now`: it is in
 * force through that Beijing day, to 23:59:59 Beijing time as a posting's "valid until" a date
 * (market/postings.service.ts lastInstant), and lapsed from 00:00 the next day, whatever the
 * server's zone. A lapsed registration is seen by its seeker and by officials only: agencies no
 * longer list, read or refer it, employers no longer see the profile on an application, and its
 * seeker cannot apply until they renew.
 */
export function registrationExpired(validUntil: string, now: Date): boolean {
  return validUntil < beijingDate(now);
}
