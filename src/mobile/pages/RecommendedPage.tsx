// 为你推荐 (issue 12): the open postings the matcher picks for the signed-in job seeker (GET
// /api/v1/matches/for-seeker/{seekerId}, the id from /me), best first, each with its title, employer,
// place, pay, how well it fits (匹配度, the score in per cent) and the reasons it was picked as small
// tags — the list explains itself. A posting opens its server-rendered page /m/jobs/{code} (a plain
// link, a full page load). Recommendations switched off on the profile (PIPL art. 24) leave nothing
// computed: the page says so and leads to the switch; no profile yet leads to filling it in. Plain
// markup in the style of 找工作's list, no antd-mobile component: the chunk stays light. Under the
// list, the way to 职位提醒 (the new postings picked every morning, /m/alerts).
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { paths } from '../../web/api/schema.d.ts';
import { beijingDate } from '../../shared/beijing-day.ts';
import { api, messageOf, unwrap } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { salaryRange } from '../market/search-url.ts';
import { countyName, placeName, useName } from '../seeker/pickers.tsx';
import { ALERTS_PATH, JOBS_PATH, PROFILE_PATH } from '../seeker/links.tsx';
import { fetchMe } from '../session.ts';
import { Banner } from './parts.tsx';

type Matches = paths['/api/v1/matches/for-seeker/{id}']['get']['responses'][200]['content']['application/json'];
type Match = Matches['items'][number];

/** How many postings the page asks for (the API's default). */
const LIMIT = 20;

/** What the page shows: still asking, not signed in, not a seeker, no profile yet, or the matcher's answer. */
type State = { kind: 'loading' } | { kind: 'out' } | { kind: 'other' } | { kind: 'noProfile' } | { kind: 'error'; message: string } | { kind: 'done'; matches: Matches };

/** A county's name, or a prefecture's for a code ending in 00 (a posting whose county was not resolved). */
const placeOf = (code: string) => (code.endsWith('00') ? placeName(code.slice(0, 4)) : countyName(code));

/** 匹配度 as a whole per cent (the score is in [0, 1]). */
const percentOf = (score: number) => Math.round(Math.min(1, Math.max(0, score)) * 100);

const tagStyle = { fontSize: 12, color: '#0b5cad', background: '#e6f4ff', borderRadius: 4, padding: '1px 6px' } as const;
const linkStyle = { color: '#0b5cad', fontSize: 14 } as const;

function Salary({ posting }: { posting: Match['posting'] }) {
  const { t } = useT();
  const range = salaryRange(posting.salaryMin, posting.salaryMax);
  // no unit: the figures as they are, never 元/月 assumed (as 找工作 shows them)
  const text = !range ? t('jobs:negotiable') : posting.salaryUnit ? t('jobs:salary', { range, unit: t(`jobs:unit.${posting.salaryUnit}`) }) : range;
  return (
    <span data-testid="rec-salary" style={{ color: '#d4380d', fontWeight: 600, whiteSpace: 'nowrap' }}>
      {text}
    </span>
  );
}

