// 授权机构 (issue 9: an agency serves a seeker only with the seeker's authorisation, recorded and
// revocable): the seeker's authorisations, live ones with "撤销授权", revoked ones below; and
// authorising another agency. The agencies offered are those running an active service venue
// (GET /prevention/venues lists every active venue with its agency to a job seeker): no route
// lists agencies to a seeker yet, and the authorisation list names agencies by id only, so names
// come from the same venue list (an agency without a venue shows by its number).
import Button from 'antd-mobile/es/components/button';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { paths } from '../../web/api/schema.d.ts';
import { api, expectOk, messageOf, unwrap } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { ymd } from '../prevention/parts.tsx';
import { fetchMe } from '../session.ts';
import { Banner } from './parts.tsx';

type Authorisation = paths['/api/v1/seekers/me/authorisations']['get']['responses'][200]['content']['application/json']['items'][number];
type Agency = { id: number; name: string; divisionName: string };

export function AgenciesPage() {
  const { t } = useT();
  const [items, setItems] = useState<Authorisation[] | null>(null);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => unwrap(api.GET('/api/v1/seekers/me/authorisations')).then((r) => setItems(r.items)), []);

  useEffect(() => {
    let live = true;
    fetchMe()
      .then(async (me) => {
        if (!me) return live && setSignedOut(true);
        const venues = await unwrap(api.GET('/api/v1/prevention/venues', { params: { query: { limit: 200 } } }));
        const byId = new Map<number, Agency>();
        for (const v of venues.items) if (!byId.has(v.agencyId)) byId.set(v.agencyId, { id: v.agencyId, name: v.agencyName, divisionName: v.divisionName });
        if (live) setAgencies([...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')));
        await reload();
      })
      .catch((e: unknown) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [reload]);

  const nameOf = (id: number) => agencies.find((a) => a.id === id)?.name ?? t('seeker:agencies.agency', { id });

  async function act(run: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await run());
      await reload();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const authorise = () =>
    act(async () => {
      const id = Number(chosen);
      await unwrap(api.POST('/api/v1/seekers/me/authorisations', { body: { agencyId: id } }));
      setChosen('');
      return t('seeker:agencies.authorised', { name: nameOf(id) });
    });
  const revoke = (a: Authorisation) =>
    act(async () => {
      await expectOk(api.DELETE('/api/v1/seekers/me/authorisations/{id}', { params: { path: { id: String(a.id) } } }));
      return t('seeker:agencies.revokeDone', { name: nameOf(a.agencyId) });
    });

  if (signedOut)
    return (
      <div style={{ padding: 24 }}>
        <p data-testid="agencies-signed-out">{t('seeker:signedOut')}</p>
        <Link href="/login" style={{ color: '#0b5cad' }}>
          {t('seeker:login')}
        </Link>
      </div>
    );

  const live = (items ?? []).filter((a) => !a.revokedAt);
  const revoked = (items ?? []).filter((a) => a.revokedAt);
  const liveIds = new Set(live.map((a) => a.agencyId));
  const offered = agencies.filter((a) => !liveIds.has(a.id));

  return (
    <div style={{ paddingBottom: 32 }}>
      <header style={{ background: '#0b5cad', color: '#fff', padding: '14px 16px' }}>
        <Link href="/" style={{ color: '#fff', fontSize: 13, opacity: 0.9 }}>
          {t('seeker:profile.back')}
        </Link>
        <h1 style={{ margin: '6px 0 4px', fontSize: 22 }}>{t('seeker:agencies.title')}</h1>
        <div style={{ fontSize: 13, opacity: 0.9 }}>{t('seeker:agencies.intro')}</div>
      </header>
      {error && <Banner kind="error" testId="agencies-error">{error}</Banner>}
      {notice && !error && <Banner kind="info" testId="agencies-notice">{notice}</Banner>}
      {items === null ? (
        !error && <p style={{ padding: 24, color: '#8c8c8c' }}>{t('common:loading')}</p>
      ) : (
        <>
          <h2 style={{ fontSize: 16, margin: '16px 16px 8px' }}>{t('seeker:agencies.live')}</h2>
          {live.length === 0 && (
            <p data-testid="agencies-none" style={{ margin: '0 16px', color: '#8c8c8c' }}>
              {t('seeker:agencies.none')}
            </p>
          )}
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {live.map((a) => (
              <li key={a.id} data-testid="authorisation" data-agency={a.agencyId} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, padding: '10px 16px', borderBottom: '1px solid #f0f0f0' }}>
                <span>
                  <strong style={{ display: 'block' }}>{nameOf(a.agencyId)}</strong>
                  <span style={{ fontSize: 13, color: '#8c8c8c' }}>{t('seeker:agencies.grantedAt', { at: ymd(a.grantedAt) })}</span>
                </span>
                <Button size="small" color="danger" fill="outline" disabled={busy} data-testid="authorisation-revoke" onClick={() => void revoke(a)}>
                  {t('seeker:agencies.revoke')}
                </Button>
              </li>
            ))}
          </ul>
          <h2 style={{ fontSize: 16, margin: '20px 16px 8px' }}>{t('seeker:agencies.add')}</h2>
          {offered.length === 0 ? (
            <p style={{ margin: '0 16px', color: '#8c8c8c' }}>{t('seeker:agencies.noAgencies')}</p>
          ) : (
            <div style={{ display: 'flex', gap: 8, margin: '0 16px' }}>
              <select data-testid="agency-choose" aria-label={t('seeker:agencies.choose')} value={chosen} onChange={(e) => setChosen(e.target.value)} style={{ flex: 1, minWidth: 0, fontSize: 15, padding: '6px 4px', border: '1px solid #d9d9d9', borderRadius: 6 }}>
                <option value="">{t('seeker:agencies.choose')}</option>
                {offered.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}（{a.divisionName}）
                  </option>
                ))}
              </select>
              <Button color="primary" disabled={!chosen || busy} data-testid="agency-authorise" onClick={() => void authorise()}>
                {t('seeker:agencies.authorise')}
              </Button>
            </div>
          )}
          {revoked.length > 0 && (
            <>
              <h2 style={{ fontSize: 16, margin: '20px 16px 8px', color: '#8c8c8c' }}>{t('seeker:agencies.revoked')}</h2>
              <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {revoked.map((a) => (
                  <li key={a.id} data-testid="authorisation-revoked" data-agency={a.agencyId} style={{ padding: '8px 16px', color: '#8c8c8c', fontSize: 14 }}>
                    {nameOf(a.agencyId)} · {t('seeker:agencies.revokedAt', { at: ymd(a.revokedAt ?? a.grantedAt) })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}
