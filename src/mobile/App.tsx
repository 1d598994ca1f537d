// The phone shell's routes, below /m/ (wouter's base). Pages that later issues add here: venue
// check-in (/v/:code), visitor registration, job search and job pages (/jobs/:id) — the URL formats
// that get printed are fixed in docs/urls.md. A service worker, when one comes, is registered with
// scope '/m/' and never controls the desks.
import ConfigProvider from 'antd-mobile/es/components/config-provider';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { Route, Router, Switch } from 'wouter';
import { useT } from './i18n/index.ts';
import { ChoosePage } from './pages/ChoosePage.tsx';
import { DeclarePage } from './pages/DeclarePage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PasswordPage } from './pages/PasswordPage.tsx';
import { ResetPasswordPage } from './pages/ResetPasswordPage.tsx';
import { VenuePage } from './pages/VenuePage.tsx';
import { preventionRoutes } from './prevention-routes.tsx';
import { seekerRoutes } from './seeker-routes.tsx';
import { CHOOSE_PATH, PASSWORD_PATH } from './session.ts';

/** The URL prefix the shell lives under (the server's MOBILE_PREFIX without its last slash). */
export const BASE = '/m';

export function App() {
  const { lang } = useT();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
      <Router base={BASE}>
        <Switch>
          <Route path="/" component={HomePage} />
          <Route path="/login" component={LoginPage} />
          <Route path="/reset-password" component={ResetPasswordPage} />
          <Route path={CHOOSE_PATH} component={ChoosePage} />
          <Route path={PASSWORD_PATH} component={PasswordPage} />
          <Route path="/v/:code" component={VenuePage} />
          <Route path="/screening" component={DeclarePage} />
          {preventionRoutes}
          {seekerRoutes}
          <Route component={NotFoundPage} />
        </Switch>
      </Router>
    </ConfigProvider>
  );
}
