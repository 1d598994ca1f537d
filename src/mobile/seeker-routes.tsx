// The phone shell's job-market pages for job seekers (issue 9): sign-up, the job list, the profile,
// the agencies authorised, the postings recommended (为你推荐, issue 12) and job alerts (职位提醒, issue 12:
// /alerts only — /m/alerts/unsubscribe is the server's page). Each page is its own
// chunk, loaded when its route is opened; the public job pages themselves (/m/jobs/{code}) are
// rendered by the server. Kept apart from App.tsx (like prevention-routes.tsx) so other issues'
// routes merge without touching these lines; a page added later (my applications) adds its route
// here and its entry to seeker/links.tsx.
import { lazy, Suspense } from 'react';
import { Route } from 'wouter';
import { useT } from './i18n/index.ts';
import { AGENCIES_PATH, ALERTS_PATH, JOBS_PATH, PROFILE_PATH, RECOMMENDED_PATH, SIGNUP_PATH } from './seeker/links.tsx';

const SignupPage = lazy(() => import('./pages/SignupPage.tsx').then((m) => ({ default: m.SignupPage })));
const JobsPage = lazy(() => import('./pages/JobsPage.tsx').then((m) => ({ default: m.JobsPage })));
const ProfilePage = lazy(() => import('./pages/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })));
const AgenciesPage = lazy(() => import('./pages/AgenciesPage.tsx').then((m) => ({ default: m.AgenciesPage })));
const RecommendedPage = lazy(() => import('./pages/RecommendedPage.tsx').then((m) => ({ default: m.RecommendedPage })));
const AlertsPage = lazy(() => import('./pages/AlertsPage.tsx').then((m) => ({ default: m.AlertsPage })));

function Loading() {
  const { t } = useT();
  return <p style={{ padding: 24, color: '#8c8c8c' }}>{t('common:loading')}</p>;
}

const page = (node: React.ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

/** Route elements for App's <Switch> (wouter flattens the array). */
export const seekerRoutes = [
  <Route key="signup" path={SIGNUP_PATH}>{() => page(<SignupPage />)}</Route>,
  <Route key="jobs" path={JOBS_PATH}>{() => page(<JobsPage />)}</Route>,
  <Route key="profile" path={PROFILE_PATH}>{() => page(<ProfilePage />)}</Route>,
  <Route key="agencies" path={AGENCIES_PATH}>{() => page(<AgenciesPage />)}</Route>,
  <Route key="recommended" path={RECOMMENDED_PATH}>{() => page(<RecommendedPage />)}</Route>,
  <Route key="alerts" path={ALERTS_PATH}>{() => page(<AlertsPage />)}</Route>,
];
