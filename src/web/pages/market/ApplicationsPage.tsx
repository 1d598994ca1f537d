// 应聘管理: applications to the employer's postings with their stages (officials: those of postings
// in their jurisdiction, read only). Filter by posting and stage, export to .xlsx; the employer
// moves a stage on and, from the shortlist on, reveals one applicant's full phone (audited on the
// server; shown in this row only, never stored in the list). Phones are masked everywhere else.
// From a shortlisted application, or one at the interview stage, the employer schedules an online
// interview (安排面试, decision 0049: the dialog in InterviewDialogs.tsx); 面试安排 lists them.
import { CalendarOutlined, PhoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { APPLICATION_STAGES, type Application, type ApplicationFilters, type ApplicationStage, NEXT_MOVES, useApplicationPages, useMoveApplication, useRevealPhone } from '../../api/applications.ts';
import { api, unwrap } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUrlParams } from '../../lib/useUrlParams.ts';
import { ScheduleDialog } from './InterviewDialogs.tsx';

const COLOR: Record<ApplicationStage, string> = { applied: 'blue', shortlisted: 'gold', interview: 'purple', offer: 'cyan', hired: 'green', rejected: 'default', withdrawn: 'default' };

function filtersFrom(params: URLSearchParams): ApplicationFilters {
  const stage = params.get('stage');
  const posting = Number(params.get('posting'));
  return {
    ...(stage && (APPLICATION_STAGES as readonly string[]).includes(stage) ? { stage: stage as ApplicationStage } : {}),
    ...(Number.isInteger(posting) && posting > 0 ? { postingId: posting } : {}),
  };
}

export function ApplicationStageTag({ stage }: { stage: ApplicationStage }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[stage]} data-testid="application-stage" data-stage={stage}>
      {t(`market:stage.${stage}`)}
    </Tag>
  );
}

export default function ApplicationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const isEmployer = me?.role === 'employer';
  const [params, setFilter] = useUrlParams();
  const filters = filtersFrom(params);
  const list = useApplicationPages(filters);
  const postings = useQuery({ queryKey: ['postings', 'mine-for-filter'], queryFn: () => unwrap(api.GET('/api/v1/postings', { params: { query: { limit: 200 } } })) });
  const move = useMoveApplication();
  const reveal = useRevealPhone();
  const [phones, setPhones] = useState<Record<number, string>>({});
  const [scheduling, setScheduling] = useState<Application | null>(null);

  function doMove(id: number, stage: (typeof NEXT_MOVES)[ApplicationStage][number]) {
    move.mutate({ id, stage }, { onSuccess: () => void message.success(t('market:moved', { stage: t(`market:stage.${stage}`) })), onError: (e) => void message.error(e.message) });
  }
  function doReveal(id: number) {
    reveal.mutate(id, { onSuccess: (r) => setPhones((p) => ({ ...p, [id]: r.phone })), onError: (e) => void message.error(e.message) });
  }

  return (
    <div>
      <PageTitle title={t('market:applications.title')} extra={<ExportButton path="/api/v1/applications/export.xlsx" query={filters} fileName="applications.xlsx" testId="export-applications" />} />
      <FilterBar>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('market:field.posting')}
          value={filters.postingId}
          onChange={(v?: number) => setFilter('posting', v ? String(v) : undefined)}
          style={{ width: 240 }}
          options={(postings.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
          data-testid="application-posting-filter"
        />
        <Select
          allowClear
          placeholder={t('market:field.stage')}
          value={filters.stage}
          onChange={(v?: string) => setFilter('stage', v)}
          style={{ width: 140 }}
          options={APPLICATION_STAGES.map((s) => ({ value: s, label: t(`market:stage.${s}`) }))}
          data-testid="application-stage-filter"
        />
      </FilterBar>
      <Card size="small">
        <PagedTable<Application>
          testId="applications-table"
          source={list}
          rowKey="id"
          columns={[
            { title: t('market:field.id'), dataIndex: 'id', width: 80 },
            { title: t('market:field.posting'), dataIndex: 'postingTitle', width: 200 },
            { title: t('market:field.applicant'), key: 'name', width: 110, render: (_: unknown, r: Application) => r.applicant.name ?? t('market:applicantGone') },
            {
              title: t('market:field.phone'),
              key: 'phone',
              width: 170,
              render: (_: unknown, r: Application) => (
                <Space size={4}>
                  <span data-testid="applicant-phone">{phones[r.id] ?? r.applicant.phoneMasked ?? ''}</span>
                  {isEmployer && r.phoneRevealable && !phones[r.id] ? (
                    <Button size="small" type="link" icon={<PhoneOutlined />} onClick={() => doReveal(r.id)} data-testid="reveal-phone">
                      {t('market:reveal')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('market:field.profile'),
              key: 'profile',
              width: 200,
              responsive: ['lg'],
              render: (_: unknown, r: Application) =>
                r.applicant.profile ? (
                  <Typography.Text type="secondary">
                    {[r.applicant.profile.experienceYears !== null ? t('market:years', { n: r.applicant.profile.experienceYears }) : null, r.applicant.profile.skills].filter(Boolean).join(' · ')}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('market:profileHidden')}</Typography.Text>
                ),
            },
            { title: t('market:field.referral'), key: 'referral', width: 160, responsive: ['md'], render: (_: unknown, r: Application) => r.referral?.agencyName ?? '' },
            { title: t('market:field.stage'), dataIndex: 'stage', width: 100, render: (s: ApplicationStage) => <ApplicationStageTag stage={s} /> },
            { title: t('market:field.appliedAt'), dataIndex: 'appliedAt', width: 150, render: (v: string) => formatDateTime(v) },
            ...(isEmployer
              ? [
                  {
                    title: t('market:field.actions'),
                    key: 'actions',
                    width: 280,
                    render: (_: unknown, r: Application) => (
                      <Space size={4} wrap>
                        {(r.stage === 'shortlisted' || r.stage === 'interview') && (
                          <Button size="small" type="primary" icon={<CalendarOutlined />} onClick={() => setScheduling(r)} data-testid="schedule-interview">
                            {t('market:interview.schedule')}
                          </Button>
                        )}
                        {r.stage === 'interview' && (
                          <Link to={`../interviews?application=${r.id}`} relative="path" data-testid="open-interviews">
                            {t('market:interview.title')}
                          </Link>
                        )}
                        {NEXT_MOVES[r.stage].map((next) => (
                          <Popconfirm key={next} title={t('market:confirmMove', { stage: t(`market:stage.${next}`) })} onConfirm={() => doMove(r.id, next)}>
                            <Button size="small" danger={next === 'rejected'} data-testid={`move-${next}`}>
                              {t(`market:move.${next}`)}
                            </Button>
                          </Popconfirm>
                        ))}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {scheduling && (
        <ScheduleDialog
          applicationId={scheduling.id}
          applicant={scheduling.applicant.name ?? `#${scheduling.id}`}
          onClose={() => setScheduling(null)}
          onDone={() => {
            setScheduling(null);
            void message.success(t('market:interview.scheduled'));
          }}
        />
      )}
    </div>
  );
}
