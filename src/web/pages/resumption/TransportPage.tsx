// 点对点运输 (issue 13 M2, decision 0050), both ends. Destination: the workers employers here wait to
// bring back, grouped by origin county and day; a Yunnan origin county is granted access to its
// own list with one click (an access grant, ended the same way); for an origin outside Yunnan the
// transport list is exported for its bureau. Origin: the workers waiting to leave this county, in
// the destinations that granted it. Every table exports to .xlsx.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { useMe } from '../../api/queries.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';

type Group = paths['/api/v1/resumption/transport']['get']['responses']['200']['content']['application/json']['items'][number];
type Worker = paths['/api/v1/resumption/departures']['get']['responses']['200']['content']['application/json']['items'][number];

export default function TransportPage() {
  const { t } = useTranslation();
  return (
    <div>
      <PageTitle title={t('resumption:transport.title')} />
      <Tabs
        items={[
          { key: 'destination', label: t('resumption:transport.destinationTab'), children: <Destination /> },
          { key: 'departures', label: t('resumption:transport.departuresTab'), children: <Departures /> },
        ]}
      />
    </div>
  );
}

function Destination() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: ['resumption', 'transport'], queryFn: () => unwrap(api.GET('/api/v1/resumption/transport')) });
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: ['resumption', 'transport'] });
  };
  const onError = (e: unknown) => void message.error(e instanceof Error ? e.message : String(e));
  const grant = useMutation({
    mutationFn: (g: Group) => unwrap(api.POST('/api/v1/resumption/transport/shares', { body: { originDivision: g.originDivision, divisionCode: g.divisionCode } })),
    onSuccess: done,
    onError,
  });
  const end = useMutation({
    mutationFn: (shareId: number) => unwrap(api.POST('/api/v1/resumption/transport/shares/{id}/end', { params: { path: { id: String(shareId) } } })),
    onSuccess: done,
    onError,
  });
  const county = me?.role === 'county';
  return (
    <Card size="small" extra={<ExportButton path="/api/v1/resumption/transport/export.xlsx" fileName="transport.xlsx" testId="transport-export-all" />}>
      <Table<Group>
        rowKey={(g) => `${g.divisionCode}/${g.originDivision}/${g.travelOn}`}
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        data-testid="transport-table"
        columns={[
          { title: t('resumption:col.destination'), dataIndex: 'divisionName' },
          {
            title: t('resumption:col.origin'),
            render: (_, g) => (
              <span data-testid="transport-origin" data-origin={g.originDivision}>
                {g.originName}（{g.originDivision}）{!g.originInProvince && <Tag style={{ marginInlineStart: 6 }}>{t('resumption:transport.outside')}</Tag>}
              </span>
            ),
          },
          { title: t('resumption:col.travelOn'), dataIndex: 'travelOn' },
          { title: t('resumption:col.workers'), dataIndex: 'workers' },
          {
            title: t('resumption:col.shared'),
            render: (_, g) =>
              !g.originInProvince ? (
                <ExportButton path="/api/v1/resumption/transport/export.xlsx" query={{ origin: g.originDivision, division: g.divisionCode }} fileName={`transport-${g.originDivision}.xlsx`} label={t('resumption:transport.exportList')} size="small" testId="transport-export-origin" />
              ) : g.shared ? (
                <Space>
                  <Tag color="green" data-testid="transport-granted">{t('resumption:transport.granted')}</Tag>
                  {county && g.shareId !== null && (
                    <Button size="small" loading={end.isPending} onClick={() => end.mutate(g.shareId as number)}>
                      {t('resumption:transport.end')}
                    </Button>
                  )}
                </Space>
              ) : (
                <Popconfirm title={t('resumption:transport.grantConfirm', { origin: g.originName })} onConfirm={() => grant.mutate(g)}>
                  <Button size="small" loading={grant.isPending} data-testid="transport-grant">
                    {t('resumption:transport.grant')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}

function Departures() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['resumption', 'departures'], queryFn: () => unwrap(api.GET('/api/v1/resumption/departures')) });
  return (
    <Card size="small" extra={<ExportButton path="/api/v1/resumption/departures/export.xlsx" fileName="departures.xlsx" testId="departures-export" />}>
      <Typography.Paragraph type="secondary">{t('resumption:transport.departuresHint')}</Typography.Paragraph>
      <Table<Worker>
        rowKey={(w) => `${w.divisionCode}/${w.id}`}
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        data-testid="departures-table"
        columns={[
          { title: t('resumption:col.name'), dataIndex: 'name' },
          { title: t('resumption:col.phone'), dataIndex: 'phone' },
          { title: t('resumption:col.origin'), dataIndex: 'originName' },
          { title: t('resumption:col.travelOn'), dataIndex: 'travelOn' },
          { title: t('resumption:col.destination'), dataIndex: 'divisionName' },
          { title: t('resumption:col.employer'), dataIndex: 'employerName' },
          { title: t('resumption:col.contact'), render: (_, w) => `${w.contactName} ${w.contactPhone}` },
        ]}
      />
    </Card>
  );
}
