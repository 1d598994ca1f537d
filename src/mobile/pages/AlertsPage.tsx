// 职位提醒 (issue 12, decision 0047): the signed-in job seeker's subscription to the daily digest and
// the digests themselves, at /m/alerts — where the digest's SMS and WeChat messages link, and where
// WeChat's web authorisation comes back to (?wechat=bound). The subscription (GET / PUT
// /api/v1/alerts/me) is one form: on or off, the channels (短信, 站内, and 微信 once bound: until then a
// 绑定微信 button that goes to the authorisation address, simulated in dev), quiet hours in Beijing
// time or none; the server's 400 names the field and its message shows under it. With automated
// recommendations off on the profile (PIPL art. 24) no digest is computed: the API's note says so
// and the page leads to the switch. The digests (GET /api/v1/alerts/me/digests) follow newest day
// first, DIGESTS_PAGE at a time with the cursor, each posting opening its server-rendered page
// /m/jobs/{code}, its reasons as tags in the page's language. The one-tap unsubscribe page
// /m/alerts/unsubscribe is the server's, not this one (no route here; the service worker leaves it
// to the server too: vite.mobile.config.ts). Plain markup around antd-mobile's Switch and Button.
import Button from 'antd-mobile/es/components/button';
import Switch from 'antd-mobile/es/components/switch';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import type { paths } from '../../web/api/schema.d.ts';
import { beijingDate, beijingMinutes, clockText } from '../../shared/beijing-day.ts';
import { ApiError, api, messageOf, unwrap } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { salaryRange } from '../market/search-url.ts';
import { countyName, placeName, useName } from '../seeker/pickers.tsx';
import { PROFILE_PATH } from '../seeker/links.tsx';
import { fetchMe } from '../session.ts';
import { Banner, FieldError } from './parts.tsx';

type Subscription = paths['/api/v1/alerts/me']['get']['responses'][200]['content']['application/json'];
type Body = paths['/api/v1/alerts/me']['put']['requestBody']['content']['application/json'];
type DigestPage = paths['/api/v1/alerts/me/digests']['get']['responses'][200]['content']['application/json'];
type Digest = DigestPage['items'][number];
type Item = Digest['items'][number];
type Channel = Subscription['channels'][number];

/** The channels in the order shown (and sent). */
const CHANNELS: readonly Channel[] = ['sms', 'in_app', 'wechat'];
/** Digests (days) asked for at a time; each holds at most 5 postings. */
export const DIGESTS_PAGE = 5;
/** Quiet hours offered when they are switched on again (the server's default). */
const DEFAULT_QUIET = { start: '21:00', end: '08:00' } as const;

/** What the page shows: still asking, not signed in, not a seeker, no profile yet, a failure, or the subscription. */
type State = { kind: 'loading' } | { kind: 'out' } | { kind: 'other' } | { kind: 'noProfile' } | { kind: 'error'; message: string } | { kind: 'ready'; sub: Subscription };

type Form = { active: boolean; channels: Channel[]; quiet: boolean; start: string; end: string };

const formOf = (s: Subscription): Form => ({ active: s.active, channels: [...s.channels], quiet: s.quietHours !== null, start: s.quietHours?.start ?? DEFAULT_QUIET.start, end: s.quietHours?.end ?? DEFAULT_QUIET.end });

/** The PUT body: the times as the inputs hold them (the server judges them and names a bad one). */
const bodyOf = (f: Form): Body => ({ active: f.active, channels: CHANNELS.filter((c) => f.channels.includes(c)), quietHours: f.quiet ? { start: f.start, end: f.end } : null });

/** `YYYY-MM-DD HH:MM`, Beijing time. */
const beijingTime = (iso: string) => {
  const at = new Date(iso);
  return `${beijingDate(at)} ${clockText(beijingMinutes(at))}`;
};

/** A county's name, or a prefecture's for a code ending in 00. */
const placeOf = (code: string) => (code.endsWith('00') ? placeName(code.slice(0, 4)) : countyName(code));

const linkStyle = { color: '#0b5cad', fontSize: 14 } as const;
const tagStyle = { fontSize: 12, color: '#0b5cad', background: '#e6f4ff', borderRadius: 4, padding: '1px 6px' } as const;
const timeStyle = { fontSize: 15, padding: '5px 6px', border: '1px solid #d9d9d9', borderRadius: 6, background: '#fff' } as const;

