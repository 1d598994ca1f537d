// The phone shell's prevention pages (issue 8): the daily health report and consent for agency
// staff, bookings for job seekers and employers. Each page is its own chunk, loaded when its route
// is opened (the service worker precaches them all, so the check-in page opens offline where one
// runs). Kept apart from App.tsx so other issues' routes merge without touching these lines.
import { lazy, Suspense } from 'react';
import { Route } from 'wouter';
import { useT } from './i18n/index.ts';

const CheckinPage = lazy(() => import('./pages/CheckinPage.tsx').then((m) => ({ default: m.CheckinPage })));
const ConsentPage = lazy(() => import('./pages/ConsentPage.tsx').then((m) => ({ default: m.ConsentPage })));
const BookingsPage = lazy(() => import('./pages/BookingsPage.tsx').then((m) => ({ default: m.BookingsPage })));
const VenueSlotsPage = lazy(() => import('./pages/BookingsPage.tsx').then((m) => ({ default: m.VenueSlotsPage })));

/** The shell's paths of these pages (below /m/). */
export const CHECKIN_PATH = '/checkin';
export const CONSENT_PATH = '/consent';
export const BOOKINGS_PATH = '/bookings';

function Loading() {
  const { t } = useT();
  return <p style={{ padding: 24, color: '#8c8c8c' }}>{t('common:loading')}</p>;
}

const page = (node: React.ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

/** Route elements for App's <Switch> (wouter flattens the array). */
export const preventionRoutes = [
  <Route key="checkin" path={CHECKIN_PATH}>{() => page(<CheckinPage />)}</Route>,
  <Route key="consent" path={CONSENT_PATH}>{() => page(<ConsentPage />)}</Route>,
  <Route key="bookings" path={BOOKINGS_PATH}>{() => page(<BookingsPage />)}</Route>,
  <Route key="venue-slots" path={`${BOOKINGS_PATH}/venues/:id`}>{(params: { id: string }) => page(<VenueSlotsPage params={params} />)}</Route>,
];
