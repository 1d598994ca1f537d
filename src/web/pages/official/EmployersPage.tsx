// 用人单位: employers in the official's jurisdiction; a drawer shows one in full.
import { Card, Descriptions, Drawer, Input, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { clean, parseId, useEmployer, useEmployerPages, useMe } from '../../api/queries.ts';
import type { Employer, EmployerFilters } from '../../api/types.ts';
import { scopeRootCode } from '../../auth/scope.ts';
import { DivisionPicker } from '../../components/DivisionPicker.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { StatusTag } from '../../components/tags.tsx';
import { useUrlParams } from '../../lib/useUrlParams.ts';

function SuppliesTag({ yes }: { yes: boolean }) {
  const { t } = useTranslation();
  return yes ? <Tag color="red">{t('registry:employer.suppliesYes')}</Tag> : <span style={{ color: '#aaa' }}>—</span>;
}

function EmployerDrawer({ id, onClose }: { id: number | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useEmployer(id);
  const e = q.data;
  return (
    <Drawer open={id !== undefined} onClose={onClose} title={e?.name ?? t('registry:employer.detail')} size={420} loading={q.isPending}>
      <QueryError error={q.error} />
      {e && (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'credit', label: t('registry:employer.field.creditCode'), children: e.creditCode },
            { key: 'division', label: t('registry:employer.field.division'), children: e.divisionName },
            { key: 'address', label: t('registry:employer.field.address'), children: e.address },
            { key: 'industry', label: t('registry:employer.field.industry'), children: `${e.industryName}（${e.industryCode}）` },
            { key: 'contact', label: t('registry:employer.field.contactName'), children: e.contactName },
            { key: 'phone', label: t('registry:employer.field.contactPhone'), children: e.contactPhone },
            { key: 'supplies', label: t('registry:employer.field.supplies'), children: <SuppliesTag yes={e.epidemicSuppliesProducer} /> },
            { key: 'status', label: t('registry:employer.field.status'), children: <StatusTag of="employer" status={e.status} /> },
          ]}
        />
      )}
    </Drawer>
  );
}

export default function EmployersPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParam] = useUrlParams();
  const supplies = params.get('supplies');
  const filters: EmployerFilters = clean({
    q: params.get('q') ?? undefined,
    division: params.get('division') ?? undefined,
    epidemicSuppliesProducer: supplies === 'true' || supplies === 'false' ? supplies : undefined,
  });
  const list = useEmployerPages(filters);
  const root = me ? scopeRootCode(me) : undefined;
  const open = parseId(params.get('open'));

  return (
    <div>
      <PageTitle title={t('registry:employer.title')} />
      <FilterBar>
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('registry:employer.searchPlaceholder')}
          onSearch={(v) => setParam('q', v.trim() || undefined)}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
        />
        {root && (
          <DivisionPicker
            rootCode={root}
            allowClear
            value={filters.division}
            onChange={(v) => setParam('division', v)}
            placeholder={t('registry:employer.field.division')}
            style={{ width: 200 }}
          />
        )}
        <Select
          allowClear
          placeholder={t('registry:employer.field.supplies')}
          value={filters.epidemicSuppliesProducer}
          onChange={(v?: string) => setParam('supplies', v)}
          style={{ width: 160 }}
          options={[
            { value: 'true', label: t('registry:employer.suppliesOnly') },
            { value: 'false', label: t('registry:employer.suppliesNot') },
          ]}
        />
      </FilterBar>
      <Card size="small">
        <PagedTable<Employer>
          testId="employers-table"
          source={list}
          onRow={(e) => ({ onClick: () => setParam('open', String(e.id)), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('registry:employer.field.name'), dataIndex: 'name', width: 220, render: (n: string) => <Typography.Link>{n}</Typography.Link> },
            {
              title: t('registry:employer.field.division'),
              dataIndex: 'divisionName',
              width: 110,
              render: (name: string, e) => (
                <span data-testid="employer-division" data-code={e.divisionCode}>
                  {name}
                </span>
              ),
            },
            { title: t('registry:employer.field.industry'), dataIndex: 'industryName', width: 160, responsive: ['md'] },
            { title: t('registry:employer.field.contactName'), dataIndex: 'contactName', width: 100, responsive: ['lg'] },
            { title: t('registry:employer.field.contactPhone'), dataIndex: 'contactPhone', width: 130, responsive: ['lg'] },
            { title: t('registry:employer.field.supplies'), dataIndex: 'epidemicSuppliesProducer', width: 120, responsive: ['sm'], render: (v: boolean) => <SuppliesTag yes={v} /> },
            { title: t('registry:employer.field.status'), dataIndex: 'status', width: 90, responsive: ['md'], render: (s: Employer['status']) => <StatusTag of="employer" status={s} /> },
          ]}
        />
      </Card>
      <EmployerDrawer id={open} onClose={() => setParam('open', undefined)} />
    </div>
  );
}
