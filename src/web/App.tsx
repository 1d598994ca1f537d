// Providers and routes. The desks' pages come from their tables in routes.tsx; every page is loaded
// lazily so the login page stays light and the officials' tables do not ship to a job seeker's phone.
// What a desk URL needs — /me, its layout, its page — is asked for at once (preloadEntry, DeskFrame)
// rather than each after the one before.
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from './api/client.ts';
import { meQuery, useMe } from './api/queries.ts';
import { CHOOSE_PATH, PASSWORD_PATH } from './auth/entry.ts';
import { type Desk, homeOf } from './auth/roles.ts';
import { RequireDesk, RequireRole } from './auth/RequireDesk.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { PageLoading } from './components/PageLoading.tsx';
import { deskTheme, useReducedMotion } from './lib/reducedMotion.ts';
import { DESKS, type DeskPage, deskPageAt, lazyPage, preloadDeskPage } from './routes.tsx';

const LoginPage = lazy(() => import('./pages/login/LoginPage.tsx'));
const ChoosePage = lazy(() => import('./pages/login/ChoosePage.tsx'));
const PasswordPage = lazy(() => import('./pages/login/PasswordPage.tsx'));
const DeskLayout = lazyPage(() => import('./layout/DeskLayout.tsx'));
const SimpleLayout = lazyPage(() => import('./layout/SimpleLayout.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));

// A 401 from any call means the session is gone (expired, logged out elsewhere): forget the user,
// and the desk guard sends them to the login page. A 403 password_change_required (a one-time
// password set meanwhile): ask /me again, and the guard sends them to change it.
function onApiError(error: unknown) {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(['me'], null);
  if (error instanceof ApiError && error.code === 'password_change_required') void queryClient.invalidateQueries({ queryKey: ['me'] });
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

/**
 * Starts downloading what the desk page at `pathname` shows, its desk's layout and the page, side
 * by side: otherwise the page is asked for only once the layout has arrived and rendered.
 */
function preloadDesk(pathname: string) {
  const at = deskPageAt(pathname);
  if (!at) return;
  void (at.desk === 'self' ? SimpleLayout : DeskLayout).preload().catch(() => undefined); // the render shows a failure
  void preloadDeskPage(pathname);
}

/**
 * On load, before the first render (main.tsx): the session (/me) and the page at `pathname`
 * with its layout download together instead of one after another; the render finds them cached.
 */
export function preloadEntry(pathname: string) {
  void queryClient.prefetchQuery(meQuery);
  preloadDesk(pathname);
}

function RootRedirect() {
  const me = useMe();
  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to="/login" replace />;
  return <Navigate to={me.data.mustChangePassword ? PASSWORD_PATH : homeOf(me.data.role)} replace />;
}

function GuardedPage({ page: { page: Page, roles } }: { page: DeskPage }) {
  return (
    <RequireRole roles={roles}>
      <Page />
    </RequireRole>
  );
}

/**
 * A desk's guard and layout. Entering it (after signing in, choosing a membership, from `/`) starts
 * the landing page's download with the layout's, during the render: an effect would wait for the
 * layout, the navigation being a transition that commits only when it is there.
 */
function DeskFrame({ desk }: { desk: Desk }) {
  preloadDesk(useLocation().pathname);
  return <RequireDesk desk={desk}>{desk === 'self' ? <SimpleLayout /> : <DeskLayout desk={desk} />}</RequireDesk>;
}

/** A desk's routes, from its table in routes.tsx: the guard and layout around every page of it. */
function deskRoutes(desk: Desk) {
  const { root, pages } = DESKS[desk];
  return (
    <Route key={desk} path={root} element={<DeskFrame desk={desk} />}>
      {pages.map((page) =>
        page.path ? (
          <Route key={page.path} path={page.path} element={<GuardedPage page={page} />} />
        ) : (
          <Route key="" index element={<GuardedPage page={page} />} />
        ),
      )}
    </Route>
  );
}

function AppRoutes() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route path="/" element={<RootRedirect />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path={CHOOSE_PATH} element={<ChoosePage />} />
        <Route path={PASSWORD_PATH} element={<PasswordPage />} />
        {(Object.keys(DESKS) as Desk[]).map(deskRoutes)}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}

export function App() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  // no antd animation for a person whose system asks for less motion (lib/reducedMotion.ts)
  const reducedMotion = useReducedMotion();
  const theme = useMemo(() => deskTheme(reducedMotion), [reducedMotion]);
  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <ErrorBoundary>
              <AppRoutes />
            </ErrorBoundary>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
