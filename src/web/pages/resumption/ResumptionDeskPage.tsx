// 复工用工 (issue 13 M2, decision 0050): a bureau's demand against supply — per county and
// occupation, the resumption plans' headcount, the registered job seekers wanting it and their ratio
// (求人倍率) — and the plans in its jurisdiction; both tables export to .xlsx.
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';

type DemandRow = paths['/api/v1/resumption/demand']['get']['responses']['200']['content']['application/json']['items'][number];
type PlanRow = paths['/api/v1/resumption/plans']['get']['responses']['200']['content']['application/json']['items'][number];

export default function ResumptionDeskPage() {
  const { t } = useTranslation();
  return (
    <div>
      <PageTitle title={t('resumption:desk.title')} />
      <Tabs
        items={[
          { key: 'demand', label: t('resumption:desk.demandTab'), children: <DemandTable /> },
          { key: 'plans', label: t('resumption:desk.plansTab'), children: <PlansTable /> },
        ]}
      />
    </div>
  );
}

function DemandTable() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['resumption', 'demand'], queryFn: () => unwrap(api.GET('/api/v1/resumption/demand')) });
  return (
    <Card size="small" extra={<ExportButton path="/api/v1/resumption/demand/export.xlsx" fileName="resumption-demand.xlsx" testId="demand-export" />}>
      <Table<DemandRow>
        rowKey={(r) => `${r.divisionCode}/${r.occupationCode}`}
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        data-testid="demand-table"
        columns={[
          { title: t('resumption:col.county'), dataIndex: 'divisionName' },
          { title: t('resumption:col.occupation'), render: (_, r) => `${r.occupationName}（${r.occupationCode}）` },
          { title: t('resumption:col.demand'), dataIndex: 'demand' },
          { title: t('resumption:col.plans'), dataIndex: 'plans' },
          { title: t('resumption:col.seekers'), dataIndex: 'seekers' },
          { title: t('resumption:col.ratio'), render: (_, r) => (r.ratio === null ? t('resumption:desk.noRatio') : r.ratio.toFixed(2)) },
        ]}
      />
    </Card>
  );
}

function PlansTable() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['resumption', 'plans'], queryFn: () => unwrap(api.GET('/api/v1/resumption/plans', { params: { query: { limit: 200 } } })) });
  return (
    <Card size="small" extra={<ExportButton path="/api/v1/resumption/plans/export.xlsx" fileName="resumption-plans.xlsx" />}>
      <Table<PlanRow>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        data-testid="plans-table"
        columns={[
          { title: t('resumption:col.county'), dataIndex: 'divisionName' },
          { title: t('resumption:col.employer'), dataIndex: 'employerName' },
          { title: t('resumption:col.resumeOn'), dataIndex: 'resumeOn' },
          { title: t('resumption:plan.staffOnPost'), dataIndex: 'staffOnPost' },
          { title: t('resumption:plan.staffAway'), dataIndex: 'staffAway' },
          { title: t('resumption:plan.staffIsolated'), dataIndex: 'staffIsolated' },
          { title: t('resumption:col.demandTotal'), dataIndex: 'demandTotal' },
          { title: t('resumption:col.returnees'), dataIndex: 'returnees' },
          { title: t('resumption:col.needingTransport'), dataIndex: 'needingTransport' },
          { title: t('resumption:col.contact'), render: (_, r) => `${r.contactName} ${r.contactPhone}` },
        ]}
      />
    </Card>
  );
}
