// The phone shell's job-market pages for seekers (issue 9, decision 0036): their applications,
// applying to a posting, and their online interviews (issue 13 S2, decision 0049). Each page its own chunk; kept apart from App.tsx like prevention-routes.tsx
// so other issues' routes merge without touching these lines.
import { lazy, Suspense } from 'react';
import { Route } from 'wouter';
import { useT } from './i18n/index.ts';
import { INTERVIEWS_PATH } from './seeker/links.tsx';

const MyApplicationsPage = lazy(() => import('./market/ApplicationsPage.tsx').then((m) => ({ default: m.MyApplicationsPage })));
const ApplyPage = lazy(() => import('./market/ApplicationsPage.tsx').then((m) => ({ default: m.ApplyPage })));
const InterviewsPage = lazy(() => import('./pages/InterviewsPage.tsx').then((m) => ({ default: m.InterviewsPage })));

/** The shell's paths of these pages (below /m/); /apply/{postingId} is what a job page's apply button opens. */
export const APPLICATIONS_PATH = '/applications';
export const APPLY_PATH = '/apply';

function Loading() {
  const { t } = useT();
  return <p style={{ padding: 24, color: '#8c8c8c' }}>{t('common:loading')}</p>;
}

const page = (node: React.ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

/** Route elements for App's <Switch> (wouter flattens the array). */
export const marketRoutes = [
  <Route key="applications" path={APPLICATIONS_PATH}>{() => page(<MyApplicationsPage />)}</Route>,
  <Route key="apply" path={`${APPLY_PATH}/:id`}>{(params: { id: string }) => page(<ApplyPage params={params} />)}</Route>,
  <Route key="interviews" path={INTERVIEWS_PATH}>{() => page(<InterviewsPage />)}</Route>,
];
