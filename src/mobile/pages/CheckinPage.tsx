// /m/checkin: a staff member's daily health report — temperature and a symptom checklist on one
// screen (issue 8 P3) — after a separate consent (ConsentPanel, PIPL art. 28–30). The report is
// parsed on the phone by the same input layer as the server (src/shared/temperature.ts, case
// 05-temperature-as-typed), then sealed into the page's own offline queue (offline/queue.ts) and
// sent from there: "sent" only after a 2xx. The cut-off and every time shown are Beijing time; the
// server's Date header corrects a phone clock that is off (case 04-phone-clock-and-zone-wrong).
import Input from 'antd-mobile/es/components/input';
import List from 'antd-mobile/es/components/list';
import { type FormEvent, useEffect, useState } from 'react';
import { parseTemperature } from '../../shared/temperature.ts';
import { beijingMinutes, clockText } from '../../shared/beijing-day.ts';
import type { Me } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { currentKeyId, enqueue, serverNow, startQueue } from '../offline/queue.ts';
import { type Consent, consentStatus, symptomCodes, SYMPTOMS } from '../prevention/api.ts';
import { ConsentPanel } from '../prevention/ConsentPanel.tsx';
import { BackLink, QueueStatus, SignOutButton, hm, useQueue } from '../prevention/parts.tsx';
import { fetchMe, leaveForDesk } from '../session.ts';
import { Banner, FieldError, FieldLabel, Frame, Submit } from './parts.tsx';

/** The agencies' default cut-off, minutes after midnight Beijing time (issue 8 P3: 10:00), when the server has not said. */
const DEFAULT_CUTOFF_MINUTES = 600;
const minutesOf = (hhmm: string | undefined): number => {
  const m = /^(\d{1,2}):(\d{2})/.exec(hhmm ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : DEFAULT_CUTOFF_MINUTES;
};

export function CheckinPage() {
  const { t } = useT();
  const q = useQueue();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const [consent, setConsent] = useState<Consent>({ status: 'unknown', info: null });
  const [codes, setCodes] = useState<string[]>([...SYMPTOMS]);
  const [temperature, setTemperature] = useState('');
  const [symptoms, setSymptoms] = useState<string[]>([]);
  const [tempError, setTempError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, tick] = useState(0);

  useEffect(() => {
    let live = true;
    void (async () => {
      // who is signed in: the server, or (offline) the account whose public key this phone kept
      const who = await fetchMe().catch(() => undefined);
      if (!live) return;
      if (who && leaveForDesk(who.role)) return;
      setMe(who);
      await startQueue();
      const [c, s] = await Promise.all([consentStatus(currentKeyId()), symptomCodes()]);
      if (!live) return;
      setConsent(c);
      setCodes(s);
      setReady(true);
    })();
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const parsed = parseTemperature(temperature);
    if (!parsed.ok) return setTempError(t(`checkin:temp.${parsed.key}`));
    setTempError(null);
    setBusy(true);
    try {
      await enqueue({ clientId: crypto.randomUUID(), temperature: parsed.celsius, symptoms: [...symptoms], measuredAt: new Date().toISOString() });
      setTemperature('');
      setSymptoms([]);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const toggle = (code: string) => setSymptoms((s) => (s.includes(code) ? s.filter((c) => c !== code) : [...s, code]));
  const now = serverNow();
  const cutoff = minutesOf(consent.info?.cutoff);
  const passed = beijingMinutes(now) >= cutoff;
  const skewHours = Math.round(Math.abs(q.skewMs) / 3_600_000);

  if (!ready) return <Frame title={t('checkin:title')}>{me === null ? <Banner kind="info" testId="checkin-signed-out">{t('checkin:queue.signedOut')}</Banner> : <p style={{ margin: '0 16px', color: '#8c8c8c' }}>{t('common:loading')}</p>}</Frame>;

  if (!q.canQueue) {
    // nobody signed in (or the server ended the session): only the queue's note, and the way back in
    return (
      <Frame title={t('checkin:title')}>
        {q.blocked?.kind !== 'signin' && <Banner kind="info" testId="checkin-signed-out">{t('checkin:queue.signedOut')}</Banner>}
        <QueueStatus />
        {q.blocked?.kind !== 'signin' && (
          <Submit busy={false} testId="checkin-login">
            <a href="/m/login" style={{ color: 'inherit' }}>{t('checkin:queue.signinButton')}</a>
          </Submit>
        )}
      </Frame>
    );
  }

  const footer = (
    <>
      {t('checkin:now', { time: hm(now) })}
      {skewHours >= 1 && (
        <span data-testid="checkin-clock-off" style={{ display: 'block', color: '#ad4e00' }}>
          {t('checkin:clockOff', { hours: skewHours })}
        </span>
      )}
    </>
  );

  return (
    <Frame title={t('checkin:title')} footer={footer}>
      {me && <p style={{ margin: '0 16px 8px', color: '#595959', fontSize: 14 }}>{t('checkin:hello', { name: me.displayName })}</p>}
      {consent.status === 'given' ? (
        <>
          <p data-testid="checkin-cutoff" data-passed={passed} style={{ margin: '0 16px 8px', fontSize: 14, color: passed ? '#ad4e00' : '#595959' }}>
            {t(passed ? 'checkin:cutoffPassed' : 'checkin:cutoff', { time: clockText(cutoff) })}
          </p>
          {error && <Banner kind="error" testId="checkin-error">{error}</Banner>}
          <form onSubmit={submit} noValidate>
            <List>
              <List.Item prefix={<FieldLabel htmlFor="checkin-temperature" wide>{t('checkin:temperature')}</FieldLabel>}>
                <Input id="checkin-temperature" data-testid="checkin-temperature" inputMode="decimal" value={temperature} onChange={setTemperature} placeholder={t('checkin:temperaturePlaceholder')} maxLength={12} autoComplete="off" />
                {tempError && <FieldError testId="checkin-temperature-error">{tempError}</FieldError>}
              </List.Item>
            </List>
            <fieldset style={{ border: 0, margin: '12px 16px 0', padding: 0 }}>
              <legend style={{ fontSize: 14, color: '#595959', marginBottom: 8 }}>{t('checkin:symptoms')}</legend>
              <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '8px 12px' }}>
                {codes.map((code) => (
                  <label key={code} style={{ display: 'flex', alignItems: 'center', gap: 6, fontSize: 15 }}>
                    <input type="checkbox" data-testid={`symptom-${code}`} checked={symptoms.includes(code)} onChange={() => toggle(code)} style={{ width: 18, height: 18, accentColor: '#0b5cad' }} />
                    {t(`checkin:symptom.${code}`) === `checkin:symptom.${code}` ? code : t(`checkin:symptom.${code}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <Submit busy={busy} testId="checkin-submit">{t('checkin:submit')}</Submit>
          </form>
          <p style={{ textAlign: 'center', margin: '12px 0 0' }}>
            <a href="/m/consent" data-testid="checkin-consent-link" style={{ color: '#0b5cad', fontSize: 13 }}>{t('checkin:consent.link')}</a>
          </p>
        </>
      ) : (
        <ConsentPanel consent={consent} onChange={setConsent} />
      )}
      <QueueStatus />
      <div style={{ padding: '16px 16px 0' }}>
        <SignOutButton />
      </div>
      <BackLink />
    </Frame>
  );
}
