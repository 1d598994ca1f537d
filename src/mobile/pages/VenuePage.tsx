// /m/v/{venueCode}: what a venue's printed QR code opens (docs/urls.md; issue 8 P6/P7). No account:
// the visitor reads the notice (purpose, the retention the purge applies), gives name, phone and
// type, and is checked in when the venue has room (409: full, the page says so and to try again);
// the page keeps the check-out token on this phone (localStorage, per venue code) and checks out
// with it. A withdrawn code says so and names no venue. The same few antd-mobile components as the
// login page, so the shell's budget holds.
import Input from 'antd-mobile/es/components/input';
import List from 'antd-mobile/es/components/list';
import { type FormEvent, useEffect, useState } from 'react';
import { isMainlandMobile } from '../../shared/checksums.ts';
import { groupCode, readCode } from '../../shared/printed-codes.ts';
import { api } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { phoneDigits } from './LoginPage.tsx';
import { Banner, FieldLabel, Frame, Submit } from './parts.tsx';

type Venue = { code: string; status: 'active' | 'closed' | 'withdrawn'; name: string | null; address: string | null; capacity: number | null; inside: number | null; dwellLimitMinutes: number | null; retentionDays: number; consentVersion: string };
type Visit = { visitId: number; token: string; venueName: string; arrivedAt: string; dwellLimitMinutes: number };
type ErrorBody = { error?: { code?: string; message?: string; details?: { message: string }[] } };

const VISITOR_TYPES = ['seeker', 'employer', 'staff'] as const;
const storageKey = (code: string) => `yunqiao.visit.${code}`;

function storedVisit(code: string): Visit | null {
  try {
    const raw = localStorage.getItem(storageKey(code));
    return raw ? (JSON.parse(raw) as Visit) : null;
  } catch {
    return null;
  }
}

function messageOf(status: number, body: unknown): string {
  const e = (body as ErrorBody | undefined)?.error;
  const details = status === 400 ? (e?.details?.map((d) => d.message).filter(Boolean) ?? []) : [];
  return details.length ? details.join('；') : (e?.message ?? `HTTP ${status}`);
}

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });

