// Any path below /m/ the shell does not know.
import { Link } from 'wouter';
import { useT } from '../i18n/index.ts';

export function NotFoundPage() {
  const { t } = useT();
  return (
    <div style={{ padding: '48px 24px', textAlign: 'center' }}>
      <h1 data-testid="m-not-found" style={{ fontSize: 20 }}>{t('common:notFound.title')}</h1>
      <Link href="/" style={{ color: '#0b5cad' }}>
        {t('common:notFound.back')}
      </Link>
    </div>
  );
}