function Row({ field, label, labelId, error, children }: { field: string; label: string; labelId?: string; error?: string; children: ReactNode }) {
  return (
    <div data-testid={`row-${field}`} style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
      <div id={labelId} style={{ fontSize: 14, color: '#595959', marginBottom: 6 }}>
        {label}
      </div>
      {children}
      {error && <FieldError testId={`alerts-${field}-error`}>{error}</FieldError>}
    </div>
  );
}

function DigestItem({ item }: { item: Item }) {
  const { t } = useT();
  const place = useName(item.divisionCode, placeOf);
  const range = salaryRange(item.salaryMin, item.salaryMax);
  // no unit: the figures as they are (as 找工作 and 为你推荐 show them)
  const pay = !range ? t('jobs:negotiable') : item.salaryUnit ? t('jobs:salary', { range, unit: t(`jobs:unit.${item.salaryUnit}`) }) : range;
  const percent = Math.round(Math.min(1, Math.max(0, item.score)) * 100);
  return (
    <li style={{ borderTop: '1px solid #f0f0f0' }}>
      <a href={`/m/jobs/${encodeURIComponent(item.publicCode)}`} data-testid="digest-item" data-code={item.publicCode} data-score={percent} style={{ display: 'block', padding: '10px 16px', color: 'inherit', textDecoration: 'none' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
          <strong data-testid="digest-title" style={{ fontSize: 16, color: '#0b5cad', minWidth: 0, overflowWrap: 'anywhere' }}>
            {item.title}
          </strong>
          <span data-testid="digest-salary" style={{ color: '#d4380d', fontWeight: 600, whiteSpace: 'nowrap' }}>
            {pay}
          </span>
        </div>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 4, fontSize: 14 }}>
          <span data-testid="digest-company" style={{ color: '#262626', minWidth: 0, overflowWrap: 'anywhere' }}>
            {item.employerName}
          </span>
          <span style={{ flex: 'none', fontSize: 13, color: '#595959' }}>{t('matching:score', { percent })}</span>
        </div>
        <div data-testid="digest-place" style={{ fontSize: 13, color: '#8c8c8c', marginTop: 2 }}>
          {place}
        </div>
        {item.reasons.length > 0 && (
          <ul aria-label={t('matching:reasons')} style={{ display: 'flex', flexWrap: 'wrap', gap: 4, listStyle: 'none', margin: '6px 0 0', padding: 0 }}>
            {item.reasons.map((r) => (
              <li key={r.code} data-testid="digest-reason" data-code={r.code} style={tagStyle}>
                {r.text}
              </li>
            ))}
          </ul>
        )}
      </a>
    </li>
  );
}

