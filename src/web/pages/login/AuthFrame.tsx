// The frame of the pages around signing in (login, choosing a membership, the first password
// change): the brand on a blue band, one white panel, the language switch. Plain markup rather than
// Card/Tabs/Typography keeps these first pages' download small.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../layout/LanguageSwitch.tsx';

/** `title`: the panel's heading; `footer`: a line under the panel. */
export function AuthFrame({ title, footer, children }: { title: string; footer?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(160deg, #0b5cad 0%, #2f80d1 45%, #f3f5f8 45%)',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        padding: '16px 12px 32px',
        boxSizing: 'border-box',
      }}
    >
      <div style={{ width: '100%', maxWidth: 400, display: 'flex', justifyContent: 'flex-end' }}>
        <LanguageSwitch ghost />
      </div>
      <div style={{ textAlign: 'center', color: '#fff', margin: '24px 0 20px' }}>
        <h1 style={{ color: '#fff', margin: 0, fontSize: 30, fontWeight: 600, letterSpacing: 2 }}>{t('common:app.name')}</h1>
        <div style={{ opacity: 0.9, marginTop: 6 }}>{t('common:app.tagline')}</div>
      </div>
      <main
        style={{
          width: '100%',
          maxWidth: 400,
          boxSizing: 'border-box',
          background: '#fff',
          borderRadius: 8,
          padding: '20px 24px 24px',
          boxShadow: '0 6px 24px rgba(0,0,0,.08)',
        }}
      >
        <h2 style={{ marginTop: 0, marginBottom: 16, fontSize: 20, fontWeight: 600 }}>{title}</h2>
        {children}
      </main>
      {footer && <p style={{ marginTop: 20, fontSize: 12, textAlign: 'center', color: '#8c8c8c' }}>{footer}</p>}
    </div>
  );
}
