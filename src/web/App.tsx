// Providers and routes. Every page is loaded lazily so the login page stays light and the
// officials' tables do not ship to a job seeker's phone.
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from './api/client.ts';
import { useMe } from './api/queries.ts';
import { homeOf } from './auth/roles.ts';
import { RequireDesk } from './auth/RequireDesk.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { PageLoading } from './components/PageLoading.tsx';

const LoginPage = lazy(() => import('./pages/login/LoginPage.tsx'));
const DeskLayout = lazy(() => import('./layout/DeskLayout.tsx'));
const SimpleLayout = lazy(() => import('./layout/SimpleLayout.tsx'));
const OverviewPage = lazy(() => import('./pages/official/OverviewPage.tsx'));
const DivisionsPage = lazy(() => import('./pages/official/DivisionsPage.tsx'));
const AgenciesPage = lazy(() => import('./pages/official/AgenciesPage.tsx'));
const AgencyCreatePage = lazy(() => import('./pages/official/AgencyCreatePage.tsx'));
const AgencyDetailPage = lazy(() => import('./pages/official/AgencyDetailPage.tsx'));
const EmployersPage = lazy(() => import('./pages/official/EmployersPage.tsx'));
const MyAgencyPage = lazy(() => import('./pages/agency/MyAgencyPage.tsx'));
const RosterPage = lazy(() => import('./pages/agency/RosterPage.tsx'));
const SelfHomePage = lazy(() => import('./pages/self/SelfHomePage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));

// A 401 from any call means the session is gone (expired, logged out elsewhere): forget the user,
// and the desk guard sends them to the login page.
function onApiError(error: unknown) {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(['me'], null);
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

function RootRedirect() {
  const me = useMe();
  if (me.isPending) return <PageLoading />;
  return <Navigate to={me.data ? homeOf(me.data.role) : '/login'} replace />;
}

function AppRoutes() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route path="/" element={<RootRedirect />} />
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/gov"
          element={
            <RequireDesk desk="official">
              <DeskLayout desk="official" />
            </RequireDesk>
          }
        >
          <Route index element={<OverviewPage />} />
          <Route path="divisions" element={<DivisionsPage />} />
          <Route path="agencies" element={<AgenciesPage />} />
          <Route path="agencies/new" element={<AgencyCreatePage />} />
          <Route path="agencies/:id" element={<AgencyDetailPage />} />
          <Route path="employers" element={<EmployersPage />} />
        </Route>
        <Route
          path="/agency"
          element={
            <RequireDesk desk="agency">
              <DeskLayout desk="agency" />
            </RequireDesk>
          }
        >
          <Route index element={<MyAgencyPage />} />
          <Route path="staff" element={<RosterPage />} />
        </Route>
        <Route
          path="/home"
          element={
            <RequireDesk desk="self">
              <SimpleLayout />
            </RequireDesk>
          }
        >
          <Route index element={<SelfHomePage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}

export function App() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (
    <ConfigProvider
      locale={english ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#0b5cad', borderRadius: 6 } }}
    >
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
