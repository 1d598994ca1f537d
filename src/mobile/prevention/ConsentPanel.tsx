// The separate consent to processing of health data (issue 8 P3; PIPL art. 28–30): purpose and
// retention shown before the first report; given (POST /api/v1/prevention/consent) or withdrawn
// (DELETE) by the staff member only — nobody consents for another. Withdrawn is a state of its own:
// no new reports, no reminders, earlier reports kept until their retention ends.
import Button from 'antd-mobile/es/components/button';
import { useState } from 'react';
import { useT } from '../i18n/index.ts';
import { currentKeyId } from '../offline/queue.ts';
import { Banner } from '../pages/parts.tsx';
import { type ConsentStatus, setConsent } from './api.ts';
import { useOnline } from './parts.tsx';

/** Days a raw daily check is kept (issue 8, Personal information: default 30, configurable on the server). */
export const CHECK_RETENTION_DAYS = 30;

export function ConsentPanel({ status, onChange }: { status: ConsentStatus; onChange: (s: ConsentStatus) => void }) {
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
      const a = await setConsent(give, currentKeyId());
      if (!a.ok) return setError(a.message);
      setDone(t(give ? 'checkin:consent.given' : 'checkin:consent.withdrawn'));
      onChange(give ? 'given' : 'withdrawn');
    } catch {
      setError(t('checkin:consent.offline'));
    } finally {
      setBusy(false);
    }
  }

  const statusText = status === 'given' ? 'statusGiven' : status === 'withdrawn' ? 'statusWithdrawn' : 'statusNone';
  return (
    <section data-testid="consent" data-status={status} style={{ margin: '0 16px' }}>
      <h3 style={{ fontSize: 16, margin: '0 0 8px' }}>{t('checkin:consent.title')}</h3>
      <div data-testid="consent-text" style={{ padding: '10px 12px', background: '#fafafa', borderRadius: 6, fontSize: 13, lineHeight: 1.7, color: '#595959' }}>
        <p style={{ margin: '0 0 6px' }}>{t('checkin:consent.purpose')}</p>
        <p style={{ margin: '0 0 6px' }}>{t('checkin:consent.retention', { days: CHECK_RETENTION_DAYS })}</p>
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
