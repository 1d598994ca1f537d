// 首页: what the official's jurisdiction holds — one request to the registry summary, counted per
// county on the server and rolled up to the divisions directly below the official's own.
import { BankOutlined, ShopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Statistic, Typography } from 'antd';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { useDivision, useMe } from '../../api/queries.ts';
import type { RegistrySummary } from '../../api/types.ts';
import { scopeRootCode } from '../../auth/scope.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';

type Line = RegistrySummary['byDivision'][number];
type Count = Exclude<keyof RegistrySummary, 'byDivision'>;

/** The counters, grouped under a heading each: [test id, label key, summary field]. */
const GROUPS: { heading: string; icon: ReactNode; stats: [string, string, Count][] }[] = [
  {
    heading: 'registry:nav.agencies',
    icon: <BankOutlined />,
    stats: [
      ['stat-agencies', 'registry:overview.agencies', 'agencies'],
      ['stat-agencies-active', 'registry:overview.agenciesActive', 'agenciesActive'],
      ['stat-agencies-suspended', 'registry:overview.agenciesSuspended', 'agenciesSuspended'],
      ['stat-agencies-public', 'registry:overview.agenciesPublic', 'agenciesPublic'],
      ['stat-staff', 'registry:overview.staff', 'staff'],
    ],
  },
  {
    heading: 'registry:nav.employers',
    icon: <ShopOutlined />,
    stats: [
      ['stat-employers', 'registry:overview.employers', 'employers'],
      ['stat-suppliers', 'registry:overview.suppliers', 'epidemicSuppliesProducers'],
    ],
  },
];

function useRegistrySummary() {
  return useQuery({ queryKey: ['registry', 'summary'], queryFn: () => unwrap(api.GET('/api/v1/registry/summary')) });
}

/** The province's alerts (an SMS budget spent today): one line each, newest first. */
function ProvinceAlerts() {
  const { t } = useTranslation();
  const alerts = useQuery({ queryKey: ['alerts'], queryFn: () => unwrap(api.GET('/api/v1/alerts', { params: { query: { limit: 5 } } })) });
  return (
    <>
      {(alerts.data?.items ?? []).map((a) => (
        <Alert
          key={`${a.divisionCode}-${a.id}`}
          type="warning"
          showIcon
          data-testid="desk-alert"
          style={{ marginBottom: 12 }}
          message={a.kind === 'sms_budget_reached' ? t('auth:alerts.smsBudgetReached', { budget: a.detail.budget, day: a.detail.day }) : a.kind}
        />
      ))}
    </>
  );
}

export default function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const root = useDivision(me ? scopeRootCode(me) : undefined).division;
  const summary = useRegistrySummary();
  const s = summary.data;

  return (
    <div>
      <PageTitle title={t('registry:overview.title', { place: root?.name ?? '' })} />
      <QueryError error={summary.error} />
      {me?.role === 'province' && <ProvinceAlerts />}
      {GROUPS.map(({ heading, icon, stats }, i) => (
        <Fragment key={heading}>
          <Typography.Title level={5} style={i > 0 ? { marginTop: 24 } : undefined}>
            {icon} {t(heading)}
          </Typography.Title>
          <Row gutter={[12, 12]}>
            {stats.map(([testId, label, field]) => (
              <Col key={testId} xs={12} sm={12} md={8} xl={6}>
                <Card size="small" loading={summary.isPending}>
                  <Statistic title={t(label)} value={s?.[field] ?? 0} data-testid={testId} />
                </Card>
              </Col>
            ))}
          </Row>
        </Fragment>
      ))}
      {s && s.byDivision.length > 1 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('registry:overview.byDivision')}
          </Typography.Title>
          <PagedTable<Line>
            testId="overview-by-division"
            source={{ rows: s.byDivision, loading: false, error: null }}
            size="small"
            rowKey="code"
            scroll={{ x: true }}
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
