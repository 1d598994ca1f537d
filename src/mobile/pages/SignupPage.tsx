// 求职者注册 (issue 9, "People who sign up"): phone → SMS code for purpose `register` (POST
// /auth/sms-code) → code, name and the notice of how the information is used (GET /seekers/notice:
// handler and contact, purposes, data, retention, rights), agreed to → POST /seekers/register with
// the notice's version and `consent: true`, which signs the person in as a job seeker; then on to
// their profile. The server's 400s come back per field (phone, code, name, the notice's version,
// consent) and are shown under their field; a wrong code (401 sms_code_failed) under the code;
// "already a job seeker" (409) with a way to sign in.
import Button from 'antd-mobile/es/components/button';
import Input from 'antd-mobile/es/components/input';
import List from 'antd-mobile/es/components/list';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { isMainlandMobile } from '../../shared/checksums.ts';
import { normaliseCode } from '../../shared/text.ts';
import { ApiError, api, expectOk, messageOf, unwrap } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { finishPendingSignOut, PENDING_SIGN_OUT } from '../offline/pending-sign-out.ts';
import { PROFILE_PATH } from '../seeker/links.tsx';
import { NoticeText, useNotice } from '../seeker/notice.tsx';
import { Banner, FieldError, FieldLabel, Frame, Submit, useGo } from './parts.tsx';
import { phoneDigits } from './LoginPage.tsx';

const FIELDS = ['phone', 'code', 'name', 'noticeVersion', 'consent'] as const;
type Field = (typeof FIELDS)[number];

export function SignupPage() {
  const { t } = useT();
  const { go } = useGo();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [wait, setWait] = useState(0);
  const [sending, setSending] = useState(false);
  const [busy, setBusy] = useState(false);
  const { notice: terms, error: termsError } = useNotice();

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  /** The server's answer shown where it belongs: per field when it names fields, else above the form. */
  function show(e: unknown) {
    const named = e instanceof ApiError ? Object.keys(e.fields) : [];
    if (e instanceof ApiError && named.length && named.every((f) => FIELDS.includes(f as Field))) {
      setErrors(e.fields as Partial<Record<Field, string>>);
      setError(null);
    } else if (e instanceof ApiError && e.code === 'sms_code_failed') {
      setErrors({ code: e.message });
    } else setError(messageOf(e));
  }

  /** The typed phone as its 11 digits, or null after saying what is wrong under the field. */
  function checkedPhone(): string | null {
    const digits = phoneDigits(phone);
    if (isMainlandMobile(digits)) return digits;
    setErrors({ phone: digits ? t('auth:login.phoneInvalid') : t('auth:login.required', { field: t('auth:login.phone') }) });
    return null;
  }

  async function sendCode() {
    setErrors({});
    setError(null);
    const digits = checkedPhone();
    if (!digits) return;
    setSending(true);
    try {
      await expectOk(api.POST('/api/v1/auth/sms-code', { body: { phone: digits, purpose: 'register' } }));
      setWait(60);
      setNotice(t('seeker:signup.codeSent'));
    } catch (e) {
      show(e);
    } finally {
      setSending(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    const digits = checkedPhone();
    if (!digits) return;
    const c = normaliseCode(code);
    if (!/^\d{6}$/.test(c)) return setErrors({ code: t('auth:login.codeInvalid') });
    if (!name.trim()) return setErrors({ name: t('seeker:signup.nameRequired') });
    if (!terms) return setErrors({ noticeVersion: t('seeker:notice.failed') });
    if (!consent) return setErrors({ consent: t('seeker:signup.consentRequired') });
    setBusy(true);
    try {
      await finishPendingSignOut();
      await unwrap(api.POST('/api/v1/seekers/register', { body: { phone: digits, code: c, name: name.trim(), noticeVersion: terms.noticeVersion, consent: true } }));
      localStorage.removeItem(PENDING_SIGN_OUT);
      go(PROFILE_PATH);
    } catch (err) {
      show(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Frame title={t('seeker:signup.title')}>
      {error && <Banner kind="error" testId="signup-error">{error}</Banner>}
      {notice && !error && <Banner kind="info" testId="signup-notice">{notice}</Banner>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <List>
          <List.Item prefix={<FieldLabel htmlFor="m-su-phone">{t('auth:login.phone')}</FieldLabel>} description={errors.phone && <FieldError testId="signup-phone-error">{errors.phone}</FieldError>}>
            <Input id="m-su-phone" data-testid="signup-phone" type="tel" inputMode="tel" autoComplete="tel" maxLength={20} value={phone} onChange={setPhone} placeholder={t('auth:login.phonePlaceholder')} clearable />
          </List.Item>
          <List.Item
            prefix={<FieldLabel htmlFor="m-su-code">{t('auth:login.code')}</FieldLabel>}
            extra={
              <Button size="small" color="primary" fill="outline" disabled={wait > 0} loading={sending} onClick={() => void sendCode()} data-testid="signup-send">
                {wait > 0 ? t('auth:login.resendIn', { seconds: wait }) : t('auth:login.sendCode')}
              </Button>
            }
            description={errors.code && <FieldError testId="signup-code-error">{errors.code}</FieldError>}
          >
            <Input id="m-su-code" data-testid="signup-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={setCode} placeholder={t('auth:login.codePlaceholder')} />
          </List.Item>
          <List.Item prefix={<FieldLabel htmlFor="m-su-name">{t('seeker:signup.name')}</FieldLabel>} description={errors.name && <FieldError testId="signup-name-error">{errors.name}</FieldError>}>
            <Input id="m-su-name" data-testid="signup-name" autoComplete="name" maxLength={50} value={name} onChange={setName} placeholder={t('seeker:signup.namePlaceholder')} />
          </List.Item>
        </List>
        <div data-testid="signup-notice-text" style={{ margin: '12px 16px 8px' }}>
          {terms ? <NoticeText notice={terms} /> : <p style={{ fontSize: 13, color: termsError ? '#a8071a' : '#8c8c8c' }}>{termsError ? t('seeker:notice.failed') : t('seeker:notice.loading')}</p>}
          {errors.noticeVersion && <FieldError testId="signup-noticeVersion-error">{errors.noticeVersion}</FieldError>}
        </div>
        <label style={{ display: 'flex', gap: 8, alignItems: 'flex-start', margin: '0 16px', fontSize: 14 }}>
          <input type="checkbox" data-testid="signup-consent" checked={consent} onChange={(e) => {
              setConsent(e.target.checked);
              setErrors((x) => ({ ...x, consent: undefined }));
            }} style={{ width: 18, height: 18, margin: '1px 0 0', accentColor: '#0b5cad' }} />
          <span>{t('seeker:signup.consent')}</span>
        </label>
        {errors.consent && (
          <div style={{ margin: '0 16px' }}>
            <FieldError testId="signup-consent-error">{errors.consent}</FieldError>
          </div>
        )}
        <Submit busy={busy} testId="signup-submit">
          {t('seeker:signup.submit')}
        </Submit>
      </form>
      <div style={{ padding: '14px 16px 0', textAlign: 'right', fontSize: 14 }}>
        <Link href="/login" data-testid="signup-login" style={{ color: '#0b5cad' }}>
          {t('seeker:signup.haveAccount')}
        </Link>
      </div>
    </Frame>
  );
}
