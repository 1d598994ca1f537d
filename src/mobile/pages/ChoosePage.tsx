// "选择身份" on the phone: after signing in, a person who holds several memberships (a staff member
// who also looks for work, an administrator on their own roster) picks the one to act as. The one
// used last comes first and is preselected; another switches the session (POST /auth/membership)
// without signing in again. A desk role then leaves for its desk.
import { type FormEvent, useEffect, useState } from 'react';
import { type Me, messageOf } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { enter, fetchMe, PASSWORD_PATH, switchMembership } from '../session.ts';
import { Banner, Frame, MembershipOptions, Submit, useGo } from './parts.tsx';

export function ChoosePage() {
  const { t } = useT();
  const { leaving, go, navigate } = useGo();
  const [me, setMe] = useState<Me | null>(null);
  const [chosen, setChosen] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);


  useEffect(() => {
    let live = true;
    fetchMe()
      .then((user) => {
        if (!live) return;
        if (!user) navigate('/login', { replace: true });
        else if (user.mustChangePassword) navigate(PASSWORD_PATH, { replace: true });
        else if (user.memberships.length < 2) go(enter(user));
        else {
          setMe(user);
          setChosen(user.membershipId);
        }
      })
      .catch((e: unknown) => setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [navigate, go]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!me) return;
    setError(null);
    if (chosen === me.membershipId) return go(enter(me));
    setBusy(true);
    try {
      go(enter(await switchMembership(chosen)));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Frame title={t('auth:choose.title')}>
      {error && <Banner kind="error" testId="choose-error">{error}</Banner>}
      {leaving && <Banner kind="info" testId="choose-leaving">{t('auth:login.toDesk')}</Banner>}
      {!me && !error && <p style={{ margin: '0 16px', color: '#8c8c8c' }}>{t('common:loading')}</p>}
      {me && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p style={{ margin: '0 16px 12px', color: '#595959', fontSize: 14 }}>{t('auth:choose.hint', { name: me.displayName })}</p>
          <MembershipOptions memberships={me.memberships} first={me.membershipId} chosen={chosen} onChoose={setChosen} />
          <Submit busy={busy || leaving} testId="choose-submit">
            {t('auth:choose.submit')}
          </Submit>
        </form>
      )}
    </Frame>
  );
}
