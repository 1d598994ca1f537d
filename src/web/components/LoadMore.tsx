// "加载更多" for cursor-paged lists (the API answers `next`, not page numbers).
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

type Paged = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };

export function LoadMore({ query, shown }: { query: Paged; shown: number }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 12, padding: '12px 0' }}>
      <span style={{ color: '#888' }}>{t('common:list.shown', { count: shown })}</span>
      {query.hasNextPage ? (
        <Button data-testid="load-more" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {t('common:list.loadMore')}
        </Button>
      ) : (
        shown > 0 && <span style={{ color: '#aaa' }}>{t('common:list.end')}</span>
      )}
    </div>
  );
}
