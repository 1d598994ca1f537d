// What the shell's signed-out and signing-in pages share: the blue band with the brand and the
// language switch, one white panel, messages, form rows and the wide submit button. Plain markup
// around a few antd-mobile components keeps the first load light.
import Button from 'antd-mobile/es/components/button';
import { type ReactNode, useCallback, useState } from 'react';
import { useLocation } from 'wouter';
import type { Membership } from '../api.ts';
import { setLanguage, useT } from '../i18n/index.ts';

/** The band and the panel; `title` heads the panel, `footer` is a line under it. */
export function Frame({ title, footer, children }: { title: string; footer?: ReactNode; children: ReactNode }) {
  const { t, lang } = useT();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <header style={{ background: '#0b5cad', color: '#fff', padding: '12px 16px 28px' }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <button
            type="button"
            data-testid="lang-switch"
            onClick={() => setLanguage(lang === 'en' ? 'zh-CN' : 'en')}
            style={{ background: 'none', border: '1px solid rgba(255,255,255,.6)', borderRadius: 4, color: '#fff', fontSize: 13, padding: '3px 10px' }}
          >
            {t('common:language.switch')}
          </button>
        </div>
        <h1 style={{ margin: '12px 0 4px', fontSize: 28, fontWeight: 600, letterSpacing: 2 }}>{t('common:app.name')}</h1>
        <div style={{ opacity: 0.9, fontSize: 14 }}>{t('common:app.tagline')}</div>
      </header>
      <main style={{ margin: '-14px 12px 0', background: '#fff', borderRadius: 10, padding: '16px 0 20px', boxShadow: '0 4px 16px rgba(0,0,0,.06)' }}>
        <h2 style={{ margin: '0 16px 12px', fontSize: 20, fontWeight: 600 }}>{title}</h2>
        {children}
      </main>
      {footer && <p style={{ margin: '16px 24px 24px', fontSize: 12, textAlign: 'center', color: '#8c8c8c' }}>{footer}</p>}
    </div>
  );
}

export function Banner({ kind, testId, children }: { kind: 'error' | 'info'; testId: string; children: ReactNode }) {
  const error = kind === 'error';
  return (
    <div
      role={error ? 'alert' : 'status'}
      data-testid={testId}
      style={{
        margin: '8px 16px',
        padding: '8px 12px',
        borderRadius: 6,
        fontSize: 14,
        background: error ? '#fff1f0' : '#e6f4ff',
        color: error ? '#a8071a' : '#0b5cad',
      }}
    >
      {children}
    </div>
  );
}

/** A field's label, as wide in every row so the inputs line up (`wide`: for longer labels). */
export function FieldLabel({ htmlFor, wide = false, children }: { htmlFor: string; wide?: boolean; children: ReactNode }) {
  const { lang } = useT();
  const em = (lang === 'en' ? 5.2 : 4) + (wide ? 2 : 0);
  return (
    <label htmlFor={htmlFor} style={{ display: 'inline-block', minWidth: `${em}em` }}>
      {children}
    </label>
  );
}

/** A field's own message under its row (the server's, or the page's check). */
export function FieldError({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <div role="alert" data-testid={testId} style={{ color: '#a8071a', fontSize: 13, marginTop: 4 }}>
      {children}
    </div>
  );
}

export function Submit({ busy, testId, children }: { busy: boolean; testId: string; children: ReactNode }) {
  return (
    <div style={{ padding: '16px 16px 0' }}>
      <Button block color="primary" size="large" type="submit" loading={busy} data-testid={testId}>
        {children}
      </Button>
    </div>
  );
}

/** A membership's place: the division, and the agency or employer for those roles ('' for a job seeker). */
export function membershipPlace(m: Pick<Membership, 'divisionName' | 'organisationName'>): string {
  return [m.divisionName, m.organisationName].filter(Boolean).join(' · ');
}

/**
 * The memberships as a column of radio choices (role over place), `first` at the top and `chosen`
 * checked; a tap on a row chooses it (`onChoose`).
 */
export function MembershipOptions({
  memberships,
  first,
  chosen,
  onChoose,
}: { memberships: readonly Membership[]; first: number; chosen: number; onChoose: (id: number) => void }) {
  const { t } = useT();
  const ordered = [...memberships].sort((a, b) => Number(b.id === first) - Number(a.id === first));
  return (
    <fieldset style={{ display: 'flex', flexDirection: 'column', gap: 8, margin: 0, padding: '0 16px', border: 0 }}>
      <legend style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>{t('auth:choose.title')}</legend>
      {ordered.map((m) => {
        const on = m.id === chosen;
        const place = membershipPlace(m);
        return (
          <label
            key={m.id}
            data-testid="membership-option"
            data-role={m.role}
            data-id={m.id}
            data-checked={on}
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 12,
              padding: '12px 14px',
              borderRadius: 8,
              border: `1px solid ${on ? '#0b5cad' : '#d9d9d9'}`,
              background: on ? '#e6f4ff' : '#fff',
            }}
          >
            <input type="radio" name="membership" value={m.id} checked={on} onChange={() => onChoose(m.id)} style={{ margin: 0, width: 18, height: 18, accentColor: '#0b5cad' }} />
            <span style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.5 }}>
              <strong data-testid="membership-role" style={{ fontSize: 16 }}>
                {t(`auth:role.${m.role}`)}
              </strong>
              {place && (
                <span data-testid="membership-place" style={{ color: '#595959', fontSize: 13 }}>
                  {place}
                </span>
              )}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

/**
 * Where a page goes after signing in, choosing or changing a password: `go(path)` replaces the
 * location inside the shell; `go(null)` marks the page as leaving for a desk (outside the shell),
 * which `leaving` reports so the page can show that instead of its form.
 */
export function useGo(): { leaving: boolean; go: (path: string | null) => void; navigate: ReturnType<typeof useLocation>[1] } {
  const [, navigate] = useLocation();
  const [leaving, setLeaving] = useState(false);
  const go = useCallback(
    (path: string | null) => {
      if (path === null) setLeaving(true);
      else navigate(path, { replace: true });
    },
    [navigate],
  );
  return { leaving, go, navigate };
}
