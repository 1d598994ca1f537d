// The notice of how a job seeker's information is processed (PIPL art. 17; decision 0040), as the
// server serves it (GET /api/v1/seekers/notice, in the page's language): the sign-up page shows it
// whole before the tick box and sends its version back; the profile page shows the ID number's
// paragraph beside the separate consent to it.
import { useEffect, useState } from 'react';
import type { paths } from '../../web/api/schema.d.ts';
import { api, messageOf, unwrap } from '../api.ts';
import { useT } from '../i18n/index.ts';

export type Notice = paths['/api/v1/seekers/notice']['get']['responses'][200]['content']['application/json'];

/** The notice in the page's language: null while it loads; `error` when it could not be read. */
export function useNotice(): { notice: Notice | null; error: string | null } {
  const { lang } = useT();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    // asked in the page's language, and again when it changes
    unwrap(api.GET('/api/v1/seekers/notice', { headers: { 'Accept-Language': lang } })).then(
      (n) => live && setNotice(n),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [lang]);
  return { notice, error };
}

const SECTIONS = ['purpose', 'data', 'means', 'recipients', 'retention', 'rights', 'idNumber'] as const;

/** The whole notice: who handles the information and how to reach them, then each part under its heading. */
export function NoticeText({ notice }: { notice: Notice }) {
  const { t } = useT();
  return (
    <div data-testid="notice" data-version={notice.noticeVersion} style={{ maxHeight: '45vh', overflowY: 'auto', padding: '10px 12px', background: '#fafafa', borderRadius: 6, fontSize: 13, lineHeight: 1.7, color: '#595959' }}>
      <h3 style={{ fontSize: 15, margin: '0 0 6px', color: '#262626' }}>{t('seeker:notice.title')}</h3>
      <p data-testid="notice-handler" style={{ margin: '0 0 6px' }}>
        {t('seeker:notice.handler', { name: notice.handler.name })}
        <br />
        {t('seeker:notice.contact', { contact: notice.handler.contact })}
      </p>
      {SECTIONS.map((k) => (
        <section key={k} data-testid={`notice-${k}`}>
          <h4 style={{ fontSize: 13, margin: '8px 0 2px', color: '#262626' }}>{t(`seeker:notice.${k}`)}</h4>
          <p style={{ margin: 0 }}>{notice[k]}</p>
        </section>
      ))}
      <p style={{ margin: '8px 0 0', fontSize: 12, color: '#8c8c8c' }}>{t('seeker:notice.version', { version: notice.noticeVersion })}</p>
    </div>
  );
}
