// The one sign-in page for every role: username and password, or phone and SMS code. Officials,
// agency admins and employers go on to their desks (the antd app at /); agency staff and job
// seekers stay in the phone shell. Plain markup around a few antd-mobile components keeps the
// first load under the 150 KiB budget (bench/pages.bench.ts).
import Button from 'antd-mobile/es/components/button';
import Input from 'antd-mobile/es/components/input';
import List from 'antd-mobile/es/components/list';
import Segmented from 'antd-mobile/es/components/segmented';
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { isMainlandMobile } from '../../shared/checksums.ts';
import { normaliseCode } from '../../shared/text.ts';
import { api, expectOk, type Me, unwrap } from '../api.ts';
import { setLanguage, useT } from '../i18n/index.ts';
import { fetchMe, leaveForDesk } from '../session.ts';

type Mode = 'password' | 'sms';

/** A phone number as typed (full-width digits, spaces, dashes, a +86 prefix) → its 11 digits. */
export function phoneDigits(typed: string): string {
  const s = normaliseCode(typed);
  return s.replace(/^(?:\+?86)(?=1\d{10}$)/, '');
}

export function LoginPage() {
  const { t, lang } = useT();
  const [, navigate] = useLocation();
  const [mode, setMode] = useState<Mode>('password');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [leaving, setLeaving] = useState(false);

  const arrive = useCallback(
    (me: Me) => {
      if (leaveForDesk(me.role)) setLeaving(true);
      else navigate('/', { replace: true });
    },
    [navigate],
  );

  // already signed in (a second tab, the back button): straight on
  useEffect(() => {
    let live = true;
    fetchMe()
      .then((me) => {
        if (live && me) arrive(me);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [arrive]);

  async function signIn(call: () => Promise<Me>) {
    setBusy(true);
    setError(null);
    try {
      arrive(await call());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <header style={{ background: '#0b5cad', color: '#fff', padding: '12px 16px 28px' }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <button
            type="button"
            data-testid="lang-switch"
            onClick={() => setLanguage(lang === 'en' ? 'zh-CN' : 'en')}
            style={{ background: 'none', border: '1px solid rgba(255,255,255,.6)', borderRadius: 4, color: '#fff', fontSize: 13, padding: '3px 10px' }}
          >
            {t('common:language.switch')}
          </button>
        </div>
        <h1 style={{ margin: '12px 0 4px', fontSize: 28, fontWeight: 600, letterSpacing: 2 }}>{t('common:app.name')}</h1>
        <div style={{ opacity: 0.9, fontSize: 14 }}>{t('common:app.tagline')}</div>
      </header>
      <main style={{ margin: '-14px 12px 0', background: '#fff', borderRadius: 10, padding: '16px 0 20px', boxShadow: '0 4px 16px rgba(0,0,0,.06)' }}>
        <h2 style={{ margin: '0 16px 12px', fontSize: 20, fontWeight: 600 }}>{t('auth:login.title')}</h2>
        <div style={{ margin: '0 16px 8px' }}>
          <Segmented
            block
            data-testid="login-mode"
            value={mode}
            onChange={(v) => {
              setMode(v as Mode);
              setError(null);
              setNotice(null);
            }}
            options={[
              { value: 'password', label: <span data-testid="mode-password">{t('auth:login.tabPassword')}</span> },
              { value: 'sms', label: <span data-testid="mode-sms">{t('auth:login.tabSms')}</span> },
            ]}
          />
        </div>
        {error && <Banner kind="error" testId="login-error">{error}</Banner>}
        {notice && !error && <Banner kind="info" testId="login-notice">{notice}</Banner>}
        {leaving && <Banner kind="info" testId="login-leaving">{t('auth:login.toDesk')}</Banner>}
        {mode === 'password' ? (
          <>
            <PasswordForm busy={busy} onError={setError} onSubmit={(body) => signIn(() => unwrap(api.POST('/api/v1/auth/login', { body })))} />
            <div style={{ padding: '14px 16px 0', textAlign: 'right', fontSize: 14 }}>
              <Link href="/reset-password" data-testid="login-forgot" style={{ color: '#0b5cad' }}>
                {t('recovery:forgot')}
              </Link>
            </div>
          </>
        ) : (
          <SmsForm
            busy={busy}
            onError={setError}
            onSent={() => setNotice(t('auth:login.codeSent'))}
            onSubmit={(body) => signIn(() => unwrap(api.POST('/api/v1/auth/sms-login', { body })))}
          />
        )}
      </main>
      <p style={{ margin: '16px 24px 24px', fontSize: 12, textAlign: 'center', color: '#8c8c8c' }}>{t('auth:login.footer')}</p>
    </div>
  );
}

export function Banner({ kind, testId, children }: { kind: 'error' | 'info'; testId: string; children: ReactNode }) {
  const error = kind === 'error';
  return (
    <div
      role={error ? 'alert' : 'status'}
      data-testid={testId}
      style={{
        margin: '8px 16px',
        padding: '8px 12px',
        borderRadius: 6,
        fontSize: 14,
        background: error ? '#fff1f0' : '#e6f4ff',
        color: error ? '#a8071a' : '#0b5cad',
      }}
    >
      {children}
    </div>
  );
}

/** A field's label, as wide in both rows so the inputs line up. */
export function FieldLabel({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  const { lang } = useT();
  return (
    <label htmlFor={htmlFor} style={{ display: 'inline-block', minWidth: lang === 'en' ? '5.2em' : '4em' }}>
      {children}
    </label>
  );
}

export function Submit({ busy, testId, children }: { busy: boolean; testId: string; children: ReactNode }) {
  return (
    <div style={{ padding: '16px 16px 0' }}>
      <Button block color="primary" size="large" type="submit" loading={busy} data-testid={testId}>
        {children}
      </Button>
    </div>
  );
}

function PasswordForm({ busy, onError, onSubmit }: { busy: boolean; onError: (m: string) => void; onSubmit: (v: { username: string; password: string }) => Promise<void> }) {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim()) return onError(t('auth:login.required', { field: t('auth:login.username') }));
    if (!password) return onError(t('auth:login.required', { field: t('auth:login.password') }));
    void onSubmit({ username: username.trim(), password });
  }

  return (
    <form onSubmit={submit} noValidate>
      <List>
        <List.Item prefix={<FieldLabel htmlFor="m-username">{t('auth:login.username')}</FieldLabel>}>
          <Input id="m-username" name="username" data-testid="login-username" autoComplete="username" value={username} onChange={setUsername} placeholder={t('auth:login.usernamePlaceholder')} clearable />
        </List.Item>
        <List.Item prefix={<FieldLabel htmlFor="m-password">{t('auth:login.password')}</FieldLabel>}>
          <Input id="m-password" name="password" data-testid="login-password" type="password" autoComplete="current-password" value={password} onChange={setPassword} placeholder={t('auth:login.passwordPlaceholder')} />
        </List.Item>
      </List>
      <Submit busy={busy} testId="login-submit">
        {t('auth:login.submit')}
      </Submit>
    </form>
  );
}

function SmsForm({
  busy,
  onError,
  onSent,
  onSubmit,
}: { busy: boolean; onError: (m: string | null) => void; onSent: () => void; onSubmit: (v: { phone: string; code: string }) => Promise<void> }) {
  const { t } = useT();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [wait, setWait] = useState(0);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  /** The typed phone as its 11 digits, or null after saying what is wrong. */
  function checkedPhone(): string | null {
    const digits = phoneDigits(phone);
    if (!digits) onError(t('auth:login.required', { field: t('auth:login.phone') }));
    else if (!isMainlandMobile(digits)) onError(t('auth:login.phoneInvalid'));
    else return digits;
    return null;
  }

  async function sendCode() {
    onError(null);
    const digits = checkedPhone();
    if (!digits) return;
    setSending(true);
    try {
      await expectOk(api.POST('/api/v1/auth/sms-code', { body: { phone: digits } }));
      setWait(60);
      onSent();
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const digits = checkedPhone();
    if (!digits) return;
    const c = normaliseCode(code);
    if (!/^\d{6}$/.test(c)) return onError(t('auth:login.codeInvalid'));
    void onSubmit({ phone: digits, code: c });
  }

  return (
    <form onSubmit={submit} noValidate>
      <List>
        <List.Item prefix={<FieldLabel htmlFor="m-phone">{t('auth:login.phone')}</FieldLabel>}>
          <Input id="m-phone" name="phone" data-testid="sms-phone" type="tel" inputMode="tel" autoComplete="tel" maxLength={20} value={phone} onChange={setPhone} placeholder={t('auth:login.phonePlaceholder')} clearable />
        </List.Item>
        <List.Item
          prefix={<FieldLabel htmlFor="m-code">{t('auth:login.code')}</FieldLabel>}
          extra={
            <Button size="small" color="primary" fill="outline" disabled={wait > 0} loading={sending} onClick={() => void sendCode()} data-testid="sms-send">
              {wait > 0 ? t('auth:login.resendIn', { seconds: wait }) : t('auth:login.sendCode')}
            </Button>
          }
        >
          <Input id="m-code" name="code" data-testid="sms-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={setCode} placeholder={t('auth:login.codePlaceholder')} />
        </List.Item>
      </List>
      <Submit busy={busy} testId="sms-submit">
        {t('auth:login.submit')}
      </Submit>
    </form>
  );
}
