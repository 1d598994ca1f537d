// The phone shell's start page for agency staff and job seekers (the check-in, job search and
// seeker pages of later issues hang off it). Not signed in → the login page; a desk role → its desk.
import Button from 'antd-mobile/es/components/button';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { api, type Me } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { fetchMe, leaveForDesk } from '../session.ts';

export function HomePage() {
  const { t } = useT();
  const [, navigate] = useLocation();
  const [me, setMe] = useState<Me | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchMe()
      .then((user) => {
        if (!live) return;
        if (!user) navigate('/login', { replace: true });
        else if (!leaveForDesk(user.role)) setMe(user);
      })
      .catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [navigate]);

  async function logout() {
    await api.POST('/api/v1/auth/logout');
    navigate('/login', { replace: true });
  }

  if (failed) return <p role="alert" style={{ padding: 24 }}>{failed}</p>;
  if (!me) return <p style={{ padding: 24, color: '#8c8c8c' }}>{t('common:loading')}</p>;
  return (
    <div style={{ padding: '24px 16px' }}>
      <h1 data-testid="m-greeting" style={{ fontSize: 22, margin: '0 0 4px' }}>
        {t('auth:home.greeting', { name: me.displayName })}
      </h1>
      <div data-testid="m-role" style={{ color: '#595959', marginBottom: 16 }}>
        {t(`auth:role.${me.role}`)}
      </div>
      <p style={{ color: '#595959' }}>{t('auth:home.soon')}</p>
      <Button block data-testid="m-logout" onClick={() => void logout()}>
        {t('auth:home.logout')}
      </Button>
    </div>
  );
}
