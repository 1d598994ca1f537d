// 找工作 (issue 9, "Pages": a simple list): the open postings of GET /public/postings, filtered by
// place (a prefecture or a county: the list takes a division prefix) and a keyword, a page at a
// time with "加载更多" following the list's cursor. Each posting opens its public page
// /m/jobs/{code}, which the server renders (a full page load, not a route of the shell). Open to
// anyone, signed in or not; the real search comes with the search issue.
import Button from 'antd-mobile/es/components/button';
import Input from 'antd-mobile/es/components/input';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { paths } from '../../web/api/schema.d.ts';
import { api, messageOf, unwrap } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { CountyPicker } from '../seeker/pickers.tsx';
import { Banner } from './parts.tsx';

type Posting = paths['/api/v1/public/postings']['get']['responses'][200]['content']['application/json']['items'][number];
type Filter = { place: string; q: string };

const PAGE = 20;

/** "4,000–6,000", "4,000 起", "至 6,000": a salary range in the page's digits (null: 面议). */
function range(min: number | null, max: number | null): string {
  const n = (v: number) => v.toLocaleString('zh-CN');
  if (min !== null && max !== null) return min === max ? n(min) : `${n(min)}–${n(max)}`;
  if (min !== null) return `${n(min)}+`;
  if (max !== null) return `≤${n(max)}`;
  return '';
}

function Salary({ p }: { p: Posting }) {
  const { t } = useT();
  const s = p.salary;
  const text = s && (s.min !== null || s.max !== null) ? t('jobs:salary', { range: range(s.min, s.max), unit: t(`jobs:unit.${s.unit}`) }) : t('jobs:negotiable');
  return (
    <span data-testid="job-salary" style={{ color: '#d4380d', fontWeight: 600, whiteSpace: 'nowrap' }}>
      {text}
    </span>
  );
}

function JobItem({ p }: { p: Posting }) {
  const { t } = useT();
  return (
    <li style={{ borderBottom: '1px solid #f0f0f0' }}>
      {/* the server renders the job page: a plain link, a full page load */}
      <a href={`/m/jobs/${encodeURIComponent(p.code)}`} data-testid="job-item" data-code={p.code} style={{ display: 'block', padding: '12px 16px', color: 'inherit', textDecoration: 'none' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
          <strong data-testid="job-title" style={{ fontSize: 16, color: '#0b5cad' }}>
            {p.title}
          </strong>
          <Salary p={p} />
        </div>
        <div style={{ fontSize: 14, color: '#262626', marginTop: 4 }}>{p.employerName}</div>
        <div style={{ fontSize: 13, color: '#8c8c8c', marginTop: 2 }}>
          {[p.divisionName ?? p.regionText, p.headcount ? t('jobs:headcount', { n: p.headcount }) : '', p.validThrough ? t('jobs:validThrough', { date: p.validThrough.slice(0, 10) }) : ''].filter(Boolean).join(' · ')}
        </div>
      </a>
    </li>
  );
}

export function JobsPage() {
  const { t } = useT();
  const [county, setCounty] = useState('');
  const [prefecture, setPrefecture] = useState('');
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Posting[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // answers to an older search are dropped
  const generation = useRef(0);

  const load = useCallback(async (filter: Filter, cursor: string | null) => {
    const g = cursor ? generation.current : ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const query = { limit: PAGE, ...(filter.place ? { county: filter.place } : {}), ...(filter.q ? { q: filter.q } : {}), ...(cursor ? { cursor } : {}) };
      const page = await unwrap(api.GET('/api/v1/public/postings', { params: { query } }));
      if (g !== generation.current) return;
      setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNext(page.next);
      setLoaded(true);
    } catch (e) {
      if (g === generation.current) setError(messageOf(e));
    } finally {
      if (g === generation.current) setLoading(false);
    }
  }, []);

  const [filter, setFilter] = useState<Filter>({ place: '', q: '' });
  useEffect(() => {
    void load(filter, null);
  }, [filter, load]);

  function search(e?: FormEvent) {
    e?.preventDefault();
    setFilter({ place: county || prefecture, q: q.trim() });
  }

  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <header style={{ background: '#0b5cad', color: '#fff', padding: '14px 16px' }}>
        <Link href="/" style={{ color: '#fff', fontSize: 13, opacity: 0.9 }}>
          {t('jobs:back')}
        </Link>
        <h1 style={{ margin: '6px 0 0', fontSize: 22 }}>{t('jobs:title')}</h1>
      </header>
      <form onSubmit={search} style={{ background: '#fff', padding: '12px 16px', display: 'flex', flexDirection: 'column', gap: 8 }}>
        <CountyPicker
          testId="jobs-place"
          value={county}
          onChange={setCounty}
          onPrefecture={setPrefecture}
        />
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <div style={{ flex: 1, border: '1px solid #d9d9d9', borderRadius: 6, padding: '4px 8px' }}>
            <Input data-testid="jobs-q" aria-label={t('jobs:keyword')} maxLength={50} value={q} onChange={setQ} placeholder={t('jobs:keywordPlaceholder')} clearable onEnterPress={() => search()} />
          </div>
          <Button color="primary" type="submit" data-testid="jobs-search">
            {t('jobs:search')}
          </Button>
        </div>
      </form>
      {error && <Banner kind="error" testId="jobs-error">{error}</Banner>}
      <ul data-testid="jobs-list" aria-busy={loading} style={{ listStyle: 'none', margin: '8px 0 0', padding: 0, background: '#fff' }}>
        {items.map((p) => (
          <JobItem key={p.id} p={p} />
        ))}
      </ul>
      {loaded && items.length === 0 && !error && (
        <p data-testid="jobs-none" style={{ textAlign: 'center', color: '#8c8c8c', padding: 24 }}>
          {t('jobs:none')}
        </p>
      )}
      <div style={{ padding: 16, textAlign: 'center' }}>
        {next ? (
          <Button block loading={loading} data-testid="load-more" onClick={() => void load(filter, next)}>
            {t('jobs:more')}
          </Button>
        ) : (
          loaded && items.length > 0 && <span data-testid="jobs-end" style={{ color: '#8c8c8c', fontSize: 13 }}>{t('jobs:end')}</span>
        )}
      </div>
    </div>
  );
}
