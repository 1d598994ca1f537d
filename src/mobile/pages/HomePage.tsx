// The phone shell's start page for agency staff and job seekers (the check-in and bookings pages,
// and a job seeker's job-market pages: seeker/links.tsx). Not signed in → the login page; a one-time password
// still in use → changing it; a desk role → its desk. A person with several memberships switches
// between them here without signing in again.
import Button from 'antd-mobile/es/components/button';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { type Me, messageOf } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { enter, fetchMe, leaveForDesk, PASSWORD_PATH, switchMembership } from '../session.ts';
import { startQueue } from '../offline/queue.ts';
import { PreventionLinks } from '../prevention/links.tsx';
import { SeekerLinks } from '../seeker/links.tsx';
import { SignOutButton } from '../prevention/parts.tsx';
import { Banner, MembershipOptions } from './parts.tsx';

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
        else if (user.mustChangePassword) navigate(PASSWORD_PATH, { replace: true });
        else if (!leaveForDesk(user.role)) {
          setMe(user);
          // the account's reports queued on this phone go now that it is signed in (decision 0029)
          void startQueue();
        }
      })
      .catch((e: unknown) => setFailed(messageOf(e)));
    return () => {
      live = false;
    };
  }, [navigate]);

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
      <SeekerLinks role={me.role} />
      <PreventionLinks role={me.role} />
      {me.role !== 'seeker' && <p style={{ color: '#595959' }}>{t('auth:home.soon')}</p>}
      {me.role === 'agency_staff' && (
        <Button block color="primary" style={{ marginBottom: 12 }} data-testid="m-declare" onClick={() => navigate('/screening')}>
          {t('screening:title')}
        </Button>
      )}
      {me.memberships.length > 1 && <SwitchMembership me={me} onSwitched={setMe} />}
      <SignOutButton />
    </div>
  );
}

/**
 * "切换身份": the person's memberships, the current one marked; choosing another switches the
 * session to it. Staff and seeker roles stay on this page (`onSwitched`); a desk role leaves.
 */
function SwitchMembership({ me, onSwitched }: { me: Me; onSwitched: (me: Me) => void }) {
  const { t } = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [leaving, setLeaving] = useState(false);

  async function choose(id: number) {
    if (id === me.membershipId || busy) return;
    setBusy(true);
    setError(null);
    try {
      const next = await switchMembership(id);
      if (enter(next) === null) setLeaving(true);
      else onSwitched(next);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section data-testid="m-switch" aria-busy={busy} style={{ margin: '20px -16px 24px' }}>
      <h2 style={{ fontSize: 16, margin: '0 16px 8px' }}>{t('auth:switch.title')}</h2>
      {error && <Banner kind="error" testId="switch-error">{error}</Banner>}
      {leaving && <Banner kind="info" testId="switch-leaving">{t('auth:login.toDesk')}</Banner>}
      <MembershipOptions memberships={me.memberships} first={me.membershipId} chosen={me.membershipId} onChoose={(id) => void choose(id)} />
    </section>
  );
}
