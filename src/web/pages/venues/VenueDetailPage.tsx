// One venue: its facts and the last 7 days' visitor counts, then (by role) the hygiene log, the door
// check, the visits with live occupancy, time slots and bookings, and its QR code. The agency's
// administrator changes things; officials read the facts, hygiene, counts and slots only (they
// never see visitors: routes.ts `access`).
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Result, Space, Table, Tabs, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { addDays } from '../../../shared/beijing-day.ts';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { parseId, useMe } from '../../api/queries.ts';
import type { Me, Venue, VenueCounts } from '../../api/types.ts';
import { useRefreshVenues, useVenue, useVenueCounts } from '../../api/venues.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUrlParams } from '../../lib/useUrlParams.ts';
import { mayManage, VenueStatusTag, venuesRoot, worksTheDesk } from './common.tsx';
import { DoorCheckPanel } from './DoorCheckPanel.tsx';
import { HygienePanel } from './HygienePanel.tsx';
import { QrPanel } from './QrPanel.tsx';
import { SlotsPanel } from './SlotsPanel.tsx';
import { VenueForm } from './VenueForm.tsx';
import { VisitsPanel } from './VisitsPanel.tsx';

export default function VenueDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe().data;
  // live: people inside now moves while the page is open
  const venue = useVenue(parseId(id), { live: true });

  if (!me || venue.isPending) return <PageLoading />;
  const root = venuesRoot(me);
  if (venue.error instanceof ApiError && venue.error.status === 404) {
    return <Result status="404" title={venue.error.message} extra={<Link to={root}>{t('venues:venue.backToList')}</Link>} />;
  }
  if (!venue.data) return <QueryError error={venue.error} />;
  return <Detail me={me} venue={venue.data} root={root} />;
}

const TABS = ['overview', 'hygiene', 'door', 'visits', 'slots', 'qr'] as const;
type Tab = (typeof TABS)[number];

function Detail({ me, venue, root }: { me: Me; venue: Venue; root: string }) {
  const { t } = useTranslation();
  const [params, setParam] = useUrlParams();
  const desk = worksTheDesk(me);
  const admin = mayManage(me);
  const shown: Tab[] = desk ? [...TABS] : ['overview', 'hygiene', 'slots'];
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && shown.includes(asked) ? asked : 'overview';

  const panels: Record<Tab, () => ReactNode> = {
    overview: () => <Overview venue={venue} admin={admin} />,
    hygiene: () => <HygienePanel venue={venue} canLog={desk} />,
    door: () => <DoorCheckPanel venue={venue} />,
    visits: () => <VisitsPanel venue={venue} canExport={admin} />,
    slots: () => <SlotsPanel venue={venue} canOpen={admin} canBook={desk} />,
    qr: () => <QrPanel venue={venue} canReplace={admin} />,
  };

  return (
    <div>
      <PageTitle
        title={
          <span>
            <Link to={root} aria-label={t('venues:venue.backToList')} style={{ marginInlineEnd: 8 }}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="venue-title">{venue.name}</span>
            <span style={{ fontSize: 14, fontWeight: 400, color: '#888', marginInlineStart: 8 }} data-testid="venue-title-occupancy" data-inside={venue.inside}>
              {t('venues:venue.occupancy', { inside: venue.inside, capacity: venue.capacity })}
            </span>
          </span>
        }
        extra={venue.status === 'closed' ? <VenueStatusTag status={venue.status} /> : undefined}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParam('tab', k === 'overview' ? undefined : k)}
        destroyOnHidden
        items={shown.map((k) => ({
          key: k,
          label: (
            <span data-testid={`venue-tab-${k}`}>
              {t(`venues:tab.${k}`)}
              {k === 'hygiene' && venue.missedHygieneToday > 0 && (
                <Tag color="red" style={{ marginInlineStart: 6 }}>
                  {venue.missedHygieneToday}
                </Tag>
              )}
            </span>
          ),
          children: k === tab ? panels[k]() : null,
        }))}
      />
    </div>
  );
}

