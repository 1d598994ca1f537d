// 服务机构: the agencies in the official's jurisdiction, filtered, cursor-paged, exportable.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { withQuery } from '../../api/client.ts';
import { apiFilters, clean, useAgencyPages, useMe } from '../../api/queries.ts';
import type { Agency, AgencyFilters } from '../../api/types.ts';
import { scopeRootCode } from '../../auth/scope.ts';
import { DivisionPicker } from '../../components/DivisionPicker.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { KindTag, StatusTag } from '../../components/tags.tsx';
import { downloadFile } from '../../lib/download.ts';
import { formatDateTime } from '../../lib/format.ts';

const FILTER_KEYS = ['q', 'kind', 'status', 'division'] as const;
const KINDS = ['public', 'commercial'] as const;
const STATUSES = ['active', 'suspended', 'closed'] as const;

function pick<T extends string>(options: readonly T[], value: string | null): T | undefined {
  return options.find((o) => o === value);
}

function filtersFrom(params: URLSearchParams): AgencyFilters {
  return clean({
    q: params.get('q') ?? undefined,
    kind: pick(KINDS, params.get('kind')),
    status: pick(STATUSES, params.get('status')),
    division: params.get('division') ?? undefined,
  });
}

export default function AgenciesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const list = useAgencyPages(filters);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [exporting, setExporting] = useState(false);
  const root = me ? scopeRootCode(me) : undefined;

  function setFilter(key: (typeof FILTER_KEYS)[number], value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  async function exportXlsx() {
    setExporting(true);
    try {
      await downloadFile(withQuery('/api/v1/agencies/export.xlsx', apiFilters(filters)), 'agencies.xlsx');
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  }

  return (
    <div>
      <PageTitle
        title={t('registry:agency.title')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="export-agencies">
              {t('common:action.exportExcel')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/gov/agencies/new')} data-testid="create-agency">
              {t('registry:agency.create')}
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
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
            options={KINDS.map((k) => ({ value: k, label: t(`registry:agency.kind.${k}`) }))}
          />
          <Select
            allowClear
            placeholder={t('registry:agency.field.status')}
            value={filters.status}
            onChange={(v?: string) => setFilter('status', v)}
            style={{ width: 120 }}
            options={STATUSES.map((k) => ({ value: k, label: t(`registry:agency.status.${k}`) }))}
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
        </div>
      </Card>
      <QueryError error={list.error} />
      <Card size="small">
        <Table<Agency>
          data-testid="agencies-table"
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
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
        <LoadMore query={list} shown={rows.length} />
      </Card>
    </div>
  );
}
