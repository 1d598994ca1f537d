// "修改初始密码" on the phone: an account given a one-time password changes it before anything else
// (the server answers every other route with 403 password_change_required until then). The
// current password, the new one twice; the server's own checks (strength by role, not the same as
// before) come back under their fields. Then on: the choice of membership, or where they belong.
import Input from 'antd-mobile/es/components/input';
import List from 'antd-mobile/es/components/list';
import { type FormEvent, useEffect, useState } from 'react';
import type { Role } from '../../shared/roles.ts';
import { ApiError, api, expectOk, messageOf } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { enter, fetchMe, nextAfterSignIn } from '../session.ts';
import { Banner, FieldError, FieldLabel, Frame, Submit, useGo } from './parts.tsx';

type Field = 'currentPassword' | 'newPassword' | 'confirm';
/** The roles whose passwords need 12 characters and three classes (the server's policy.passwordStrongEnough). */
const STRONG: readonly Role[] = ['province', 'prefecture', 'county', 'agency_admin'];

export function PasswordPage() {
  const { t } = useT();
  const { leaving, go, navigate } = useGo();
  // the role acting: officials and agency admins need a stronger password (policy.passwordStrongEnough)
  const [role, setRole] = useState<Role | null>(null);
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '', confirm: '' });
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);


  useEffect(() => {
    let live = true;
    fetchMe()
      .then((me) => {
        if (!live) return;
        if (!me) navigate('/login', { replace: true });
        else if (!me.mustChangePassword) go(enter(me));
        else setRole(me.role);
      })
      .catch((e: unknown) => setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [navigate, go]);

  const set = (field: Field) => (v: string) => setValues((old) => ({ ...old, [field]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const found: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) found.currentPassword = t('auth:password.currentRequired');
    if (!values.newPassword) found.newPassword = t('auth:password.newRequired');
    if (!values.confirm) found.confirm = t('auth:password.confirmRequired');
    else if (values.confirm !== values.newPassword) found.confirm = t('auth:password.mismatch');
    setProblems(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await expectOk(api.POST('/api/v1/auth/password', { body: { currentPassword: values.currentPassword, newPassword: values.newPassword } }));
      const me = await fetchMe();
      go(me ? nextAfterSignIn(me) : '/login');
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : {};
      const placed = { currentPassword: fields.currentPassword, newPassword: fields.newPassword };
      setProblems(placed);
      if (!placed.currentPassword && !placed.newPassword) setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function logout() {
    await api.POST('/api/v1/auth/logout');
    navigate('/login', { replace: true });
  }

  const row = (field: Field, label: string, autoComplete: string, placeholder: string) => (
    <List.Item
      prefix={
        <FieldLabel htmlFor={`m-${field}`} wide>
          {label}
        </FieldLabel>
      }
      description={problems[field] && <FieldError testId={`${field}-error`}>{problems[field]}</FieldError>}
    >
      <Input
        id={`m-${field}`}
        name={field}
        data-testid={`password-${field}`}
        type="password"
        autoComplete={autoComplete}
        value={values[field]}
        onChange={set(field)}
        placeholder={placeholder}
      />
    </List.Item>
  );

  return (
    <Frame title={t('auth:password.title')}>
      {error && <Banner kind="error" testId="password-error">{error}</Banner>}
      {leaving && <Banner kind="info" testId="password-leaving">{t('auth:login.toDesk')}</Banner>}
      {role && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p data-testid="password-hint" style={{ margin: '0 16px 8px', color: '#595959', fontSize: 14 }}>
            {t('auth:password.hint')}
            <br />
            {STRONG.includes(role) ? t('auth:password.ruleOfficial') : t('auth:password.rule')}
          </p>
          <List>
            {row('currentPassword', t('auth:password.current'), 'current-password', t('auth:password.currentRequired'))}
            {row('newPassword', t('auth:password.new'), 'new-password', t('auth:password.newPlaceholder'))}
            {row('confirm', t('auth:password.confirm'), 'new-password', t('auth:password.confirmRequired'))}
          </List>
          <Submit busy={busy || leaving} testId="password-submit">
            {t('auth:password.submit')}
          </Submit>
        </form>
      )}
      <div style={{ padding: '12px 16px 0', textAlign: 'center' }}>
        <button type="button" data-testid="password-logout" onClick={() => void logout()} style={{ background: 'none', border: 0, color: '#0b5cad', fontSize: 14 }}>
          {t('auth:password.logout')}
        </button>
      </div>
    </Frame>
  );
}
