// 首页: how many agencies and employers the official's jurisdiction holds, counted from the lists.
import { BankOutlined, ShopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { useDivision, useMe } from '../../api/queries.ts';
import type { Agency, Employer, Page } from '../../api/types.ts';
import { scopeRootCode } from '../../auth/scope.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';

const COUNT_PAGE = 200; // the API maximum
const MAX_PAGES = 50;

/** Walks a cursor-paged list; stops after MAX_PAGES and reports that the count is partial. */
async function collect<T>(fetchPage: (cursor?: string) => Promise<Page<T>>): Promise<{ items: T[]; partial: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.next) return { items, partial: false };
    cursor = page.next;
  }
  return { items, partial: true };
}

function useAgencyCounts() {
  return useQuery({
    queryKey: ['agencies', 'counts'],
    queryFn: async () => {
      const { items, partial } = await collect<Agency>((cursor) =>
        unwrap(api.GET('/api/v1/agencies', { params: { query: { limit: COUNT_PAGE, ...(cursor ? { cursor } : {}) } } })),
      );
      const count = (pred: (a: Agency) => boolean) => items.filter(pred).length;
      return {
        partial,
        total: items.length,
        active: count((a) => a.status === 'active'),
        suspended: count((a) => a.status === 'suspended'),
        public: count((a) => a.kind === 'public'),
        staff: items.reduce((sum, a) => sum + a.staffCount, 0),
      };
    },
  });
}

function useEmployerCounts() {
  return useQuery({
    queryKey: ['employers', 'counts'],
    queryFn: async () => {
      const { items, partial } = await collect<Employer>((cursor) =>
        unwrap(api.GET('/api/v1/employers', { params: { query: { limit: COUNT_PAGE, ...(cursor ? { cursor } : {}) } } })),
      );
      return { partial, total: items.length, suppliers: items.filter((e) => e.epidemicSuppliesProducer).length };
    },
  });
}

function Stat({ title, value, partial, loading, testId }: { title: string; value?: number; partial?: boolean; loading: boolean; testId: string }) {
  return (
    <Card size="small" loading={loading}>
      <Statistic title={title} value={value ?? 0} suffix={partial ? '+' : undefined} data-testid={testId} />
    </Card>
  );
}

export default function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const root = useDivision(me ? scopeRootCode(me) : undefined).division;
  const agencies = useAgencyCounts();
  const employers = useEmployerCounts();
  const a = agencies.data;
  const e = employers.data;
  const span = { xs: 12, sm: 12, md: 8, xl: 6 };

  return (
    <div>
      <PageTitle title={t('overview.title', { place: root?.name ?? '' })} />
      <QueryError error={agencies.error ?? employers.error} />
      <Typography.Title level={5}>
        <BankOutlined /> {t('nav.agencies')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        <Col {...span}>
          <Stat testId="stat-agencies" title={t('overview.agencies')} value={a?.total} partial={a?.partial} loading={agencies.isPending} />
        </Col>
        <Col {...span}>
          <Stat testId="stat-agencies-active" title={t('overview.agenciesActive')} value={a?.active} loading={agencies.isPending} />
        </Col>
        <Col {...span}>
          <Stat testId="stat-agencies-suspended" title={t('overview.agenciesSuspended')} value={a?.suspended} loading={agencies.isPending} />
        </Col>
        <Col {...span}>
          <Stat testId="stat-agencies-public" title={t('overview.agenciesPublic')} value={a?.public} loading={agencies.isPending} />
        </Col>
        <Col {...span}>
          <Stat testId="stat-staff" title={t('overview.staff')} value={a?.staff} loading={agencies.isPending} />
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        <ShopOutlined /> {t('nav.employers')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        <Col {...span}>
          <Stat testId="stat-employers" title={t('overview.employers')} value={e?.total} partial={e?.partial} loading={employers.isPending} />
        </Col>
        <Col {...span}>
          <Stat testId="stat-suppliers" title={t('overview.suppliers')} value={e?.suppliers} loading={employers.isPending} />
        </Col>
      </Row>
      <Card size="small" style={{ marginTop: 24 }}>
        <Typography.Text type="secondary">{t('overview.hint')}</Typography.Text>{' '}
        <Link to="/gov/agencies">{t('overview.toAgencies')}</Link> · <Link to="/gov/divisions">{t('overview.toDivisions')}</Link>
      </Card>
    </div>
  );
}
