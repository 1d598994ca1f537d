// 找工作 (issue 10, the phone search page): words in a search bar, filters a worker on a cheap
// phone uses (place, pay, education, posted within, open to 高校毕业生 / 农民工, 防疫物资企业) and the
// order, over the public search API (GET /api/v1/postings/search); the hits in a list that loads
// the next page as it is scrolled, each opening its server-rendered page /m/jobs/{code}. The
// search is the URL's query (market/search-url.ts): each new search is a history entry, so the
// back button returns to the one before and a shared link opens the same. Open to anyone, signed
// in or not; its own chunk, with Selector, SearchBar and InfiniteScroll (nothing animated: the
// phone budget, bench/pages.bench.ts).
import Button from 'antd-mobile/es/components/button';
import SearchBar from 'antd-mobile/es/components/search-bar';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { useT } from '../i18n/index.ts';
import { SearchFilters } from '../market/SearchFilters.tsx';
import { SearchResults } from '../market/SearchResults.tsx';
import { EMPTY_SEARCH, hasFilters, readSearch, type SearchState, writeSearch } from '../market/search-url.ts';

export function JobsPage() {
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  const search = readSearch(params);
  const current = writeSearch(search);
  const [words, setWords] = useState(search.q);
  // asking the same search again (搜索 tapped twice) reloads it without a second history entry
  const [again, setAgain] = useState(0);

  // the back button (or a link) brought another search: its words in the bar
  useEffect(() => {
    setWords(search.q);
  }, [search.q]);

  function go(next: SearchState) {
    const qs = writeSearch(next);
    if (qs === current) setAgain((n) => n + 1);
    else setParams(new URLSearchParams(qs));
  }

  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <header style={{ background: '#0b5cad', color: '#fff', padding: '14px 16px' }}>
        <Link href="/" style={{ color: '#fff', fontSize: 13, opacity: 0.9 }}>
          {t('jobs:back')}
        </Link>
        <h1 style={{ margin: '6px 0 0', fontSize: 22 }}>{t('jobs:title')}</h1>
      </header>
      <search aria-label={t('jobs:searchLabel')} style={{ background: '#fff', padding: '10px 12px', display: 'flex', gap: 8, alignItems: 'center' }}>
        <SearchBar
          data-testid="jobs-q"
          style={{ flex: 1, '--height': '40px', '--background': '#f5f5f5' }}
          placeholder={t('jobs:searchPlaceholder')}
          value={words}
          onChange={setWords}
          onSearch={(v) => go({ ...search, q: v.trim() })}
          onClear={() => go({ ...search, q: '' })}
        />
        <Button color="primary" data-testid="jobs-search" onClick={() => go({ ...search, q: words.trim() })}>
          {t('jobs:search')}
        </Button>
      </search>
      <SearchFilters value={search} onApply={go} />
      <SearchResults key={`${current}#${again}`} search={search} onClearFilters={hasFilters(search) ? () => go({ ...EMPTY_SEARCH, q: search.q, sort: search.sort }) : undefined} />
    </div>
  );
}
