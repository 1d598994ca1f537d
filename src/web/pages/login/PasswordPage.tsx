// "修改初始密码": an account given a one-time password (created by the level above, or by
// `yunqiao account create`) changes it before anything else — the server answers every other
// route with 403 password_change_required until then. The current password, the new one twice;
// the server's own checks (strength by role, not the same as before) come back under their fields.
import { Alert, Button, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { type RefObject, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, expectOk } from '../../api/client.ts';
import { fetchMe, useMe } from '../../api/queries.ts';
import { deskPath, fromState, nextAfterSignIn } from '../../auth/entry.ts';
import { useLogout } from '../../auth/useLogout.ts';
import { showFormError } from '../../components/formErrors.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { AuthFrame } from './AuthFrame.tsx';

type Fields = { currentPassword: string; newPassword: string; confirm: string };
const SERVER_FIELDS = ['currentPassword', 'newPassword'] as const;

export default function PasswordPage() {
  const me = useMe();
  const location = useLocation();
  const from = fromState(location.state);
  // set once the password is changed here: the form goes on itself (to the picker when due), and
  // the redirect below must not race it to the desk
  const changed = useRef(false);
  if (me.isPending) return <PageLoading />;
  if (!me.data) return <Navigate to="/login" replace />;
  if (!me.data.mustChangePassword && !changed.current) return <Navigate to={deskPath(me.data.role, from)} replace />;
  return <ChangeForm from={from} changed={changed} officialStrength={['province', 'prefecture', 'county', 'agency_admin'].includes(me.data.role)} />;
}

function ChangeForm({ from, changed, officialStrength }: { from: string | undefined; changed: RefObject<boolean>; officialStrength: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Fields>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useLogout();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(v: Fields) {
    setBusy(true);
    setError(null);
    try {
      await expectOk(api.POST('/api/v1/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } }));
      const me = await fetchMe();
      changed.current = true;
      queryClient.setQueryData(['me'], me);
      if (me) await navigate(nextAfterSignIn(me, from), { replace: true, state: { from } });
    } catch (e) {
      setError(showFormError(form, e, SERVER_FIELDS));
      setBusy(false);
    }
  }

  return (
    <AuthFrame title={t('auth:password.title')}>
      <p style={{ marginTop: -8, color: '#595959' }} data-testid="password-hint">
        {t('auth:password.hint')}
      </p>
      {error && <Alert data-testid="password-error" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Fields> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        <Form.Item name="currentPassword" label={t('auth:password.current')} rules={[{ required: true, message: t('auth:password.currentRequired') }]}>
          <Input.Password autoComplete="current-password" size="large" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth:password.new')}
          extra={officialStrength ? t('auth:password.ruleOfficial') : t('auth:password.rule')}
          rules={[{ required: true, message: t('auth:password.newRequired') }]}
        >
          <Input.Password autoComplete="new-password" size="large" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth:password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('auth:password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: unknown) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('auth:password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" size="large" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="password-submit">
          {t('auth:password.submit')}
        </Button>
      </Form>
      <Button type="link" block onClick={() => void logout()} style={{ marginTop: 8 }} data-testid="password-logout">
        {t('auth:password.logout')}
      </Button>
    </AuthFrame>
  );
}
