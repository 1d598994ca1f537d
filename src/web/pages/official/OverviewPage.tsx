// 首页: what the official's jurisdiction holds — one request to the registry summary, counted per
// county on the server and rolled up to the divisions directly below the official's own.
import { BankOutlined, ShopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { useDivision, useMe } from '../../api/queries.ts';
import type { RegistrySummary } from '../../api/types.ts';
import { scopeRootCode } from '../../auth/scope.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';

type Line = RegistrySummary['byDivision'][number];

function useRegistrySummary() {
  return useQuery({ queryKey: ['registry', 'summary'], queryFn: () => unwrap(api.GET('/api/v1/registry/summary')) });
}

function Stat({ title, value, loading, testId }: { title: string; value?: number; loading: boolean; testId: string }) {
  return (
    <Card size="small" loading={loading}>
      <Statistic title={title} value={value ?? 0} data-testid={testId} />
    </Card>
  );
}

export default function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const root = useDivision(me ? scopeRootCode(me) : undefined).division;
  const summary = useRegistrySummary();
  const s = summary.data;
  const loading = summary.isPending;
  const span = { xs: 12, sm: 12, md: 8, xl: 6 };

  return (
    <div>
      <PageTitle title={t('registry:overview.title', { place: root?.name ?? '' })} />
      <QueryError error={summary.error} />
      <Typography.Title level={5}>
        <BankOutlined /> {t('registry:nav.agencies')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        <Col {...span}>
          <Stat testId="stat-agencies" title={t('registry:overview.agencies')} value={s?.agencies} loading={loading} />
        </Col>
        <Col {...span}>
          <Stat testId="stat-agencies-active" title={t('registry:overview.agenciesActive')} value={s?.agenciesActive} loading={loading} />
        </Col>
        <Col {...span}>
          <Stat testId="stat-agencies-suspended" title={t('registry:overview.agenciesSuspended')} value={s?.agenciesSuspended} loading={loading} />
        </Col>
        <Col {...span}>
          <Stat testId="stat-agencies-public" title={t('registry:overview.agenciesPublic')} value={s?.agenciesPublic} loading={loading} />
        </Col>
        <Col {...span}>
          <Stat testId="stat-staff" title={t('registry:overview.staff')} value={s?.staff} loading={loading} />
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        <ShopOutlined /> {t('registry:nav.employers')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        <Col {...span}>
          <Stat testId="stat-employers" title={t('registry:overview.employers')} value={s?.employers} loading={loading} />
        </Col>
        <Col {...span}>
          <Stat testId="stat-suppliers" title={t('registry:overview.suppliers')} value={s?.epidemicSuppliesProducers} loading={loading} />
        </Col>
      </Row>
      {s && s.byDivision.length > 1 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('registry:overview.byDivision')}
          </Typography.Title>
          <Table<Line>
            data-testid="overview-by-division"
            size="small"
            rowKey="code"
            pagination={false}
            scroll={{ x: true }}
            dataSource={s.byDivision}
            columns={[
              { title: t('registry:overview.division'), dataIndex: 'name' },
              { title: t('registry:overview.agencies'), dataIndex: 'agencies', align: 'right', sorter: (a, b) => a.agencies - b.agencies },
              { title: t('registry:overview.staff'), dataIndex: 'staff', align: 'right', sorter: (a, b) => a.staff - b.staff },
              { title: t('registry:overview.employers'), dataIndex: 'employers', align: 'right', sorter: (a, b) => a.employers - b.employers },
              { title: t('registry:overview.suppliers'), dataIndex: 'epidemicSuppliesProducers', align: 'right' },
            ]}
          />
        </>
      )}
      <Card size="small" style={{ marginTop: 24 }}>
        <Typography.Text type="secondary">{t('registry:overview.hint')}</Typography.Text>{' '}
        <Link to="/gov/agencies">{t('registry:overview.toAgencies')}</Link> · <Link to="/gov/divisions">{t('registry:overview.toDivisions')}</Link>
      </Card>
    </div>
  );
}
