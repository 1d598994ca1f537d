// The start page's way into the job-market pages of a job seeker (issue 9): one button per entry
// of SEEKER_ENTRIES. A page added later (my applications, …) adds its entry to the list — path,
// label key, test id — and its route to seeker-routes.tsx; nothing else changes.
import Button from 'antd-mobile/es/components/button';
import { Link } from 'wouter';
import type { Role } from '../../shared/roles.ts';
import { useT } from '../i18n/index.ts';

export type SeekerEntry = { path: string; labelKey: string; testId: string };

/** Paths of the seeker pages, below /m/ (the job list is public: anyone may open it). */
export const JOBS_PATH = '/jobs';
export const SIGNUP_PATH = '/signup';
export const PROFILE_PATH = '/seeker/profile';
export const AGENCIES_PATH = '/seeker/agencies';
/** 为你推荐: the postings the matcher picks for the signed-in seeker (issue 12). */
export const RECOMMENDED_PATH = '/seeker/recommended';
/**
 * 职位提醒: the seeker's daily digest, its settings and the digests (issue 12, decision 0047). Not
 * below /seeker/: the digest's SMS and WeChat messages carry /m/alerts, and the server renders
 * /m/alerts/unsubscribe (docs/urls.md).
 */
export const ALERTS_PATH = '/alerts';
/** 我的面试: the seeker's online interviews (issue 13 S2, decision 0049; its route in market-routes.tsx). */
export const INTERVIEWS_PATH = '/interviews';

/** The start page's entries for a job seeker, in the order shown. */
export const SEEKER_ENTRIES: readonly SeekerEntry[] = [
  { path: JOBS_PATH, labelKey: 'seeker:home.jobs', testId: 'm-jobs-link' },
  // recommended postings (issue 12; its route in seeker-routes.tsx)
  { path: RECOMMENDED_PATH, labelKey: 'seeker:home.recommended', testId: 'm-recommended-link' },
  // job alerts (issue 12; its route in seeker-routes.tsx)
  { path: ALERTS_PATH, labelKey: 'alerts:title', testId: 'm-alerts-link' },
  { path: PROFILE_PATH, labelKey: 'seeker:home.profile', testId: 'm-profile-link' },
  { path: AGENCIES_PATH, labelKey: 'seeker:home.agencies', testId: 'm-agencies-link' },
  // my applications (decision 0036; its route in market-routes.tsx)
  { path: '/applications', labelKey: 'market:mine.title', testId: 'm-applications-link' },
  // my interviews (decision 0049; its route in market-routes.tsx)
  { path: INTERVIEWS_PATH, labelKey: 'interviews:title', testId: 'm-interviews-link' },
];

export function SeekerLinks({ role, entries = SEEKER_ENTRIES }: { role: Role; entries?: readonly SeekerEntry[] }) {
  const { t } = useT();
  if (role !== 'seeker') return null;
  return (
    <nav data-testid="m-seeker-links" style={{ display: 'flex', flexDirection: 'column', gap: 12, marginBottom: 12 }}>
      {entries.map((e) => (
        <Link key={e.path} href={e.path} data-testid={e.testId} style={{ display: 'block' }}>
          <Button block color="primary" fill="outline" size="large">
            {t(e.labelKey)}
          </Button>
        </Link>
      ))}
    </nav>
  );
}
