// What the check-in, consent and booking pages share: the queue's state as a hook, its list with
// the state of every report (saved on this phone, being sent, sent — only after a 2xx —, refused),
// why it is not moving and what to do, and the sign-out that warns about unsent reports and keeps
// them for their owner. Times in Beijing time, whatever the phone's zone (case 04).
import Button from 'antd-mobile/es/components/button';
import { useState, useSyncExternalStore } from 'react';
import { Link, useLocation } from 'wouter';
import { beijingDate, beijingMinutes, clockText } from '../../shared/beijing-day.ts';
import { useT } from '../i18n/index.ts';
import { type Item, queueState, subscribe, waitingCount } from '../offline/queue.ts';
import { signOut } from '../offline/sign-out.ts';
import { Banner } from '../pages/parts.tsx';

/** `HH:MM` in Beijing time of an instant (ISO text or Date). */
export const hm = (at: string | Date): string => clockText(beijingMinutes(typeof at === 'string' ? new Date(at) : at));
/** `YYYY-MM-DD` in Beijing time of an instant. */
export const ymd = (at: string | Date): string => beijingDate(typeof at === 'string' ? new Date(at) : at);

export const useQueue = () => useSyncExternalStore(subscribe, queueState, queueState);

/** Whether the browser says it is online, kept current by its online/offline events. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (l) => {
      window.addEventListener('online', l);
      window.addEventListener('offline', l);
      return () => {
        window.removeEventListener('online', l);
        window.removeEventListener('offline', l);
      };
    },
    () => navigator.onLine,
    () => true,
  );
}

function ItemLine({ item }: { item: Item }) {
  const { t } = useT();
  const p = { time: `${ymd(item.measuredAt).slice(5)} ${hm(item.measuredAt)}`, temperature: item.temperature.toFixed(1) };
  const text =
    item.state === 'sent'
      ? t('checkin:queue.sent', { ...p, received: hm(item.receivedAt ?? new Date()) })
      : item.state === 'refused'
        ? t('checkin:queue.refused', { ...p, message: item.message ?? '' })
        : t(`checkin:queue.${item.state}`, p);
  return (
    <li data-testid="queue-item" data-state={item.state} data-client-id={item.clientId} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0', fontSize: 14, color: item.state === 'refused' ? '#a8071a' : item.state === 'sent' ? '#237804' : '#595959' }}>
      {text}
      {item.state === 'sent' && item.abnormal && <div style={{ color: '#ad4e00', marginTop: 4 }}>{t('checkin:queue.sentAbnormal')}</div>}
    </li>
  );
}

/** The signed-in account's reports and the queue's situation, in words that say what to do. */
export function QueueStatus() {
  const { t } = useT();
  const q = useQueue();
  const online = useOnline();
  const [, navigate] = useLocation();
  const waiting = q.items.some((i) => i.state === 'queued' || i.state === 'sending') || q.waiting > 0;
  return (
    <section data-testid="queue" style={{ margin: '12px 16px 0' }}>
      {q.blocked?.kind === 'signin' && (
        <Banner kind="error" testId="queue-signin">
          {t('checkin:queue.signin', { times: [...new Set(q.blocked.queuedAt.map(hm))].join('、') })}
          <div style={{ marginTop: 8 }}>
            <Button size="small" color="primary" data-testid="queue-signin-button" onClick={() => navigate('/login')}>
              {t('checkin:queue.signinButton')}
            </Button>
          </div>
        </Banner>
      )}
      {q.blocked?.kind === 'forbidden' && <Banner kind="error" testId="queue-forbidden">{t('checkin:queue.forbidden', { message: q.blocked.message })}</Banner>}
      {waiting && !online && <Banner kind="info" testId="queue-offline">{t('checkin:queue.offline')}</Banner>}
      {waiting && online && q.blocked?.kind === 'retry' && (
        <Banner kind="info" testId="queue-retry">{t('checkin:queue.retry', { seconds: Math.max(1, Math.ceil((q.blocked.at - Date.now()) / 1000)) })}</Banner>
      )}
      {q.items.length > 0 && (
        <>
          <h3 style={{ fontSize: 15, margin: '12px 0 4px' }}>{t('checkin:queue.title')}</h3>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {q.items.map((i) => (
              <ItemLine key={i.clientId} item={i} />
            ))}
          </ul>
        </>
      )}
      {q.others > 0 && (
        <p data-testid="queue-others" style={{ fontSize: 13, color: '#8c8c8c' }}>
          {t('checkin:queue.others', { count: q.others })}
        </p>
      )}
    </section>
  );
}

/** The sign-out button; with unsent reports it first says they stay, for their owner only. */
export function SignOutButton({ testId = 'm-logout' }: { testId?: string }) {
  const { t } = useT();
  const [, navigate] = useLocation();
  const [warn, setWarn] = useState(0);
  const [busy, setBusy] = useState(false);
  async function go() {
    setBusy(true);
    await signOut();
    navigate('/login', { replace: true });
  }
  function ask() {
    const n = waitingCount();
    if (n > 0) setWarn(n);
    else void go();
  }
  if (warn > 0) {
    return (
      <div data-testid="sign-out-warning" style={{ margin: '12px 0' }}>
        <Banner kind="info" testId="sign-out-warn">{t('checkin:signOut.warn', { count: warn })}</Banner>
        <div style={{ display: 'flex', gap: 8, padding: '0 16px' }}>
          <Button block color="danger" loading={busy} data-testid="sign-out-confirm" onClick={() => void go()}>
            {t('checkin:signOut.confirm')}
          </Button>
          <Button block data-testid="sign-out-cancel" onClick={() => setWarn(0)}>
            {t('checkin:signOut.cancel')}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <Button block loading={busy} data-testid={testId} onClick={ask}>
      {t('checkin:signOut.button')}
    </Button>
  );
}

export function BackLink() {
  const { t } = useT();
  return (
    <p style={{ textAlign: 'center', margin: '16px 0' }}>
      <Link href="/" style={{ color: '#0b5cad', fontSize: 14 }}>
        {t('checkin:back')}
      </Link>
    </p>
  );
}