function Overview({ venue, admin }: { venue: Venue; admin: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const refresh = useRefreshVenues();
  const setStatus = useMutation({
    mutationFn: (status: Venue['status']) => unwrap(api.PATCH('/api/v1/prevention/venues/{id}', { params: { path: { id: String(venue.id) } }, body: { status } })),
    onSuccess: () => refresh(),
    onError: (e) => void message.error(e.message),
  });
  const h = venue.hygiene;

  return (
    <div>
      <Card
        size="small"
        extra={
          admin && (
            <Space>
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="venue-edit">
                {t('common:action.edit')}
              </Button>
              <Popconfirm
                title={venue.status === 'active' ? t('venues:venue.close') : t('venues:venue.reopen')}
                onConfirm={() => setStatus.mutateAsync(venue.status === 'active' ? 'closed' : 'active')}
              >
                <Button size="small" danger={venue.status === 'active'}>
                  {venue.status === 'active' ? t('venues:venue.close') : t('venues:venue.reopen')}
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'name', label: t('venues:venue.field.name'), children: <span data-testid="venue-name-value">{venue.name}</span> },
            { key: 'status', label: t('venues:venue.field.status'), children: <VenueStatusTag status={venue.status} /> },
            { key: 'agency', label: t('venues:venue.field.agency'), children: venue.agencyName },
            { key: 'division', label: t('venues:venue.field.division'), children: venue.divisionName },
            { key: 'address', label: t('venues:venue.field.address'), children: venue.address, span: { xs: 1, sm: 1, md: 2 } },
            { key: 'area', label: t('venues:venue.field.areaM2'), children: venue.areaM2 },
            { key: 'm2', label: t('venues:venue.field.m2PerPerson'), children: venue.m2PerPerson },
            { key: 'capacity', label: t('venues:venue.field.capacity'), children: <span data-testid="venue-capacity">{venue.capacity}</span> },
            { key: 'dwell', label: t('venues:venue.field.dwellLimitMinutes'), children: <span data-testid="venue-dwell-value">{venue.dwellLimitMinutes}</span> },
            { key: 'slot', label: t('venues:venue.field.slotMinutes'), children: venue.slotMinutes },
            { key: 'window', label: t('venues:venue.field.hygieneWindow'), children: `${h.from}–${h.to}` },
            {
              key: 'schedule',
              label: t('venues:venue.field.schedule'),
              children: t('venues:venue.scheduleText', { cleaning: h.cleaningPerDay, ventilation: h.ventilationPerDay, disinfection: h.disinfectionPerDay }),
            },
            { key: 'code', label: t('venues:venue.field.code'), children: venue.codeGrouped },
            { key: 'created', label: t('venues:venue.field.createdAt'), children: formatDateTime(venue.createdAt) },
          ]}
        />
      </Card>
      <Counts venue={venue} />
      {editing && <VenueForm venue={venue} onClose={() => setEditing(false)} />}
    </div>
  );
}

type CountDay = VenueCounts['days'][number];

function Counts({ venue }: { venue: Venue }) {
  const { t } = useTranslation();
  const counts = useVenueCounts(venue.id, addDays(venue.today, -6), venue.today);
  return (
    <Card size="small" title={t('venues:counts.title')} style={{ marginTop: 12 }}>
      <QueryError error={counts.error} />
      <Table<CountDay>
        size="small"
        rowKey="day"
        pagination={false}
        loading={counts.isPending}
        dataSource={[...(counts.data?.days ?? [])].reverse()}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('venues:counts.day'), dataIndex: 'day', width: 110 },
          { title: t('venues:counts.admitted'), dataIndex: 'admitted', width: 80, align: 'right' },
          { title: t('venues:counts.refused'), dataIndex: 'refused', width: 90, align: 'right' },
          { title: t('venues:counts.averageMinutes'), key: 'avg', width: 130, align: 'right', render: (_: unknown, d) => d.dwell?.averageMinutes ?? '—' },
        ]}
      />
    </Card>
  );
}