/** The digests, newest day first, DIGESTS_PAGE at a time (asked again in a new language: the reasons are the server's words). */
function Digests() {
  const { t, lang } = useT();
  const [digests, setDigests] = useState<Digest[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setError(null);
    unwrap(api.GET('/api/v1/alerts/me/digests', { params: { query: { limit: DIGESTS_PAGE } }, headers: { 'Accept-Language': lang } })).then(
      (p) => {
        if (!live) return;
        setDigests(p.items);
        setNext(p.next);
      },
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [lang]);

  async function more() {
    if (!next) return;
    setBusy(true);
    setError(null);
    try {
      const p = await unwrap(api.GET('/api/v1/alerts/me/digests', { params: { query: { limit: DIGESTS_PAGE, cursor: next } } }));
      setDigests((d) => [...(d ?? []), ...p.items]);
      setNext(p.next);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="m-a-digests" style={{ marginTop: 16 }}>
      <h2 id="m-a-digests" style={{ fontSize: 17, margin: '0 16px 8px' }}>
        {t('alerts:digests')}
      </h2>
      {error && <Banner kind="error" testId="alerts-digests-error">{error}</Banner>}
      {digests === null && !error && <p style={{ margin: '0 16px', color: '#8c8c8c' }}>{t('common:loading')}</p>}
      {digests?.length === 0 && <Banner kind="info" testId="alerts-digests-none">{t('alerts:digestsNone')}</Banner>}
      {digests?.map((d) => (
        <section key={d.id} data-testid="alerts-digest" data-day={d.day} style={{ background: '#fff', marginBottom: 10 }}>
          <h3 style={{ display: 'flex', justifyContent: 'space-between', gap: 8, margin: 0, padding: '10px 16px 8px', fontSize: 15 }}>
            <span data-testid="alerts-digest-day">{t('alerts:day', { date: d.day })}</span>
            <span style={{ fontWeight: 400, fontSize: 13, color: '#8c8c8c' }}>{t('alerts:count', { count: d.items.length })}</span>
          </h3>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {d.items.map((i) => (
              <DigestItem key={i.postingId} item={i} />
            ))}
          </ul>
        </section>
      ))}
      {next && (
        <div style={{ padding: '4px 16px' }}>
          <Button block loading={busy} data-testid="load-more" onClick={() => void more()}>
            {t('alerts:more')}
          </Button>
        </div>
      )}
    </section>
  );
}

export function AlertsPage() {
  const { t, lang } = useT();
  const [params] = useSearchParams();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [binding, setBinding] = useState(false);

  // asked again in a new language (the note is the server's words); the form keeps what was typed
  useEffect(() => {
    let live = true;
    (async (): Promise<State> => {
      const me = await fetchMe();
      if (!me) return { kind: 'out' };
      if (me.role !== 'seeker') return { kind: 'other' };
      try {
        return { kind: 'ready', sub: await unwrap(api.GET('/api/v1/alerts/me', { headers: { 'Accept-Language': lang } })) };
      } catch (e) {
        if (e instanceof ApiError && e.code === 'seeker_profile_missing') return { kind: 'noProfile' };
        throw e;
      }
    })().then(
      (s) => {
        if (!live) return;
        setState(s);
        if (s.kind === 'ready') setForm((f) => f ?? formOf(s.sub));
      },
      (e: unknown) => live && setState({ kind: 'error', message: messageOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [lang]);

  const set = <K extends keyof Form>(k: K) => (v: Form[K]) => setForm((f) => (f ? { ...f, [k]: v } : f));
  const toggle = (c: Channel, on: boolean) => setForm((f) => (f ? { ...f, channels: on ? [...f.channels.filter((x) => x !== c), c] : f.channels.filter((x) => x !== c) } : f));

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setErrors({});
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      const sub = await unwrap(api.PUT('/api/v1/alerts/me', { body: bodyOf(form) }));
      setState({ kind: 'ready', sub });
      setForm(formOf(sub));
      setNotice(t('alerts:saved'));
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fields);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  // WeChat's web authorisation (simulated in dev: the callback itself), back at /m/alerts?wechat=bound
  async function bindWechat() {
    setError(null);
    setBinding(true);
    try {
      const { url } = await unwrap(api.GET('/api/v1/alerts/wechat/authorize'));
      window.location.assign(url);
    } catch (err) {
      setError(messageOf(err));
      setBinding(false);
    }
  }

  const sub = state.kind === 'ready' ? state.sub : null;
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', paddingBottom: 24 }}>
      <header style={{ background: '#0b5cad', color: '#fff', padding: '14px 16px' }}>
        <Link href="/" style={{ color: '#fff', fontSize: 13, opacity: 0.9 }}>
          {t('alerts:back')}
        </Link>
        <h1 style={{ margin: '6px 0 4px', fontSize: 22 }}>{t('alerts:title')}</h1>
        <div style={{ fontSize: 13, opacity: 0.9 }}>{t('alerts:intro')}</div>
      </header>
      {state.kind === 'loading' && <p style={{ padding: '12px 16px', color: '#8c8c8c' }}>{t('common:loading')}</p>}
      {state.kind === 'out' && (
        <>
          <Banner kind="info" testId="alerts-signed-out">{t('market:signedOut')}</Banner>
          <p style={{ margin: '8px 16px' }}>
            <a href="/m/login" style={linkStyle}>{t('market:login')}</a>
          </p>
        </>
      )}
      {state.kind === 'other' && <Banner kind="info" testId="alerts-not-seeker">{t('market:seekersOnly')}</Banner>}
      {state.kind === 'error' && <Banner kind="error" testId="alerts-error">{state.message}</Banner>}
      {state.kind === 'noProfile' && (
        <>
          <Banner kind="info" testId="alerts-need-profile">{t('alerts:needProfile')}</Banner>
          <p style={{ margin: '8px 16px' }}>
            <Link href={PROFILE_PATH} style={linkStyle}>{t('alerts:fillProfile')}</Link>
          </p>
        </>
      )}
      {sub && form && (
        <>
          {params.get('wechat') === 'bound' && sub.wechat.bound && <Banner kind="info" testId="alerts-wechat-bound">{t('alerts:wechatBoundNotice')}</Banner>}
          {!sub.recommendations && (
            <>
              <Banner kind="info" testId="alerts-recommendations-off">{sub.note}</Banner>
              <p style={{ margin: '8px 16px' }}>
                <Link href={`${PROFILE_PATH}#recommendations`} data-testid="alerts-turn-on" style={linkStyle}>
                  {t('alerts:turnOn')}
                </Link>
              </p>
            </>
          )}
          {!sub.active && sub.unsubscribedAt && sub.unsubscribedVia && sub.unsubscribedVia !== 'api' && (
            <Banner kind="info" testId="alerts-unsubscribed">
              {t('alerts:unsubscribed', { at: beijingTime(sub.unsubscribedAt), via: t(`alerts:via.${sub.unsubscribedVia}`) })}
            </Banner>
          )}
          {error && <Banner kind="error" testId="alerts-form-error">{error}</Banner>}
          {notice && !error && <Banner kind="info" testId="alerts-notice">{notice}</Banner>}
          <form onSubmit={(e) => void save(e)} noValidate style={{ background: '#fff', marginTop: 8 }}>
            <Row field="active" label={t('alerts:active')} labelId="m-a-active" error={errors.active}>
              <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12 }}>
                {/* what is true now, as saved (the server's words) */}
                <span data-testid="alerts-note" style={{ fontSize: 13, color: '#8c8c8c', lineHeight: 1.6 }}>
                  {sub.recommendations ? sub.note : ''}
                </span>
                <Switch data-testid="alerts-active" aria-labelledby="m-a-active" checked={form.active} onChange={set('active')} style={{ flex: 'none' }} />
              </div>
            </Row>
            <Row field="channels" label={t('alerts:channels')} error={errors.channels}>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 20px', fontSize: 15 }}>
                {CHANNELS.map((c) => {
                  const locked = c === 'wechat' && !sub.wechat.bound;
                  return (
                    <label key={c} style={{ display: 'flex', alignItems: 'center', gap: 6, color: locked ? '#bfbfbf' : undefined }}>
                      <input type="checkbox" data-testid={`alerts-channel-${c}`} checked={form.channels.includes(c)} disabled={locked} onChange={(e) => toggle(c, e.target.checked)} style={{ width: 18, height: 18, margin: 0 }} />
                      {t(`alerts:channel.${c}`)}
                    </label>
                  );
                })}
              </div>
              {sub.wechat.bound ? (
                <div data-testid="alerts-wechat-status" style={{ marginTop: 8, fontSize: 13, color: '#389e0d' }}>
                  {t('alerts:wechatBound')}
                </div>
              ) : (
                <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginTop: 8, fontSize: 13, color: '#8c8c8c' }}>
                  <span>{t('alerts:wechatUnbound')}</span>
                  <Button size="small" color="success" fill="outline" loading={binding} data-testid="alerts-wechat-bind" onClick={() => void bindWechat()} style={{ flex: 'none' }}>
                    {t('alerts:bindWechat')}
                  </Button>
                </div>
              )}
            </Row>
            <Row field="quietHours" label={t('alerts:quiet')} labelId="m-a-quiet" error={errors.quietHours}>
              <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, fontSize: 14 }}>
                <span>{form.quiet ? t('alerts:quietOn') : t('alerts:quietNone')}</span>
                <Switch data-testid="alerts-quiet" aria-labelledby="m-a-quiet" checked={form.quiet} onChange={set('quiet')} style={{ flex: 'none' }} />
              </div>
              {form.quiet && (
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 16px', marginTop: 10, fontSize: 14 }}>
                  <div>
                    <label htmlFor="m-a-start" style={{ marginRight: 6 }}>{t('alerts:quietFrom')}</label>
                    <input id="m-a-start" type="time" data-testid="alerts-quiet-start" value={form.start} onChange={(e) => set('start')(e.target.value)} style={timeStyle} />
                    {errors.start && <FieldError testId="alerts-quiet-start-error">{errors.start}</FieldError>}
                  </div>
                  <div>
                    <label htmlFor="m-a-end" style={{ marginRight: 6 }}>{t('alerts:quietTo')}</label>
                    <input id="m-a-end" type="time" data-testid="alerts-quiet-end" value={form.end} onChange={(e) => set('end')(e.target.value)} style={timeStyle} />
                    {errors.end && <FieldError testId="alerts-quiet-end-error">{errors.end}</FieldError>}
                  </div>
                </div>
              )}
            </Row>
            <div style={{ padding: 16 }}>
              <Button block color="primary" size="large" type="submit" loading={busy} data-testid="alerts-submit">
                {t('alerts:save')}
              </Button>
            </div>
          </form>
          <Digests />
        </>
      )}
    </div>
  );
}
