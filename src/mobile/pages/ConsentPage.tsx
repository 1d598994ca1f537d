// /m/consent: the staff member's consent to processing of health data on a page of its own — purpose
// and retention, the current state, give or withdraw (issue 8 P3). The check-in page shows the same
// panel before the first report.
import { useEffect, useState } from 'react';
import { useT } from '../i18n/index.ts';
import { currentKeyId, startQueue } from '../offline/queue.ts';
import { type Consent, consentStatus } from '../prevention/api.ts';
import { ConsentPanel } from '../prevention/ConsentPanel.tsx';
import { BackLink } from '../prevention/parts.tsx';
import { fetchMe } from '../session.ts';
import { Banner, Frame } from './parts.tsx';

export function ConsentPage() {
  const { t } = useT();
  const [status, setStatus] = useState<Consent | null>(null);
  const [signedOut, setSignedOut] = useState(false);

  useEffect(() => {
    let live = true;
    void (async () => {
      const me = await fetchMe().catch(() => undefined);
      if (!live) return;
      if (me === null) return setSignedOut(true);
      await startQueue();
      const s = await consentStatus(currentKeyId());
      if (live) setStatus(s);
    })();
    return () => {
      live = false;
    };
  }, []);

  return (
    <Frame title={t('checkin:consent.title')}>
      {signedOut && <Banner kind="info" testId="consent-signed-out">{t('checkin:queue.signedOut')}</Banner>}
      {status && <ConsentPanel consent={status} onChange={setStatus} />}
      {!status && !signedOut && <p style={{ margin: '0 16px', color: '#8c8c8c' }}>{t('common:loading')}</p>}
      <p style={{ textAlign: 'center', margin: '16px 0 0' }}>
        <a href="/m/checkin" style={{ color: '#0b5cad', fontSize: 14 }}>{t('checkin:title')}</a>
      </p>
      <BackLink />
    </Frame>
  );
}
