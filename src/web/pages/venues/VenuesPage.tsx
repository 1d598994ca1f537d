// 服务场所: the agency's venues (the administrator registers and edits them) or, on an official's
// desk, the venues in the jurisdiction, read only; people inside now and today's missed hygiene
// slots on every row.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { pick } from '../../api/enums.ts';
import { useMe } from '../../api/queries.ts';
import type { Me, Venue } from '../../api/types.ts';
import { OCCUPANCY_REFRESH_MS, useVenuePages, type VenueFilters } from '../../api/venues.ts';
import { scopeRootCode } from '../../auth/scope.ts';
import { DivisionPicker } from '../../components/DivisionPicker.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useUrlParams } from '../../lib/useUrlParams.ts';
import { mayManage, VenueStatusTag, venuesRoot } from './common.tsx';
import { VenueForm } from './VenueForm.tsx';

const STATUSES = ['active', 'closed'] as const;

export default function VenuesPage() {
  const me = useMe().data;
  if (!me) return <PageLoading />;
  return <Venues me={me} />;
}

function Venues({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setFilter] = useUrlParams();
  const filters: VenueFilters = {
    ...(params.get('division') ? { division: params.get('division') ?? undefined } : {}),
    ...(pick(STATUSES, params.get('status')) ? { status: pick(STATUSES, params.get('status')) } : {}),
  };
  const list = useVenuePages(filters);
  const [creating, setCreating] = useState(false);
  const root = venuesRoot(me);
  const official = me.role === 'province' || me.role === 'prefecture' || me.role === 'county';
  const scopeRoot = official ? scopeRootCode(me) : undefined;

  return (
    <div>
      <PageTitle
        title={t('venues:venue.title')}
        extra={
          mayManage(me) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="venue-create">
              {t('venues:venue.create')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('venues:venue.readOnly')}</Typography.Text>
          )
        }
      />
      <FilterBar>
        <Select
          allowClear
          placeholder={t('venues:venue.field.status')}
          value={filters.status}
          onChange={(v?: string) => setFilter('status', v)}
          style={{ width: 120 }}
          options={STATUSES.map((k) => ({ value: k, label: t(`venues:venue.status.${k}`) }))}
        />
        {scopeRoot && (
          <DivisionPicker
            rootCode={scopeRoot}
            allowClear
            value={filters.division}
            onChange={(v) => setFilter('division', v)}
            placeholder={t('venues:venue.field.division')}
            style={{ width: 200 }}
          />
        )}
      </FilterBar>
      <Card size="small">
        <LiveRefresh list={list} />
        <PagedTable<Venue>
          testId="venues-table"
          source={list}
          columns={[
            {
              title: t('venues:venue.field.name'),
              dataIndex: 'name',
              width: 220,
              render: (name: string, v) => (
                <Link to={`${root}/${v.id}`} data-testid="venue-link">
                  {name}
                </Link>
              ),
            },
            ...(official ? [{ title: t('venues:venue.field.agency'), dataIndex: 'agencyName', width: 200 }] : []),
            { title: t('venues:venue.field.division'), dataIndex: 'divisionName', width: 100, responsive: ['md'] as const },
            { title: t('venues:venue.field.areaM2'), dataIndex: 'areaM2', width: 100, align: 'right' as const, responsive: ['lg'] as const },
            {
              title: t('venues:venue.field.inside'),
              key: 'occupancy',
              width: 120,
              render: (_: unknown, v: Venue) => (
                <span data-testid="venue-occupancy" data-inside={v.inside}>
                  {t('venues:venue.occupancy', { inside: v.inside, capacity: v.capacity })}
                </span>
              ),
            },
            {
              title: t('venues:venue.field.missedHygieneToday'),
              dataIndex: 'missedHygieneToday',
              width: 100,
              render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : <Tag>0</Tag>),
            },
            { title: t('venues:venue.field.status'), dataIndex: 'status', width: 90, render: (s: Venue['status']) => <VenueStatusTag status={s} /> },
          ]}
        />
      </Card>
      {creating && <VenueForm onClose={() => setCreating(false)} onCreated={(v) => void navigate(`${root}/${v.id}`)} />}
    </div>
  );
}

/** Asks the list again every OCCUPANCY_REFRESH_MS while the page is open: "inside now" moves. */
function LiveRefresh({ list }: { list: ReturnType<typeof useVenuePages> }) {
  useInterval(() => void list.refetch(), OCCUPANCY_REFRESH_MS);
  return null;
}

function useInterval(fn: () => void, ms: number) {
  const saved = useRef(fn);
  saved.current = fn;
  useEffect(() => {
    const id = setInterval(() => saved.current(), ms);
    return () => clearInterval(id);
  }, [ms]);
}
