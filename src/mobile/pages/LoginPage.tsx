// The one sign-in page for every role: username and password, or phone and SMS code (with the ID
// number's last 6 when the server asks for them: a number unused for 6 months may have changed
// hands). Then the first password change and the choice of membership when due; officials, agency
// admins and employers go on to their desks (the antd app at /), agency staff and job seekers stay
// in the phone shell. Plain markup around a few antd-mobile components keeps the first load under
// the 150 KiB budget (bench/pages.bench.ts).
import Button from 'antd-mobile/es/components/button';
import Input from 'antd-mobile/es/components/input';
import List from 'antd-mobile/es/components/list';
import Segmented from 'antd-mobile/es/components/segmented';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { isMainlandMobile } from '../../shared/checksums.ts';
import { normaliseCode } from '../../shared/text.ts';
import { ApiError, api, expectOk, type Me, messageOf, unwrap } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { finishPendingSignOut, PENDING_SIGN_OUT } from '../offline/pending-sign-out.ts';
import { enter, fetchMe, nextAfterSignIn, PASSWORD_PATH } from '../session.ts';
import { Banner, FieldLabel, Frame, Submit, useGo } from './parts.tsx';

type Mode = 'password' | 'sms';

/** A phone number as typed (full-width digits, spaces, dashes, a +86 prefix) → its 11 digits. */
export function phoneDigits(typed: string): string {
  const s = normaliseCode(typed);
  return s.replace(/^(?:\+?86)(?=1\d{10}$)/, '');
}

/** The last 6 characters of a citizen ID as typed: digits, the check character X in either case. */
export const ID_TAIL = /^\d{5}[\dX]$/;

export function LoginPage() {
  const { t } = useT();
  const { leaving, go } = useGo();
  const [mode, setMode] = useState<Mode>('password');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // the server asked for the ID number's last 6 (id_tail_required): the SMS form shows the field
  const [askIdTail, setAskIdTail] = useState(false);


  // already signed in (a second tab, the back button): straight on
  useEffect(() => {
    let live = true;
    fetchMe()
      .then((me) => {
        if (live && me) go(me.mustChangePassword ? PASSWORD_PATH : enter(me));
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [go]);

  async function signIn(call: () => Promise<Me>) {
    setBusy(true);
    setError(null);
    try {
      // a sign-out made offline ends its session first, so it can never end this new one
      await finishPendingSignOut();
      const me = await call();
      localStorage.removeItem(PENDING_SIGN_OUT); // the new session's cookie has replaced the old one
      go(nextAfterSignIn(me));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'id_tail_required') setAskIdTail(true);
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Frame title={t('auth:login.title')} footer={t('auth:login.footer')}>
      <div style={{ margin: '0 16px 8px' }}>
        <Segmented
          block
          data-testid="login-mode"
          value={mode}
          onChange={(v) => {
            setMode(v as Mode);
            setError(null);
            setNotice(null);
            setAskIdTail(false);
          }}
          options={[
            { value: 'password', label: <span data-testid="mode-password">{t('auth:login.tabPassword')}</span> },
            { value: 'sms', label: <span data-testid="mode-sms">{t('auth:login.tabSms')}</span> },
          ]}
        />
      </div>
      {error && <Banner kind="error" testId="login-error">{error}</Banner>}
      {notice && !error && !askIdTail && <Banner kind="info" testId="login-notice">{notice}</Banner>}
      {askIdTail && !error && <Banner kind="info" testId="id-tail-prompt">{t('auth:login.idTailPrompt')}</Banner>}
      {leaving && <Banner kind="info" testId="login-leaving">{t('auth:login.toDesk')}</Banner>}
      {mode === 'password' ? (
        <>
          <PasswordForm busy={busy} onError={setError} onSubmit={(body) => signIn(() => unwrap(api.POST('/api/v1/auth/login', { body })))} />
          <div style={{ padding: '14px 16px 0', display: 'flex', justifyContent: 'space-between', fontSize: 14 }}>
            <Link href="/signup" data-testid="login-signup" style={{ color: '#0b5cad' }}>
              {t('seeker:signup.link')}
            </Link>
            <Link href="/reset-password" data-testid="login-forgot" style={{ color: '#0b5cad' }}>
              {t('recovery:forgot')}
            </Link>
          </div>
        </>
      ) : (
        <SmsForm
          busy={busy}
          askIdTail={askIdTail}
          onError={setError}
          onSent={() => setNotice(t('auth:login.codeSent'))}
          onSubmit={(body) => signIn(() => unwrap(api.POST('/api/v1/auth/sms-login', { body })))}
        />
      )}
      {mode === 'sms' && (
        <div style={{ padding: '14px 16px 0', fontSize: 14 }}>
          <Link href="/signup" data-testid="login-signup-sms" style={{ color: '#0b5cad' }}>
            {t('seeker:signup.link')}
          </Link>
        </div>
      )}
    </Frame>
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
  askIdTail,
  onError,
  onSent,
  onSubmit,
}: {
  busy: boolean;
  askIdTail: boolean;
  onError: (m: string | null) => void;
  onSent: () => void;
  onSubmit: (v: { phone: string; code: string; idTail?: string }) => Promise<void>;
}) {
  const { t } = useT();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [idTail, setIdTail] = useState('');
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
      onError(messageOf(e));
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
    if (!askIdTail) return void onSubmit({ phone: digits, code: c });
    // the same code again, with the ID number's last 6
    const tail = normaliseCode(idTail).toUpperCase();
    if (!ID_TAIL.test(tail)) return onError(t('auth:login.idTailInvalid'));
    void onSubmit({ phone: digits, code: c, idTail: tail });
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
        {askIdTail && (
          <List.Item prefix={<FieldLabel htmlFor="m-id-tail">{t('auth:login.idTail')}</FieldLabel>}>
            <Input id="m-id-tail" name="idTail" data-testid="sms-id-tail" autoComplete="off" maxLength={6} autoFocus value={idTail} onChange={setIdTail} placeholder={t('auth:login.idTailPlaceholder')} />
          </List.Item>
        )}
      </List>
      <Submit busy={busy} testId="sms-submit">
        {t('auth:login.submit')}
      </Submit>
    </form>
  );
}
