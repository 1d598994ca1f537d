// 我的面试 (issue 13 S2, decision 0049), at /m/interviews: the signed-in job seeker's online
// interviews in every county (GET /api/v1/interviews, from LOOK_BACK_DAYS back, soonest first),
// each with its time in Beijing time, the meeting link to open, the invitation to download (.ics:
// /api/v1/interviews/{id}/invite.ics, served by the server — an /api/ path the service worker never
// answers, vite.mobile.config.ts), and while it is live and not yet begun: 提议其他时间 (PATCH
// startsAt only — the employer sets the link and the note) and 取消面试 with a reason (POST …/cancel).
// The server judges the values: a 400's field message shows under its field. A cancelled one says
// 已取消, who cancelled and why. Plain markup around antd-mobile's Button keeps the chunk light.
import Button from 'antd-mobile/es/components/button';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { paths } from '../../web/api/schema.d.ts';
import { beijingDate, beijingMinutes, clockText } from '../../shared/beijing-day.ts';
import { ApiError, api, messageOf, unwrap } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { fetchMe } from '../session.ts';
import { Banner, FieldError, Frame } from './parts.tsx';

type Interview = paths['/api/v1/interviews']['get']['responses'][200]['content']['application/json']['items'][number];

/** How far back the list reaches (days): a recently cancelled or held interview still shows. */
export const LOOK_BACK_DAYS = 30;

/** `YYYY-MM-DD HH:MM–HH:MM`, Beijing time. */
function slotText(iv: Interview): string {
  const start = new Date(iv.startsAt);
  const end = new Date(iv.endsAt);
  return `${beijingDate(start)} ${clockText(beijingMinutes(start))}–${clockText(beijingMinutes(end))}`;
}

/** The input's `YYYY-MM-DDTHH:MM` read as Beijing time (the server's offset form). */
const beijingIsoOf = (local: string) => `${local}:00+08:00`;

const linkStyle = { color: '#0b5cad', fontSize: 14, marginRight: 16 } as const;
const inputStyle = { width: '100%', boxSizing: 'border-box', fontSize: 15, padding: '6px 8px', border: '1px solid #d9d9d9', borderRadius: 4 } as const;

type Mode = 'idle' | 'propose' | 'cancel';

function InterviewItem({ iv, now, onChanged }: { iv: Interview; now: number; onChanged: (iv: Interview) => void }) {
  const { t } = useT();
  const [mode, setMode] = useState<Mode>('idle');
  const [slot, setSlot] = useState(iv.startsAt.slice(0, 16));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const live = iv.status === 'scheduled' && new Date(iv.startsAt).getTime() > now;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const path = { params: { path: { id: String(iv.id) } } };
      const next = mode === 'propose' ? await unwrap(api.PATCH('/api/v1/interviews/{id}', { ...path, body: { startsAt: beijingIsoOf(slot) } })) : await unwrap(api.POST('/api/v1/interviews/{id}/cancel', { ...path, body: { reason } }));
      setMode('idle');
      onChanged(next);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) setFields(err.fields);
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li data-testid="my-interview" data-id={iv.id} data-status={iv.status} data-starts-at={iv.startsAt} style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0', fontSize: 14 }}>
      <div style={{ fontWeight: 600 }}>{iv.postingTitle}</div>
      <div style={{ color: '#595959' }}>{iv.employerName}</div>
      <div>
        <span data-testid="my-interview-slot">{slotText(iv)}</span>
        <span style={{ color: '#8c8c8c' }}> · {t('interviews:beijing')}</span>
        {iv.status === 'cancelled' ? (
          <strong data-testid="my-interview-cancelled" style={{ color: '#a8071a' }}> · {t('interviews:cancelled')}</strong>
        ) : (
          iv.changedBy === 'employer' && <span style={{ color: '#d46b08' }}> · {t('interviews:movedByEmployer')}</span>
        )}
      </div>
      {iv.status === 'cancelled' && (
        <div data-testid="my-interview-reason" style={{ color: '#595959' }}>
          {t(iv.changedBy === 'seeker' ? 'interviews:cancelledBySeeker' : 'interviews:cancelledByEmployer', { reason: iv.cancelReason ?? '' })}
        </div>
      )}
      {iv.note && iv.status === 'scheduled' && <div style={{ color: '#595959', whiteSpace: 'pre-wrap' }}>{iv.note}</div>}
      <div style={{ marginTop: 6 }}>
        {iv.status === 'scheduled' && (
          <a href={iv.meetingUrl} target="_blank" rel="noopener noreferrer" style={linkStyle} data-testid="my-interview-link">
            {t('interviews:open')}
          </a>
        )}
        <a href={iv.icsUrl} download style={linkStyle} data-testid="my-interview-ics">
          {t('interviews:ics')}
        </a>
      </div>
      {error && <Banner kind="error" testId="my-interview-error">{error}</Banner>}
      {live && mode === 'idle' && (
        <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
          <Button size="small" data-testid="my-interview-propose" onClick={() => setMode('propose')}>
            {t('interviews:propose')}
          </Button>
          <Button size="small" color="danger" fill="outline" data-testid="my-interview-cancel" onClick={() => setMode('cancel')}>
            {t('interviews:cancel')}
          </Button>
        </div>
      )}
      {live && mode !== 'idle' && (
        <form onSubmit={(e) => void submit(e)} style={{ marginTop: 8 }} data-testid="my-interview-form">
          {mode === 'propose' ? (
            <label style={{ display: 'block' }}>
              {t('interviews:newTime')}
              <input type="datetime-local" required value={slot} onChange={(e) => setSlot(e.target.value)} style={inputStyle} data-testid="my-interview-new-time" />
              {fields.startsAt && <FieldError testId="my-interview-starts-at-error">{fields.startsAt}</FieldError>}
            </label>
          ) : (
            <label style={{ display: 'block' }}>
              {t('interviews:reason')}
              <textarea required maxLength={200} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} style={inputStyle} data-testid="my-interview-reason-input" />
              {fields.reason && <FieldError testId="my-interview-reason-error">{fields.reason}</FieldError>}
            </label>
          )}
          <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
            <Button size="small" color={mode === 'cancel' ? 'danger' : 'primary'} type="submit" loading={busy} data-testid="my-interview-submit">
              {t(mode === 'cancel' ? 'interviews:confirmCancel' : 'interviews:send')}
            </Button>
            <Button size="small" onClick={() => setMode('idle')}>
              {t('interviews:back')}
            </Button>
          </div>
        </form>
      )}
    </li>
  );
}

