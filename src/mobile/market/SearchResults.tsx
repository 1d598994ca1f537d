// 找工作's hits (issue 10): GET /api/v1/postings/search a page at a time, antd-mobile's
// InfiniteScroll asking for the next page (the answer's `next` cursor) as the list's end nears the
// screen. The page mounts it anew for each search (keyed by the URL), so a new search starts an
// empty list and an answer to an older one lands nowhere. Each hit: its title and snippet with the
// words searched for marked (text nodes and <mark> from the API's offsets, never HTML), employer,
// place, pay (面议 when none; the unit as the posting states it), and a plain link to its
// server-rendered page /m/jobs/{code} (a full page load). An error shows the server's message;
// 重试 asks again, except after a 400 (the same question gets the same answer).
import Button from 'antd-mobile/es/components/button';
import InfiniteScroll from 'antd-mobile/es/components/infinite-scroll';
import { useEffect, useRef, useState } from 'react';
import { ApiError, api, unwrap } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { Banner } from '../pages/parts.tsx';
import { apiQuery, markParts, type SearchState, salaryRange } from './search-url.ts';

/** Hits a page: a cheap phone's screen holds four or five, so one page fills it and the next waits for a scroll. */
export const PAGE = 20;

/** One page of the search's hits after `cursor` (the first without). */
const fetchPage = (search: SearchState, cursor: string | undefined) =>
  unwrap(api.GET('/api/v1/postings/search', { params: { query: { ...apiQuery(search), limit: PAGE, ...(cursor ? { cursor } : {}) } } }));

type Hit = Awaited<ReturnType<typeof fetchPage>>['items'][number];

const markStyle = { background: '#fff1b8', color: 'inherit', padding: 0 } as const;

/** `text` with the spans marked: strings and <mark>s, so whatever the text holds stays text. */
function Marked({ text, spans }: { text: string; spans: Hit['highlights'] }) {
  return (
    <>
      {markParts(text, spans).map((p, i) =>
        p.mark ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, in order, never reordered
          <mark key={i} style={markStyle}>
            {p.text}
          </mark>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

function Salary({ hit }: { hit: Hit }) {
  const { t } = useT();
  const range = salaryRange(hit.salaryMin, hit.salaryMax);
  // no unit: the figures as they are, never 元/月 assumed
  const text = !range ? t('jobs:negotiable') : hit.salaryUnit ? t('jobs:salary', { range, unit: t(`jobs:unit.${hit.salaryUnit}`) }) : range;
  return (
    <span data-testid="job-salary" style={{ color: '#d4380d', fontWeight: 600, whiteSpace: 'nowrap' }}>
      {text}
    </span>
  );
}

const tagStyle = { fontSize: 12, color: '#0b5cad', background: '#e6f4ff', borderRadius: 4, padding: '1px 6px', whiteSpace: 'nowrap' } as const;

function HitItem({ hit }: { hit: Hit }) {
  const { t } = useT();
  const tags = [...(hit.epidemicSupplies ? [t('jobs:priority.true')] : []), ...hit.priorityGroups.map((g) => t(`jobs:openTo.${g}`))];
  return (
    <li style={{ borderBottom: '1px solid #f0f0f0' }}>
      {/* the server renders the job page: a plain link, a full page load */}
      <a href={`/m/jobs/${encodeURIComponent(hit.code)}`} data-testid="job-item" data-code={hit.code} style={{ display: 'block', padding: '12px 16px', color: 'inherit', textDecoration: 'none' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
          <strong data-testid="job-title" style={{ fontSize: 16, color: '#0b5cad', minWidth: 0, overflowWrap: 'anywhere' }}>
            <Marked text={hit.title} spans={hit.titleHighlights} />
          </strong>
          <Salary hit={hit} />
        </div>
        <div data-testid="job-company" style={{ fontSize: 14, color: '#262626', marginTop: 4 }}>
          {hit.company}
        </div>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 8px', alignItems: 'center', fontSize: 13, color: '#8c8c8c', marginTop: 2 }}>
          {hit.divisionName && <span data-testid="job-place">{hit.divisionName}</span>}
          {hit.publishedAt && <span>{t('jobs:postedOn', { date: hit.publishedAt.slice(5, 10) })}</span>}
          {tags.map((tag) => (
            <span key={tag} style={tagStyle}>
              {tag}
            </span>
          ))}
        </div>
        {hit.snippet && (
          <p data-testid="job-snippet" style={{ margin: '6px 0 0', fontSize: 13, color: '#595959', lineHeight: 1.5 }}>
            <Marked text={hit.snippet} spans={hit.highlights} />
          </p>
        )}
      </a>
    </li>
  );
}

/**
 * What went wrong: the server's words — the messages of the fields it refused (each names its
 * field: "关键词：最多 200 个字") when it named any, as this page has no form to mark them on, else
 * its message —, or the page's own when no answer came (the browser's "Failed to fetch" is English).
 */
function whatWentWrong(e: unknown, t: ReturnType<typeof useT>['t']): string {
  if (!(e instanceof ApiError)) return t('jobs:network');
  const fields = Object.values(e.fields);
  return fields.length ? fields.join('；') : e.message;
}

/** The hits of one search; `onClearFilters` (when filters are set) is offered when none match. */
export function SearchResults({ search, onClearFilters }: { search: SearchState; onClearFilters?: () => void }) {
  const { t } = useT();
  const [hits, setHits] = useState<Hit[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const cursor = useRef<string | undefined>(undefined);
  // false once unmounted (a newer search took its place): a late answer lands nowhere
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  // InfiniteScroll calls one at a time, and no more after a failure until 重试
  async function loadMore() {
    setError(null);
    try {
      const page = await fetchPage(search, cursor.current);
      if (!live.current) return;
      cursor.current = page.next ?? undefined;
      setHits((h) => [...h, ...page.items]);
      setHasMore(page.next !== null);
    } catch (e) {
      if (live.current) setError(e);
      throw e;
    }
  }

  const badRequest = error instanceof ApiError && error.status === 400;
  return (
    <>
      <ul data-testid="jobs-list" style={{ listStyle: 'none', margin: '8px 0 0', padding: 0, background: '#fff' }}>
        {hits.map((h) => (
          <HitItem key={h.id} hit={h} />
        ))}
      </ul>
      <InfiniteScroll loadMore={loadMore} hasMore={hasMore} style={{ padding: '12px 16px 24px' }}>
        {(more, failed, retry) =>
          failed && error !== null ? (
            <div style={{ textAlign: 'center' }}>
              <Banner kind="error" testId="jobs-error">
                {whatWentWrong(error, t)}
              </Banner>
              {!badRequest && (
                <Button data-testid="jobs-retry" size="small" onClick={() => void retry()}>
                  {t('jobs:retry')}
                </Button>
              )}
            </div>
          ) : more ? (
            <span data-testid="jobs-loading">{t('common:loading')}</span>
          ) : hits.length === 0 ? (
            <div data-testid="jobs-none" style={{ textAlign: 'center' }}>
              <p style={{ margin: '12px 0 4px', color: '#595959', fontSize: 15 }}>{t('jobs:none')}</p>
              <p style={{ margin: '0 0 12px', fontSize: 13 }}>{t('jobs:noneHint')}</p>
              {onClearFilters && (
                <Button data-testid="jobs-clear-filters" size="small" onClick={onClearFilters}>
                  {t('jobs:clearFilters')}
                </Button>
              )}
            </div>
          ) : (
            <span data-testid="jobs-end">{t('jobs:end')}</span>
          )
        }
      </InfiniteScroll>
    </>
  );
}
