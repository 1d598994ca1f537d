// 忘记密码: a person with a password and a registered phone sets a new password with an SMS code
// (issue 7 §1). Phone first (POST /auth/sms-code, purpose password_reset: the same answer whether
// or not the number is registered), then the code and the new password twice (POST
// /auth/password-reset); the last 6 of the ID number only when the server asks for them (a number
// unused for 6 months: id_tail_required). Success signs nobody in: every session ended, back to the
// login page. The same few antd-mobile components as the login page, so the phone shell's budget
// holds (bench/pages.bench.ts).
import Button from 'antd-mobile/es/components/button';
import Input from 'antd-mobile/es/components/input';
import List from 'antd-mobile/es/components/list';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { isMainlandMobile } from '../../shared/checksums.ts';
import { normaliseCode } from '../../shared/text.ts';
import { api } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { phoneDigits } from './LoginPage.tsx';
import { Banner, FieldLabel, Submit } from './parts.tsx';

type ErrorBody = { error?: { code?: string; message?: string; details?: { message: string }[] } };

/** What the server said, in the caller's language: for a refused field (400) the field's message (the password rule), else the message. */
function messageOf(status: number, body: unknown): { code: string | undefined; text: string } {
  const e = (body as ErrorBody | undefined)?.error;
  const details = status === 400 ? (e?.details?.map((d) => d.message).filter(Boolean) ?? []) : [];
  return { code: e?.code, text: details.length ? details.join('；') : (e?.message ?? `HTTP ${status}`) };
}

export function ResetPasswordPage() {
  const { t } = useT();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [idTail, setIdTail] = useState('');
  const [askTail, setAskTail] = useState(false);
  const [sent, setSent] = useState(false);
  const [wait, setWait] = useState(0);
  const [sending, setSending] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  /** The typed phone as its 11 digits, or null after saying what is wrong. */
  function checkedPhone(): string | null {
    const digits = phoneDigits(phone);
    if (!digits) setError(t('auth:login.required', { field: t('auth:login.phone') }));
    else if (!isMainlandMobile(digits)) setError(t('auth:login.phoneInvalid'));
    else return digits;
    return null;
  }

  async function sendCode(e?: FormEvent) {
    e?.preventDefault();
    setError(null);
    const digits = checkedPhone();
    if (!digits) return;
    setSending(true);
    try {
      const { error: body, response } = await api.POST('/api/v1/auth/sms-code', { body: { phone: digits, purpose: 'password_reset' } });
      if (!response.ok) return setError(messageOf(response.status, body).text);
      setSent(true);
      setWait(60);
      setNotice(t('recovery:codeSent'));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSending(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const digits = checkedPhone();
    if (!digits) return;
    const c = normaliseCode(code);
    if (!/^\d{6}$/.test(c)) return setError(t('auth:login.codeInvalid'));
    if (!password) return setError(t('auth:login.required', { field: t('recovery:newPassword') }));
    if (password !== repeat) return setError(t('recovery:mismatch'));
    const tail = normaliseCode(idTail).toUpperCase();
    if (askTail && !/^\d{5}[\dX]$/.test(tail)) return setError(t('recovery:idTailInvalid'));
    setBusy(true);
    try {
      const { error: body, response } = await api.POST('/api/v1/auth/password-reset', {
        body: { phone: digits, code: c, newPassword: password, ...(askTail ? { idTail: tail } : {}) },
      });
      if (response.ok) {
        setDone(true);
        return;
      }
      const m = messageOf(response.status, body);
      if (m.code === 'id_tail_required') setAskTail(true);
      setError(m.text);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <header style={{ background: '#0b5cad', color: '#fff', padding: '12px 16px 28px' }}>
        <Link href="/login" data-testid="reset-back-top" style={{ color: '#fff', fontSize: 14, textDecoration: 'none' }}>
          ‹ {t('recovery:back')}
        </Link>
        <h1 style={{ margin: '12px 0 4px', fontSize: 24, fontWeight: 600 }}>{t('recovery:title')}</h1>
        <div style={{ opacity: 0.9, fontSize: 13 }}>{t('recovery:intro')}</div>
      </header>
      <main style={{ margin: '-14px 12px 0', background: '#fff', borderRadius: 10, padding: '8px 0 20px', boxShadow: '0 4px 16px rgba(0,0,0,.06)' }}>
        {error && <Banner kind="error" testId="reset-error">{error}</Banner>}
        {done ? (
          <>
            <Banner kind="info" testId="reset-done">{t('recovery:done')}</Banner>
            <div style={{ padding: '16px 16px 0' }}>
              <Link href="/login" data-testid="reset-back" style={{ display: 'block', textAlign: 'center', padding: '10px 0', borderRadius: 6, background: '#0b5cad', color: '#fff', textDecoration: 'none' }}>
                {t('recovery:back')}
              </Link>
            </div>
          </>
        ) : (
          <>
            {notice && !error && <Banner kind="info" testId="reset-notice">{notice}</Banner>}
            <form onSubmit={sent ? submit : sendCode} noValidate>
              <List>
                <List.Item
                  prefix={<FieldLabel htmlFor="r-phone">{t('auth:login.phone')}</FieldLabel>}
                  extra={
                    sent ? (
                      <Button size="small" color="primary" fill="outline" disabled={wait > 0} loading={sending} onClick={() => void sendCode()} data-testid="reset-resend">
                        {wait > 0 ? t('auth:login.resendIn', { seconds: wait }) : t('auth:login.sendCode')}
                      </Button>
                    ) : undefined
                  }
                >
                  <Input id="r-phone" name="phone" data-testid="reset-phone" type="tel" inputMode="tel" autoComplete="tel" maxLength={20} value={phone} onChange={setPhone} placeholder={t('recovery:phonePlaceholder')} clearable />
                </List.Item>
                {sent && (
                  <>
                    <List.Item prefix={<FieldLabel htmlFor="r-code">{t('auth:login.code')}</FieldLabel>}>
                      <Input id="r-code" name="code" data-testid="reset-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={setCode} placeholder={t('auth:login.codePlaceholder')} />
                    </List.Item>
                    <List.Item prefix={<FieldLabel htmlFor="r-password">{t('recovery:newPassword')}</FieldLabel>} description={t('recovery:newPasswordHint')}>
                      <Input id="r-password" name="new-password" data-testid="reset-password" type="password" autoComplete="new-password" value={password} onChange={setPassword} placeholder={t('recovery:newPasswordPlaceholder')} />
                    </List.Item>
                    <List.Item prefix={<FieldLabel htmlFor="r-repeat">{t('recovery:repeat')}</FieldLabel>}>
                      <Input id="r-repeat" name="repeat-password" data-testid="reset-repeat" type="password" autoComplete="new-password" value={repeat} onChange={setRepeat} placeholder={t('recovery:repeatPlaceholder')} />
                    </List.Item>
                    {askTail && (
                      <List.Item prefix={<FieldLabel htmlFor="r-idtail">{t('recovery:idTail')}</FieldLabel>}>
                        <Input id="r-idtail" name="id-tail" data-testid="reset-idtail" maxLength={6} autoComplete="off" value={idTail} onChange={setIdTail} placeholder={t('recovery:idTailPlaceholder')} />
                      </List.Item>
                    )}
                  </>
                )}
              </List>
              {sent ? (
                <Submit busy={busy} testId="reset-submit">
                  {t('recovery:submit')}
                </Submit>
              ) : (
                <Submit busy={sending} testId="reset-send">
                  {t('auth:login.sendCode')}
                </Submit>
              )}
            </form>
          </>
        )}
      </main>
    </div>
  );
}
