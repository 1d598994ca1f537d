// Sign in with a username and password, or with a phone number and an SMS code (staff, seekers).
import { LockOutlined, MobileOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Segmented, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, api, expectOk, unwrap } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import type { Me } from '../../api/types.ts';
import { deskOf, HOME_OF, homeOf } from '../../auth/roles.ts';
import { LanguageSwitch } from '../../layout/LanguageSwitch.tsx';

type PasswordForm = { username: string; password: string };
type SmsForm = { phone: string; code: string };
const PHONE = /^1\d{10}$/;

function fromState(state: unknown): string | undefined {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') return state.from;
  return undefined;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<'password' | 'sms'>('password');

  if (me.data) return <Navigate to={homeOf(me.data.role)} replace />;

  async function signIn(call: Promise<Me>) {
    setBusy(true);
    setError(null);
    try {
      const user = await call;
      queryClient.setQueryData(['me'], user);
      const from = fromState(location.state);
      const home = HOME_OF[deskOf(user.role)];
      await navigate(from?.startsWith(home) ? from : home, { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(160deg, #0b5cad 0%, #2f80d1 45%, #f3f5f8 45%)',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        padding: '16px 12px 32px',
        boxSizing: 'border-box',
      }}
    >
      <div style={{ width: '100%', maxWidth: 400, display: 'flex', justifyContent: 'flex-end' }}>
        <LanguageSwitch ghost />
      </div>
      <div style={{ textAlign: 'center', color: '#fff', margin: '24px 0 20px' }}>
        <h1 style={{ color: '#fff', margin: 0, fontSize: 30, fontWeight: 600, letterSpacing: 2 }}>{t('common:app.name')}</h1>
        <div style={{ opacity: 0.9, marginTop: 6 }}>{t('common:app.tagline')}</div>
      </div>
      {/* Plain markup rather than Card/Tabs/Typography keeps this first page's download small. */}
      <main
        style={{
          width: '100%',
          maxWidth: 400,
          boxSizing: 'border-box',
          background: '#fff',
          borderRadius: 8,
          padding: '20px 24px 24px',
          boxShadow: '0 6px 24px rgba(0,0,0,.08)',
        }}
      >
        <h2 style={{ marginTop: 0, marginBottom: 16, fontSize: 20, fontWeight: 600 }}>{t('auth:login.title')}</h2>
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
          <SmsLogin busy={busy} onError={setError} onSubmit={(v) => void signIn(unwrap(api.POST('/api/v1/auth/sms-login', { body: v })))} />
        )}
      </main>
      <p style={{ marginTop: 20, fontSize: 12, textAlign: 'center', color: '#8c8c8c' }}>{t('auth:login.footer')}</p>
    </div>
  );
}

function SmsLogin({ busy, onSubmit, onError }: { busy: boolean; onSubmit: (v: SmsForm) => void; onError: (m: string | null) => void }) {
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
      {sent && <Alert type="success" showIcon title={t('auth:login.codeSent')} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="sms-submit">
        {t('auth:login.submit')}
      </Button>
    </Form>
  );
}
