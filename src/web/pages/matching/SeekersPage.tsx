// 服务的求职者 (issue 12): the job seekers who authorised the signed-in agency to serve them, with a
// registration in force and not hidden from agencies (GET /api/v1/seekers: phones masked), filtered
// by priority group; each row leads to its 推荐职位 (SeekerJobsPage). With the 推荐人选 of the
// postings it recruits for (CandidatesPage), the agency sees both sides of the matcher.
import { Card, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Seeker, type SeekerFilters, useSeekerPages } from '../../api/matching.ts';
import { DivisionName } from '../../components/DivisionName.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useUrlParams } from '../../lib/useUrlParams.ts';
import { EducationOfCode } from './parts.tsx';

const PRIORITY_GROUPS = ['college_graduate', 'migrant_worker'] as const;

export default function SeekersPage() {
  const { t } = useTranslation();
  const [params, setParam] = useUrlParams();
  const group = params.get('priorityGroup');
  const filters: SeekerFilters = (PRIORITY_GROUPS as readonly string[]).includes(group ?? '') ? { priorityGroup: group as SeekerFilters['priorityGroup'] } : {};
  const list = useSeekerPages(filters);

  return (
    <div>
      <PageTitle title={t('matching:seekers.title')} />
      <Typography.Paragraph type="secondary">{t('matching:seekers.note')}</Typography.Paragraph>
      <FilterBar>
        <Select
          allowClear
          data-testid="seekers-priority-filter"
          placeholder={t('matching:field.priorityGroups')}
          value={filters.priorityGroup}
          onChange={(v?: string) => setParam('priorityGroup', v)}
          style={{ width: 160 }}
          options={PRIORITY_GROUPS.map((g) => ({ value: g, label: t(`matching:priority.${g}`) }))}
        />
      </FilterBar>
      <Card size="small">
        <PagedTable<Seeker>
          testId="seekers-table"
          source={list}
          onRow={(s) => ({ 'data-testid': 'seeker-row', 'data-id': s.id }) as object}
          columns={[
            { title: t('matching:field.name'), dataIndex: 'name', width: 110, render: (name: string) => <span data-testid="seeker-name">{name}</span> },
            { title: t('matching:field.phone'), dataIndex: 'phone', width: 130, responsive: ['md'] },
            { title: t('matching:field.residence'), key: 'residence', width: 110, render: (_: unknown, s) => (s.residenceDivision ? <DivisionName code={s.residenceDivision} /> : '—') },
            {
              title: t('matching:field.priorityGroups'),
              key: 'groups',
              width: 130,
              responsive: ['lg'],
              render: (_: unknown, s) => (
                <Space size={[0, 4]} wrap>
                  {s.priorityGroups.map((g) => (
                    <Tag key={g}>{t(`matching:priority.${g}`)}</Tag>
                  ))}
                </Space>
              ),
            },
            { title: t('matching:field.education'), key: 'education', width: 120, responsive: ['lg'], render: (_: unknown, s) => <EducationOfCode code={s.educationCode} /> },
            { title: t('matching:field.experience'), key: 'experience', width: 90, responsive: ['lg'], render: (_: unknown, s) => (s.experienceYears === null ? '—' : t('matching:years', { n: s.experienceYears })) },
            { title: t('matching:field.validUntil'), dataIndex: 'validUntil', width: 120, responsive: ['md'] },
            {
              title: t('matching:field.recommendations'),
              key: 'recommendations',
              width: 100,
              render: (_: unknown, s) => (
                <Tag color={s.recommendations ? 'green' : 'default'} data-testid="seeker-recommendations" data-on={String(s.recommendations)}>
                  {t(s.recommendations ? 'matching:on' : 'matching:off')}
                </Tag>
              ),
            },
            {
              title: t('common:table.actions'),
              key: 'actions',
              width: 110,
              render: (_: unknown, s) => (
                <Link to={`/agency/seekers/${s.id}/jobs`} data-testid="seeker-jobs">
                  {t('matching:jobs.action')}
                </Link>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
