// 员工排查填报 (P2) on the phone: places stayed in the last 14 days with dates (a division code,
// 5329 or 532901 alike), a close contact with a case, and whether oneself or a close relative is
// confirmed or suspected. The server matches the stays against the risk areas in force on those
// dates; the page says what it found. Plain inputs around one antd-mobile button keep it light.
import Button from 'antd-mobile/es/components/button';
import { type FormEvent, useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { api, ApiError, messageOf, unwrap } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { fetchMe } from '../session.ts';
import { Banner, Frame, Submit } from './parts.tsx';

type Stay = { key: number; division: string; from: string; to: string };
let nextKey = 0;
type CaseStatus = 'none' | 'suspected' | 'confirmed';
type Result = { findings: { id: number; kind: 'risk_area' | 'follow_up' | 'exposure'; area: { divisionName: string; sub: string | null; level: string } | null; overlapFrom: string | null; overlapTo: string | null }[]; currentUntil: string };
type Mine = { lastDay: string | null; stale: boolean; staleDays: number };

/** The area as the desk's findings show it: the division, then the street or community when the area is one. */
const areaName = (a: Result['findings'][number]['area']) => (a ? `${a.divisionName}${a.sub ? ` ${a.sub}` : ''}` : '');

const row = { display: 'flex', gap: 6, alignItems: 'center', margin: '6px 16px' } as const;
const input = { flex: 1, minWidth: 0, fontSize: 15, padding: '6px 4px', border: '1px solid #d9d9d9', borderRadius: 4 } as const;

export function DeclarePage() {
  const { t } = useT();
  const [, navigate] = useLocation();
  const [mine, setMine] = useState<Mine | null>(null);
  const [stays, setStays] = useState<Stay[]>([]);
  const [closeContact, setCloseContact] = useState(false);
  const [selfCase, setSelfCase] = useState<CaseStatus>('none');
  const [relativeCase, setRelativeCase] = useState<CaseStatus>('none');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  useEffect(() => {
    fetchMe()
      .then(async (me) => {
        if (!me) return navigate('/login', { replace: true });
        setMine(await unwrap(api.GET('/api/v1/prevention/declarations/mine')));
      })
      .catch((e: unknown) => setError(messageOf(e)));
  }, [navigate]);

  const setStay = (i: number, patch: Partial<Stay>) => setStays((s) => s.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { stays: stays.filter((s) => s.division || s.from || s.to).map(({ division, from, to }) => ({ division, from, to })), closeContact, selfCase, relativeCase };
      setResult(await unwrap(api.POST('/api/v1/prevention/declarations', { body })));
    } catch (err) {
      setError(err instanceof ApiError && Object.keys(err.fields).length ? `${err.message}：${Object.values(err.fields).join('；')}` : messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  if (result) {
    return (
      <Frame title={t('screening:done')}>
        <div data-testid="declare-result">
          {result.findings.length === 0 && <Banner kind="info" testId="declare-clear">{t('screening:clear')}</Banner>}
          {result.findings.map((f) => (
            <Banner key={f.id} kind={f.kind === 'follow_up' ? 'info' : 'error'} testId={`declare-finding-${f.kind}`}>
              {f.kind === 'exposure' ? t('screening:exposure') : t(`screening:${f.kind}`, { area: areaName(f.area), level: t(`screening:level.${f.area?.level ?? 'high'}`), from: f.overlapFrom ?? '', to: f.overlapTo ?? '' })}
            </Banner>
          ))}
          <p style={{ margin: '12px 16px', color: '#595959' }}>{t('screening:currentUntil', { day: result.currentUntil })}</p>
          <div style={{ padding: '0 16px' }}>
            <Button block onClick={() => navigate('/')}>{t('screening:back')}</Button>
          </div>
        </div>
      </Frame>
    );
  }

  return (
    <Frame title={t('screening:title')} footer={t('screening:privacy')}>
      {mine && (
        <Banner kind={mine.stale ? 'error' : 'info'} testId="declare-status">
          {mine.lastDay ? t(mine.stale ? 'screening:stale' : 'screening:last', { day: mine.lastDay, days: mine.staleDays }) : t('screening:never')}
        </Banner>
      )}
      {error && <Banner kind="error" testId="declare-error">{error}</Banner>}
      <form onSubmit={(e) => void submit(e)}>
        <h3 style={{ fontSize: 15, margin: '12px 16px 4px' }}>{t('screening:stays')}</h3>
        <p style={{ fontSize: 13, color: '#8c8c8c', margin: '0 16px' }}>{t('screening:staysHint')}</p>
        {stays.map((s, i) => (
          <div key={s.key} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 6 }}>
            <div style={row}>
              <input style={input} inputMode="numeric" placeholder={t('screening:division')} value={s.division} onChange={(e) => setStay(i, { division: e.target.value })} data-testid={`stay-division-${i}`} aria-label={t('screening:division')} />
              <button type="button" onClick={() => setStays((x) => x.filter((_, j) => j !== i))} style={{ border: 'none', background: 'none', color: '#a8071a' }}>
                {t('screening:remove')}
              </button>
            </div>
            <div style={row}>
              <input style={input} type="date" value={s.from} onChange={(e) => setStay(i, { from: e.target.value })} data-testid={`stay-from-${i}`} aria-label={t('screening:from')} />
              <span>~</span>
              <input style={input} type="date" value={s.to} onChange={(e) => setStay(i, { to: e.target.value })} data-testid={`stay-to-${i}`} aria-label={t('screening:to')} />
            </div>
          </div>
        ))}
        <div style={{ padding: '6px 16px' }}>
          <Button size="small" onClick={() => setStays((x) => [...x, { key: nextKey++, division: '', from: '', to: '' }])} data-testid="stay-add">
            {t('screening:addStay')}
          </Button>
        </div>
        <label style={{ ...row, margin: '12px 16px' }}>
          <input type="checkbox" checked={closeContact} onChange={(e) => setCloseContact(e.target.checked)} data-testid="close-contact" />
          {t('screening:closeContact')}
        </label>
        {(
          [
            ['selfCase', selfCase, setSelfCase],
            ['relativeCase', relativeCase, setRelativeCase],
          ] as const
        ).map(([key, value, set]) => (
          <label key={key} style={row}>
            <span style={{ flex: 1 }}>{t(`screening:${key}`)}</span>
            <select value={value} onChange={(e) => set(e.target.value as CaseStatus)} data-testid={key} style={{ fontSize: 15 }}>
              {(['none', 'suspected', 'confirmed'] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`screening:case.${c}`)}
                </option>
              ))}
            </select>
          </label>
        ))}
        <Submit busy={busy} testId="declare-submit">
          {t('screening:submit')}
        </Submit>
      </form>
    </Frame>
  );
}