export function VenuePage({ params }: { params: { code: string } }) {
  const { t } = useT();
  const code = readCode(decodeURIComponent(params.code)) ?? '';
  const [venue, setVenue] = useState<Venue | null>(null);
  const [missing, setMissing] = useState(false);
  const [visit, setVisit] = useState<Visit | null>(() => (code ? storedVisit(code) : null));
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [type, setType] = useState<(typeof VISITOR_TYPES)[number]>('seeker');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!code) {
      setMissing(true);
      return;
    }
    api.GET('/api/v1/prevention/venue-codes/{code}', { params: { path: { code } } }).then(
      ({ data }) => (data ? setVenue(data) : setMissing(true)),
      () => setMissing(true),
    );
  }, [code]);

  async function register(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const digits = phoneDigits(phone);
    if (!name.trim()) return setError(t('venue:required', { field: t('venue:name') }));
    if (!isMainlandMobile(digits)) return setError(t('venue:phoneInvalid'));
    if (!consent) return setError(t('venue:consentNeeded'));
    setBusy(true);
    try {
      const { data, error: body, response } = await api.POST('/api/v1/prevention/venue-codes/{code}/visits', {
        params: { path: { code } },
        body: { name: name.trim(), phone: digits, visitorType: type, consent: true },
      });
      if (!data) return setError(messageOf(response.status, body));
      const v = { visitId: data.visitId, token: data.token, venueName: data.venueName, arrivedAt: data.arrivedAt, dwellLimitMinutes: data.dwellLimitMinutes };
      localStorage.setItem(storageKey(code), JSON.stringify(v));
      setVisit(v);
      setNotice(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  async function checkOut(e: FormEvent) {
    e.preventDefault();
    if (!visit) return;
    setError(null);
    setBusy(true);
    try {
      const { error: body, response } = await api.POST('/api/v1/prevention/visits/check-out', { body: { token: visit.token } });
      if (!response.ok) return setError(messageOf(response.status, body));
      localStorage.removeItem(storageKey(code));
      setVisit(null);
      setNotice(t('venue:checkedOut'));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  if (missing) {
    return (
      <Frame title={t('venue:unknownTitle')}>
        <Banner kind="error" testId="venue-unknown">{t('venue:unknown')}</Banner>
      </Frame>
    );
  }
  if (!venue) return <Frame title={t('common:loading')}>{null}</Frame>;
  if (venue.status !== 'active') {
    return (
      <Frame title={t(venue.status === 'withdrawn' ? 'venue:withdrawnTitle' : 'venue:closedTitle')}>
        <Banner kind="error" testId="venue-withdrawn">{t(venue.status === 'withdrawn' ? 'venue:withdrawn' : 'venue:closed')}</Banner>
      </Frame>
    );
  }

  const footer = t('venue:footer', { code: groupCode(venue.code) });
  if (visit) {
    return (
      <Frame title={visit.venueName} footer={footer}>
        <Banner kind="info" testId="venue-inside">{t('venue:inside', { time: timeOf(visit.arrivedAt), minutes: visit.dwellLimitMinutes })}</Banner>
        {error && <Banner kind="error" testId="venue-error">{error}</Banner>}
        <form onSubmit={checkOut}>
          <Submit busy={busy} testId="venue-check-out">{t('venue:checkOut')}</Submit>
        </form>
      </Frame>
    );
  }

  return (
    <Frame title={venue.name ?? ''} footer={footer}>
      <p style={{ margin: '0 16px 8px', color: '#595959', fontSize: 14 }}>{venue.address}</p>
      <p data-testid="venue-occupancy" style={{ margin: '0 16px 8px', fontSize: 14 }}>{t('venue:occupancy', { inside: venue.inside ?? 0, capacity: venue.capacity ?? 0 })}</p>
      {notice && <Banner kind="info" testId="venue-notice">{notice}</Banner>}
      {error && <Banner kind="error" testId="venue-error">{error}</Banner>}
      <form onSubmit={register}>
        <List>
          <List.Item prefix={<FieldLabel htmlFor="venue-name">{t('venue:name')}</FieldLabel>}>
            <Input id="venue-name" data-testid="venue-name" value={name} onChange={setName} maxLength={50} autoComplete="name" />
          </List.Item>
          <List.Item prefix={<FieldLabel htmlFor="venue-phone">{t('venue:phone')}</FieldLabel>}>
            <Input id="venue-phone" data-testid="venue-phone" type="tel" value={phone} onChange={setPhone} maxLength={20} autoComplete="tel" />
          </List.Item>
          <List.Item prefix={<FieldLabel htmlFor="venue-type">{t('venue:type')}</FieldLabel>}>
            <select id="venue-type" data-testid="venue-type" value={type} onChange={(e) => setType(e.target.value as (typeof VISITOR_TYPES)[number])} style={{ fontSize: 16, border: 0, background: 'none' }}>
              {VISITOR_TYPES.map((v) => (
                <option key={v} value={v}>
                  {t(`venue:types.${v}`)}
                </option>
              ))}
            </select>
          </List.Item>
        </List>
        <div data-testid="venue-notice-text" style={{ margin: '12px 16px', padding: '10px 12px', background: '#fafafa', borderRadius: 6, fontSize: 13, lineHeight: 1.6, color: '#595959' }}>
          {t('venue:consentText', { days: venue.retentionDays })}
        </div>
        <label style={{ display: 'flex', gap: 8, alignItems: 'center', margin: '0 16px', fontSize: 14 }}>
          <input type="checkbox" data-testid="venue-consent" checked={consent} onChange={(e) => setConsent(e.target.checked)} style={{ width: 18, height: 18, accentColor: '#0b5cad' }} />
          {t('venue:consent')}
        </label>
        <Submit busy={busy} testId="venue-register">{t('venue:register')}</Submit>
      </form>
    </Frame>
  );
}
