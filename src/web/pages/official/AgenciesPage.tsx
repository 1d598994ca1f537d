// 服务机构: the agencies in the official's jurisdiction, filtered, cursor-paged, exportable.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { AGENCY_KINDS, AGENCY_STATUSES, pick } from '../../api/enums.ts';
import { apiFilters, clean, useAgencyPages, useMe } from '../../api/queries.ts';
import type { Agency, AgencyFilters } from '../../api/types.ts';
import { scopeRootCode } from '../../auth/scope.ts';
import { DivisionPicker } from '../../components/DivisionPicker.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { KindTag, StatusTag } from '../../components/tags.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUrlParams } from '../../lib/useUrlParams.ts';

function filtersFrom(params: URLSearchParams): AgencyFilters {
  return clean({
    q: params.get('q') ?? undefined,
    kind: pick(AGENCY_KINDS, params.get('kind')),
    status: pick(AGENCY_STATUSES, params.get('status')),
    division: params.get('division') ?? undefined,
  });
}

export default function AgenciesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const [params, setFilter] = useUrlParams();
  const filters = filtersFrom(params);
  const list = useAgencyPages(filters);
  const root = me ? scopeRootCode(me) : undefined;

  return (
    <div>
      <PageTitle
        title={t('registry:agency.title')}
        extra={
          <>
            <ExportButton path="/api/v1/agencies/export.xlsx" query={apiFilters(filters)} fileName="agencies.xlsx" testId="export-agencies" />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/gov/agencies/new')} data-testid="create-agency">
              {t('registry:agency.create')}
            </Button>
          </>
        }
      />
      <FilterBar>
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('registry:agency.searchPlaceholder')}
          onSearch={(v) => setFilter('q', v.trim() || undefined)}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
          data-testid="agency-search"
        />
        <Select
          allowClear
          placeholder={t('registry:agency.field.kind')}
          value={filters.kind}
          onChange={(v?: string) => setFilter('kind', v)}
          style={{ width: 130 }}
          options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`registry:agency.kind.${k}`) }))}
        />
        <Select
          allowClear
          placeholder={t('registry:agency.field.status')}
          value={filters.status}
          onChange={(v?: string) => setFilter('status', v)}
          style={{ width: 120 }}
          options={AGENCY_STATUSES.map((k) => ({ value: k, label: t(`registry:agency.status.${k}`) }))}
        />
        {root && (
          <DivisionPicker
            rootCode={root}
            allowClear
            value={filters.division}
            onChange={(v) => setFilter('division', v)}
            placeholder={t('registry:agency.field.division')}
            testId="agency-division-filter"
            style={{ width: 200 }}
          />
        )}
      </FilterBar>
      <Card size="small">
        <PagedTable<Agency>
          testId="agencies-table"
          source={list}
          columns={[
            {
              title: t('registry:agency.field.name'),
              dataIndex: 'name',
              width: 220,
              render: (name: string, a) => (
                <Link to={`/gov/agencies/${a.id}`} data-testid="agency-link">
                  {name}
                </Link>
              ),
            },
            {
              title: t('registry:agency.field.division'),
              dataIndex: 'divisionName',
              width: 110,
              render: (name: string, a) => (
                <span data-testid="agency-division" data-code={a.divisionCode}>
                  {name}
                </span>
              ),
            },
            { title: t('registry:agency.field.kind'), dataIndex: 'kind', width: 100, responsive: ['sm'], render: (k: Agency['kind']) => <KindTag kind={k} /> },
            { title: t('registry:agency.field.status'), dataIndex: 'status', width: 90, responsive: ['sm'], render: (s: Agency['status']) => <StatusTag of="agency" status={s} /> },
            { title: t('registry:agency.field.staffCount'), dataIndex: 'staffCount', width: 90, align: 'right', responsive: ['md'] },
            { title: t('registry:agency.field.responsiblePerson'), dataIndex: 'responsiblePerson', width: 100, responsive: ['md'] },
            { title: t('registry:agency.field.responsiblePhone'), dataIndex: 'responsiblePhone', width: 130, responsive: ['lg'] },
            { title: t('registry:agency.field.createdAt'), dataIndex: 'createdAt', width: 150, responsive: ['lg'], render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
    </div>
  );
}