function Item({ m }: { m: Match }) {
  const { t } = useT();
  const p = m.posting;
  const place = useName(p.divisionCode, placeOf);
  const percent = percentOf(m.score);
  return (
    <li style={{ borderBottom: '1px solid #f0f0f0' }}>
      <a href={`/m/jobs/${encodeURIComponent(p.publicCode)}`} data-testid="rec-item" data-code={p.publicCode} data-score={percent} style={{ display: 'block', padding: '12px 16px', color: 'inherit', textDecoration: 'none' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
          <strong data-testid="rec-title" style={{ fontSize: 16, color: '#0b5cad', minWidth: 0, overflowWrap: 'anywhere' }}>
            {p.title}
          </strong>
          <Salary posting={p} />
        </div>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center', marginTop: 4 }}>
          <span data-testid="rec-company" style={{ fontSize: 14, color: '#262626', minWidth: 0, overflowWrap: 'anywhere' }}>
            {p.employerName}
          </span>
          <span data-testid="rec-score" style={{ flex: 'none', fontSize: 13, fontWeight: 600, color: percent >= 70 ? '#389e0d' : '#595959' }}>
            {t('matching:score', { percent })}
          </span>
        </div>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 8px', fontSize: 13, color: '#8c8c8c', marginTop: 2 }}>
          <span data-testid="rec-place">{place}</span>
          <span>{t('jobs:postedOn', { date: beijingDate(new Date(p.publishedAt)).slice(5) })}</span>
        </div>
        {m.reasons.length > 0 && (
          <ul aria-label={t('matching:reasons')} data-testid="rec-reasons" style={{ display: 'flex', flexWrap: 'wrap', gap: 4, listStyle: 'none', margin: '6px 0 0', padding: 0 }}>
            {m.reasons.map((r) => (
              <li key={r.code} data-testid="rec-reason" data-code={r.code} style={tagStyle}>
                {r.text}
              </li>
            ))}
          </ul>
        )}
      </a>
    </li>
  );
}

export function RecommendedPage() {
  const { t, lang } = useT();
  const [state, setState] = useState<State>({ kind: 'loading' });

  // asked again when the language changes: the reasons come in the page's language
  useEffect(() => {
    let live = true;
    (async (): Promise<State> => {
      const me = await fetchMe();
      if (!me) return { kind: 'out' };
      if (me.role !== 'seeker') return { kind: 'other' };
      if (me.seekerId === undefined) return { kind: 'noProfile' };
      const matches = await unwrap(api.GET('/api/v1/matches/for-seeker/{id}', { params: { path: { id: String(me.seekerId) }, query: { limit: LIMIT } }, headers: { 'Accept-Language': lang } }));
      return { kind: 'done', matches };
    })().then(
      (s) => live && setState(s),
      (e: unknown) => live && setState({ kind: 'error', message: messageOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [lang]);

  const matches = state.kind === 'done' ? state.matches : null;
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', paddingBottom: 24 }}>
      <header style={{ background: '#0b5cad', color: '#fff', padding: '14px 16px' }}>
        <Link href="/" style={{ color: '#fff', fontSize: 13, opacity: 0.9 }}>
          {t('matching:back')}
        </Link>
        <h1 style={{ margin: '6px 0 4px', fontSize: 22 }}>{t('matching:title')}</h1>
        <div style={{ fontSize: 13, opacity: 0.9 }}>{t('matching:intro')}</div>
      </header>
      {state.kind === 'loading' && <p style={{ padding: '12px 16px', color: '#8c8c8c' }}>{t('common:loading')}</p>}
      {state.kind === 'out' && (
        <>
          <Banner kind="info" testId="rec-signed-out">{t('market:signedOut')}</Banner>
          <p style={{ margin: '8px 16px' }}>
            <a href="/m/login" style={linkStyle}>{t('market:login')}</a>
          </p>
        </>
      )}
      {state.kind === 'other' && <Banner kind="info" testId="rec-not-seeker">{t('market:seekersOnly')}</Banner>}
      {state.kind === 'error' && <Banner kind="error" testId="rec-error">{state.message}</Banner>}
      {state.kind === 'noProfile' && (
        <>
          <Banner kind="info" testId="rec-need-profile">{t('matching:needProfile')}</Banner>
          <p style={{ margin: '8px 16px' }}>
            <Link href={PROFILE_PATH} style={linkStyle}>{t('matching:fillProfile')}</Link>
          </p>
        </>
      )}
      {matches && !matches.recommendations && (
        <>
          <Banner kind="info" testId="rec-off">{t('matching:off')}</Banner>
          <p style={{ margin: '8px 16px', display: 'flex', flexDirection: 'column', gap: 8 }}>
            <Link href={`${PROFILE_PATH}#recommendations`} data-testid="rec-turn-on" style={linkStyle}>
              {t('matching:turnOn')}
            </Link>
            <Link href={JOBS_PATH} style={linkStyle}>{t('matching:search')}</Link>
          </p>
        </>
      )}
      {matches?.recommendations && matches.items.length === 0 && (
        <>
          <Banner kind="info" testId="rec-none">{t('matching:none')}</Banner>
          <p style={{ margin: '8px 16px', display: 'flex', flexDirection: 'column', gap: 8 }}>
            <Link href={PROFILE_PATH} style={linkStyle}>{t('matching:fillProfile')}</Link>
            <Link href={JOBS_PATH} style={linkStyle}>{t('matching:search')}</Link>
          </p>
        </>
      )}
      {matches?.recommendations && matches.items.length > 0 && (
        <>
          <ul data-testid="rec-list" style={{ listStyle: 'none', margin: '8px 0 0', padding: 0, background: '#fff' }}>
            {matches.items.map((m) => (
              <Item key={m.id} m={m} />
            ))}
          </ul>
          <p style={{ margin: '12px 16px', fontSize: 12, color: '#8c8c8c', display: 'flex', flexDirection: 'column', gap: 8 }}>
            {/* the new ones every morning: 职位提醒 (issue 12) */}
            <Link href={ALERTS_PATH} data-testid="rec-alerts" style={linkStyle}>
              {t('alerts:fromRecommended')}
            </Link>
            <Link href={`${PROFILE_PATH}#recommendations`} data-testid="rec-settings" style={{ color: '#8c8c8c' }}>
              {t('matching:settings')}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
