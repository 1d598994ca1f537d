// Sign in with a username and password, or with a phone number and an SMS code (staff, seekers).
// Then on: the first password change, the choice of membership, the desk (auth/entry.ts).
import { IdcardOutlined, LockOutlined, MobileOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Segmented, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, api, expectOk, unwrap } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import type { Me } from '../../api/types.ts';
import { fromState, nextAfterSignIn, PASSWORD_PATH } from '../../auth/entry.ts';
import { homeOf } from '../../auth/roles.ts';
import { clearSignedOut } from '../../auth/useLogout.ts';
import { AuthFrame } from './AuthFrame.tsx';

type PasswordForm = { username: string; password: string };
type SmsForm = { phone: string; code: string; idTail?: string };
const PHONE = /^1\d{10}$/;
/** The last 6 characters of a citizen ID: digits, the check character may be X (GB 11643). */
const ID_TAIL = /^\d{5}[\dXx]$/;

export default function LoginPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<'password' | 'sms'>('password');
  // a number unused for 6 months: the server wants the ID number's last 6 with the same code
  const [askIdTail, setAskIdTail] = useState(false);
  // set once this page has signed someone in: it goes on itself (to the password page or the
  // picker), and the signed-in redirect below must not race it to the desk
  const signedIn = useRef(false);

  if (me.data && !signedIn.current) return <Navigate to={me.data.mustChangePassword ? PASSWORD_PATH : homeOf(me.data.role)} replace />;

  async function signIn(call: Promise<Me>) {
    setBusy(true);
    setError(null);
    try {
      const user = await call;
      signedIn.current = true;
      clearSignedOut();
      queryClient.setQueryData(['me'], user);
      const from = fromState(location.state);
      await navigate(nextAfterSignIn(user, from), { replace: true, state: { from } });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'id_tail_required') setAskIdTail(true);
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame title={t('auth:login.title')} footer={t('auth:login.footer')}>
      {error && (
        <Alert
          data-testid="login-error"
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
          closable={{ onClose: () => setError(null) }}
        />
      )}
      <Segmented<'password' | 'sms'>
        block
        data-testid="login-mode"
        value={tab}
        onChange={(k) => {
          setTab(k);
          setError(null);
          setAskIdTail(false);
        }}
        options={[
          { value: 'password', label: <span data-testid="mode-password">{t('auth:login.tabPassword')}</span> },
          { value: 'sms', label: <span data-testid="mode-sms">{t('auth:login.tabSms')}</span> },
        ]}
        style={{ marginBottom: 20 }}
      />
      {tab === 'password' ? (
        <Form<PasswordForm>
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => void signIn(unwrap(api.POST('/api/v1/auth/login', { body: v })))}
        >
          <Form.Item name="username" label={t('auth:login.username')} rules={[{ required: true, message: t('auth:login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" size="large" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth:login.password')} rules={[{ required: true, message: t('auth:login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {t('auth:login.submit')}
          </Button>
        </Form>
      ) : (
        <SmsLogin
          busy={busy}
          askIdTail={askIdTail}
          onError={setError}
          onSubmit={(v) => void signIn(unwrap(api.POST('/api/v1/auth/sms-login', { body: { phone: v.phone, code: v.code, ...(v.idTail ? { idTail: v.idTail.toUpperCase() } : {}) } })))}
        />
      )}
    </AuthFrame>
  );
}

function SmsLogin({ busy, askIdTail, onSubmit, onError }: { busy: boolean; askIdTail: boolean; onSubmit: (v: SmsForm) => void; onError: (m: string | null) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SmsForm>();
  const [wait, setWait] = useState(0);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  async function sendCode() {
    onError(null);
    let phone: string;
    try {
      phone = (await form.validateFields(['phone'])).phone;
    } catch {
      return; // the validation message is already under the field
    }
    setSending(true);
    try {
      await expectOk(api.POST('/api/v1/auth/sms-code', { body: { phone } }));
      setSent(true);
      setWait(60);
    } catch (e) {
      onError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSending(false);
    }
  }

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={onSubmit}>
      <Form.Item
        name="phone"
        label={t('auth:login.phone')}
        rules={[
          { required: true, message: t('auth:login.phoneRequired') },
          { pattern: PHONE, message: t('auth:login.phoneInvalid') },
        ]}
      >
        <Input prefix={<MobileOutlined />} inputMode="tel" autoComplete="tel" size="large" maxLength={11} data-testid="sms-phone" />
      </Form.Item>
      <Form.Item label={t('auth:login.code')} required={false}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="code" noStyle rules={[{ required: true, message: t('auth:login.codeRequired') }]}>
            <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" size="large" maxLength={6} data-testid="sms-code" />
          </Form.Item>
          <Button size="large" onClick={() => void sendCode()} disabled={wait > 0} loading={sending} data-testid="sms-send">
            {wait > 0 ? t('auth:login.resendIn', { seconds: wait }) : t('auth:login.sendCode')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {askIdTail && (
        <>
          <Alert data-testid="id-tail-prompt" type="info" showIcon title={t('auth:login.idTailPrompt')} style={{ marginBottom: 16 }} />
          <Form.Item
            name="idTail"
            label={t('auth:login.idTail')}
            rules={[
              { required: true, message: t('auth:login.idTailPrompt') },
              { pattern: ID_TAIL, message: t('auth:login.idTailInvalid') },
            ]}
          >
            <Input prefix={<IdcardOutlined />} autoComplete="off" size="large" maxLength={6} autoFocus data-testid="sms-id-tail" />
          </Form.Item>
        </>
      )}
      {sent && !askIdTail && <Alert type="success" showIcon title={t('auth:login.codeSent')} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="sms-submit">
        {t('auth:login.submit')}
      </Button>
    </Form>
  );
}
