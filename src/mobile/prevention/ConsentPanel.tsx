// The separate consent to processing of health data (issue 8 P3; PIPL art. 28–30): purpose and
// retention shown before the first report; given (POST /api/v1/prevention/consent) or withdrawn
// (DELETE) by the staff member only — nobody consents for another. Withdrawn is a state of its own:
// no new reports, no reminders, earlier reports kept until their retention ends.
import Button from 'antd-mobile/es/components/button';
import { useState } from 'react';
import { useT } from '../i18n/index.ts';
import { currentKeyId } from '../offline/queue.ts';
import { Banner } from '../pages/parts.tsx';
import { type Consent, setConsent } from './api.ts';
import { useOnline } from './parts.tsx';

/** Days a raw daily check is kept when the server has not said (issue 8, Personal information: default 30). */
export const CHECK_RETENTION_DAYS = 30;

export function ConsentPanel({ consent, onChange }: { consent: Consent; onChange: (c: Consent) => void }) {
  const { status, info } = consent;
  const { t } = useT();
  const online = useOnline();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function change(give: boolean) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const a = await setConsent(give, currentKeyId(), info?.textVersion || undefined);
      if (!a.ok) return setError(a.message);
      setDone(t(give ? 'checkin:consent.given' : 'checkin:consent.withdrawn'));
      onChange(a.consent ?? { status: give ? 'given' : 'withdrawn', info });
    } catch {
      setError(t('checkin:consent.offline'));
    } finally {
      setBusy(false);
    }
  }

  const statusText = status === 'given' ? 'statusGiven' : status === 'withdrawn' ? 'statusWithdrawn' : 'statusNone';
  return (
    <section data-testid="consent" data-status={status} data-version={info?.textVersion ?? ''} style={{ margin: '0 16px' }}>
      <h3 style={{ fontSize: 16, margin: '0 0 8px' }}>{t('checkin:consent.title')}</h3>
      <div data-testid="consent-text" style={{ padding: '10px 12px', background: '#fafafa', borderRadius: 6, fontSize: 13, lineHeight: 1.7, color: '#595959' }}>
        <p data-testid="consent-purpose" style={{ margin: '0 0 6px' }}>{info?.purpose || t('checkin:consent.purpose')}</p>
        {info?.text && <p style={{ margin: '0 0 6px', whiteSpace: 'pre-line' }}>{info.text}</p>}
        <p data-testid="consent-retention" style={{ margin: '0 0 6px' }}>{t('checkin:consent.retention', { days: info?.retentionDays ?? CHECK_RETENTION_DAYS })}</p>
        <p style={{ margin: 0 }}>{t('checkin:consent.rights')}</p>
      </div>
      <p data-testid="consent-status" style={{ fontSize: 14, fontWeight: 600, margin: '10px 0' }}>{t(`checkin:consent.${statusText}`)}</p>
      {error && <Banner kind="error" testId="consent-error">{error}</Banner>}
      {done && <Banner kind="info" testId="consent-done">{done}</Banner>}
      {!online && <Banner kind="info" testId="consent-offline">{t('checkin:consent.offline')}</Banner>}
      {status === 'given' ? (
        <Button block color="danger" fill="outline" loading={busy} disabled={!online} data-testid="consent-withdraw" onClick={() => void change(false)}>
          {t('checkin:consent.withdraw')}
        </Button>
      ) : (
        <Button block color="primary" loading={busy} disabled={!online} data-testid="consent-give" onClick={() => void change(true)}>
          {t('checkin:consent.give')}
        </Button>
      )}
    </section>
  );
}