export function InterviewsPage() {
  const { t } = useT();
  const [who, setWho] = useState<'seeker' | 'other' | 'out' | null>(null);
  const [items, setItems] = useState<Interview[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now] = useState(() => Date.now());
  useEffect(() => {
    fetchMe().then(
      (me) => setWho(me === null ? 'out' : me.role === 'seeker' ? 'seeker' : 'other'),
      () => setWho('out'),
    );
  }, []);
  useEffect(() => {
    if (who !== 'seeker') return;
    const from = new Date(now - LOOK_BACK_DAYS * 86_400_000).toISOString();
    unwrap(api.GET('/api/v1/interviews', { params: { query: { from, limit: 100 } } })).then(
      (p) => setItems(p.items),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [who, now]);
  // live ones that have not begun first (soonest first), then the rest (latest first)
  const upcoming = (items ?? []).filter((iv) => iv.status === 'scheduled' && new Date(iv.endsAt).getTime() > now);
  const rest = (items ?? []).filter((iv) => !upcoming.includes(iv)).reverse();
  const replace = (n: Interview) => setItems((xs) => (xs ?? []).map((x) => (x.id === n.id ? n : x)));
  return (
    <Frame title={t('interviews:title')}>
      <div style={{ padding: '0 16px' }}>
        <Link href="/" style={linkStyle}>{t('interviews:home')}</Link>
        <Link href="/applications" style={linkStyle}>{t('market:mine.title')}</Link>
      </div>
      {who === 'out' && (
        <>
          <Banner kind="info" testId="interviews-signed-out">{t('market:signedOut')}</Banner>
          <p style={{ margin: '8px 16px' }}>
            <a href="/m/login" style={linkStyle}>{t('market:login')}</a>
          </p>
        </>
      )}
      {who === 'other' && <Banner kind="info" testId="interviews-not-seeker">{t('market:seekersOnly')}</Banner>}
      {error && <Banner kind="error" testId="interviews-error">{error}</Banner>}
      {items && items.length === 0 && <Banner kind="info" testId="interviews-empty">{t('interviews:empty')}</Banner>}
      {items && items.length > 0 && (
        <ul data-testid="my-interviews" style={{ listStyle: 'none', margin: 0, padding: '0 16px' }}>
          {[...upcoming, ...rest].map((iv) => (
            <InterviewItem key={iv.id} iv={iv} now={now} onChanged={replace} />
          ))}
        </ul>
      )}
    </Frame>
  );
}
