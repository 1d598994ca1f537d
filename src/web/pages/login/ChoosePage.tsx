// "选择身份": after signing in, a person who holds several memberships (an agency administrator who
// is also on a roster, a staff member who also looks for work) picks the one to act as. The one
// used last comes first and is preselected; choosing another switches the session
// (POST /auth/membership) without signing in again.
import { Alert, Button, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useMe } from '../../api/queries.ts';
import type { Me } from '../../api/types.ts';
import { deskPath, fromState, PASSWORD_PATH } from '../../auth/entry.ts';
import { useLogout } from '../../auth/useLogout.ts';
import { useSwitchMembership } from '../../auth/useSwitchMembership.ts';
import { MembershipLabel } from '../../components/MembershipLabel.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { AuthFrame } from './AuthFrame.tsx';

export default function ChoosePage() {
  const me = useMe();
  const location = useLocation();
  const from = fromState(location.state);
  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to="/login" replace />;
  if (me.data.mustChangePassword) return <Navigate to={PASSWORD_PATH} replace state={{ from }} />;
  if (me.data.memberships.length < 2) return <Navigate to={deskPath(me.data.role, from)} replace />;
  return <Picker me={me.data} from={from} />;
}

function Picker({ me, from }: { me: Me; from: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const switchTo = useSwitchMembership();
  const logout = useLogout();
  const [chosen, setChosen] = useState(me.membershipId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // the server lists the last used first; the session acts as it already
  const options = [...me.memberships].sort((a, b) => Number(b.id === me.membershipId) - Number(a.id === me.membershipId));

  async function enter() {
    setError(null);
    if (chosen === me.membershipId) {
      await navigate(deskPath(me.role, from), { replace: true });
      return;
    }
    setBusy(true);
    try {
      await switchTo(chosen, from);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <AuthFrame title={t('auth:choose.title')}>
      <p style={{ marginTop: -8, color: '#595959' }}>{t('auth:choose.hint', { name: me.displayName })}</p>
      {error && <Alert data-testid="choose-error" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Radio.Group
        data-testid="membership-options"
        value={chosen}
        onChange={(e) => setChosen(e.target.value as number)}
        style={{ display: 'flex', flexDirection: 'column', gap: 8, width: '100%' }}
      >
        {options.map((m) => (
          <div key={m.id} data-testid="membership-option" data-role={m.role} data-id={m.id} data-checked={chosen === m.id}>
            <Radio
              value={m.id}
              style={{
                display: 'flex',
                width: '100%',
                boxSizing: 'border-box',
                padding: '10px 12px',
                borderRadius: 6,
                border: `1px solid ${chosen === m.id ? '#0b5cad' : '#d9d9d9'}`,
                background: chosen === m.id ? '#e6f4ff' : '#fff',
              }}
            >
              <MembershipLabel t={t} m={m} />
            </Radio>
          </div>
        ))}
      </Radio.Group>
      <Button type="primary" block size="large" loading={busy} onClick={() => void enter()} style={{ marginTop: 20 }} data-testid="choose-submit">
        {t('auth:choose.submit')}
      </Button>
      <Button type="link" block onClick={() => void logout()} style={{ marginTop: 8 }} data-testid="choose-logout">
        {t('auth:choose.logout')}
      </Button>
    </AuthFrame>
  );
}
