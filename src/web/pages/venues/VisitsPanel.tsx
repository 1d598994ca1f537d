// 来访记录: live occupancy (people inside now against capacity; asked again every few seconds) and
// a day's visits (phones masked, no temperatures), with check-out at the desk for anyone still
// inside and the day's export for the administrator.
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Progress, Space, Statistic, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import type { Venue, Visit, VisitorType } from '../../api/types.ts';
import { useRefreshVenues, useVisitPages } from '../../api/venues.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { clock, OutcomeTag } from './common.tsx';

export function OccupancyCard({ venue }: { venue: Venue }) {
  const { t } = useTranslation();
  const percent = venue.capacity > 0 ? Math.min(100, Math.round((venue.inside / venue.capacity) * 100)) : 100;
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Space size="large" wrap align="center">
        <Statistic title={t('venues:visits.occupancy')} value={venue.inside} suffix={`/ ${venue.capacity}`} valueRender={(node) => <span data-testid="occupancy-inside">{node}</span>} />
        <Progress type="circle" size={56} percent={percent} status={percent >= 100 ? 'exception' : 'normal'} />
      </Space>
    </Card>
  );
}

export function VisitsPanel({ venue, canExport }: { venue: Venue; canExport: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [date, setDate] = useState(venue.today);
  const list = useVisitPages(venue.id, date);
  const refresh = useRefreshVenues();
  const checkOut = useMutation({
    mutationFn: (visitId: number) => unwrap(api.POST('/api/v1/prevention/visits/{id}/check-out', { params: { path: { id: String(visitId) } } })),
    onSuccess: () => refresh(),
    onError: (e) => void message.error(e.message),
  });

  return (
    <div>
      <OccupancyCard venue={venue} />
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('venues:visits.date')}</span>
        <Input type="date" value={date} max={venue.today} onChange={(e) => setDate(e.target.value || venue.today)} style={{ width: 170 }} data-testid="visits-date" />
        {canExport && <ExportButton path={`/api/v1/prevention/venues/${venue.id}/visits/export.xlsx`} query={{ date }} fileName={`visits-${date}.xlsx`} testId="visits-export" />}
      </Space>
      <Card size="small">
        <PagedTable<Visit>
          testId="visits-table"
          source={list}
          columns={[
            {
              title: t('venues:door.name'),
              dataIndex: 'name',
              width: 100,
              render: (name: string, v) => (
                <span data-testid="visit-name" data-outcome={v.outcome} data-open={v.outcome === 'admitted' && !v.checkedOutAt}>
                  {name}
                </span>
              ),
            },
            { title: t('venues:door.visitorType'), dataIndex: 'visitorType', width: 110, render: (v: VisitorType) => t(`venues:door.type.${v}`) },
            { title: t('venues:door.phone'), dataIndex: 'phone', width: 130, responsive: ['md'], render: (p: string | null) => p ?? '—' },
            { title: t('venues:visits.source'), dataIndex: 'source', width: 100, responsive: ['lg'], render: (s: Visit['source']) => t(`venues:visits.sourceLabel.${s}`) },
            { title: t('venues:visits.outcome'), key: 'outcome', width: 160, render: (_: unknown, v) => <OutcomeTag visit={v} /> },
            { title: t('venues:visits.arrivedAt'), dataIndex: 'arrivedAt', width: 90, render: (v: string) => clock(v) },
            {
              title: t('venues:visits.checkedOutAt'),
              key: 'left',
              width: 150,
              render: (_: unknown, v) => (
                <Space size={4}>
                  {v.outcome === 'admitted' && !v.checkedOutAt && <Tag color="blue">{t('venues:visits.inside')}</Tag>}
                  {v.checkedOutAt && clock(v.checkedOutAt)}
                  {v.closeReason === 'auto' && <Tag>{t('venues:visits.autoClosed')}</Tag>}
                  {v.overstay && <Tag color="orange">{t('venues:visits.overstay')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('common:table.actions'),
              key: 'actions',
              width: 90,
              render: (_: unknown, v) =>
                v.outcome === 'admitted' && !v.checkedOutAt ? (
                  <Popconfirm title={t('venues:visits.checkOutConfirm')} onConfirm={() => checkOut.mutateAsync(v.id)}>
                    <Button size="small" data-testid="visit-check-out">
                      {t('venues:visits.checkOut')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
    </div>
  );
}
