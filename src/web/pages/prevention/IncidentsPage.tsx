// 事件: the incidents of the desk's scope (officials: their jurisdiction; an agency's administrator:
// its own), filtered by stage and lateness, cursor-paged, exportable. Never a health value: the
// category of the finding, the subject (phone masked) and the stage times only.
import { Card, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Incident, type IncidentFilters, STAGES, TRIGGERS, useIncidentPages } from '../../api/incidents.ts';
import { useMe } from '../../api/queries.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUrlParams } from '../../lib/useUrlParams.ts';
import { StageTag } from './StageTag.tsx';

function filtersFrom(params: URLSearchParams): IncidentFilters {
  const stage = params.get('stage');
  const late = params.get('late');
  const trigger = params.get('trigger');
  return {
    ...(stage && (STAGES as readonly string[]).includes(stage) ? { stage: stage as IncidentFilters['stage'] } : {}),
    ...(late === 'true' || late === 'false' ? { late } : {}),
    ...(trigger && (TRIGGERS as readonly string[]).includes(trigger) ? { trigger: trigger as IncidentFilters['trigger'] } : {}),
  };
}

export default function IncidentsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setFilter] = useUrlParams();
  const filters = filtersFrom(params);
  const list = useIncidentPages(filters);
  const base = me?.role === 'agency_admin' ? '/agency' : '/gov';

  return (
    <div>
      <PageTitle
        title={t('incidents:title')}
        extra={<ExportButton path="/api/v1/prevention/incidents/export.xlsx" query={filters} fileName="incidents.xlsx" testId="export-incidents" />}
      />
      <FilterBar>
        <Select
          allowClear
          placeholder={t('incidents:field.stage')}
          value={filters.stage}
          onChange={(v?: string) => setFilter('stage', v)}
          style={{ width: 140 }}
          options={STAGES.map((s) => ({ value: s, label: t(`incidents:stage.${s}`) }))}
          data-testid="incident-stage-filter"
        />
        <Select
          allowClear
          placeholder={t('incidents:field.late')}
          value={filters.late}
          onChange={(v?: string) => setFilter('late', v)}
          style={{ width: 120 }}
          options={[
            { value: 'true', label: t('incidents:late.yes') },
            { value: 'false', label: t('incidents:late.no') },
          ]}
          data-testid="incident-late-filter"
        />
        <Select
          allowClear
          placeholder={t('incidents:field.trigger')}
          value={filters.trigger}
          onChange={(v?: string) => setFilter('trigger', v)}
          style={{ width: 150 }}
          options={TRIGGERS.map((s) => ({ value: s, label: t(`incidents:trigger.${s}`) }))}
        />
      </FilterBar>
      <Card size="small">
        <PagedTable<Incident>
          testId="incidents-table"
          source={list}
          columns={[
            {
              title: t('incidents:field.id'),
              dataIndex: 'id',
              width: 80,
              render: (id: number) => (
                <Link to={`${base}/incidents/${id}`} data-testid="incident-link">
                  {id}
                </Link>
              ),
            },
            { title: t('incidents:field.trigger'), dataIndex: 'trigger', width: 110, render: (v: Incident['trigger']) => t(`incidents:trigger.${v}`) },
            { title: t('incidents:field.subject'), key: 'subject', width: 110, render: (_: unknown, r: Incident) => (r.subject.erased ? t('incidents:subject.erased') : r.subject.name) },
            { title: t('incidents:field.stage'), dataIndex: 'stage', width: 100, render: (s: Incident['stage']) => <StageTag stage={s} /> },
            {
              title: t('incidents:field.late'),
              dataIndex: 'late',
              width: 80,
              render: (late: boolean) => (late ? <Tag color="red" data-testid="incident-late">{t('incidents:late.yes')}</Tag> : <Tag>{t('incidents:late.no')}</Tag>),
            },
            { title: t('incidents:field.agency'), dataIndex: 'agencyName', width: 220, responsive: ['md'] },
            { title: t('incidents:field.division'), dataIndex: 'divisionName', width: 100, responsive: ['md'] },
            { title: t('incidents:field.detectedAt'), dataIndex: 'detectedAt', width: 150, render: (v: string) => formatDateTime(v) },
            { title: t('incidents:field.nextDeadline'), dataIndex: 'nextDeadlineAt', width: 150, responsive: ['lg'], render: (v: string | null) => formatDateTime(v) },
          ]}
        />
      </Card>
    </div>
  );
}
