// 推荐职位 (issue 12): the open postings the matcher picks for one job seeker the agency serves (GET
// /api/v1/matches/for-seeker/{id}), best first, each with its employer, place, pay, 匹配度 and the
// reasons as tags; the title opens the public job page (/m/jobs/{code}) in a new tab. A seeker who
// switched recommendations off (PIPL art. 24) gets none, and the page says why.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Result, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { type SeekerMatch, useSeeker, useSeekerMatches } from '../../api/matching.ts';
import type { Posting } from '../../api/postings.ts';
import { parseId } from '../../api/queries.ts';
import { DivisionName } from '../../components/DivisionName.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { SalaryText } from '../postings/SalaryText.tsx';
import { MatchScore, ReasonTags } from './parts.tsx';

const BACK = '/agency/seekers';

/** The posting's pay as SalaryText reads it (no unit: 面议). */
const salaryOf = (p: SeekerMatch['posting']): Posting['salary'] =>
  p.salaryUnit ? { min: p.salaryMin, max: p.salaryMax, unit: p.salaryUnit as NonNullable<Posting['salary']>['unit'], monthsPaid: null } : null;

export default function SeekerJobsPage() {
  const { t } = useTranslation();
  const id = parseId(useParams().id);
  const seeker = useSeeker(id);
  const matches = useSeekerMatches(id);

  if (seeker.isPending) return <PageLoading />;
  if (seeker.error instanceof ApiError && seeker.error.status === 404) {
    return <Result status="404" title={seeker.error.message} extra={<Link to={BACK}>{t('matching:back')}</Link>} />;
  }
  if (!seeker.data) return <QueryError error={seeker.error} />;
  const off = matches.data?.recommendations === false;

  return (
    <div>
      <PageTitle
        title={
          <span>
            <Link to={BACK} aria-label={t('matching:back')} style={{ marginInlineEnd: 8 }}>
              <ArrowLeftOutlined />
            </Link>
            {t('matching:jobs.title')}
            <span data-testid="jobs-seeker" style={{ fontSize: 14, fontWeight: 400, color: '#888', marginInlineStart: 8 }}>
              {seeker.data.name}
            </span>
          </span>
        }
      />
      <Typography.Paragraph type="secondary">{t('matching:jobs.note')}</Typography.Paragraph>
      {off && <Alert data-testid="jobs-off" type="warning" showIcon title={t('matching:jobs.off')} style={{ marginBottom: 16 }} />}
      {!off && (
        <Card size="small">
          <QueryError error={matches.error} />
          <Table<SeekerMatch>
            data-testid="jobs-table"
            rowKey="id"
            size="middle"
            scroll={{ x: 'max-content' }}
            loading={matches.isPending}
            dataSource={matches.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: t('matching:jobs.none') }}
            onRow={(m) => ({ 'data-testid': 'job-match', 'data-code': m.posting.publicCode }) as object}
            columns={[
              {
                title: t('matching:field.posting'),
                key: 'title',
                width: 200,
                render: (_: unknown, m) => (
                  <a href={`/m/jobs/${encodeURIComponent(m.posting.publicCode)}`} target="_blank" rel="noreferrer" data-testid="job-match-title">
                    {m.posting.title}
                  </a>
                ),
              },
              { title: t('matching:field.employer'), key: 'employer', width: 200, render: (_: unknown, m) => m.posting.employerName },
              { title: t('matching:field.division'), key: 'division', width: 100, render: (_: unknown, m) => <DivisionName code={m.posting.divisionCode} /> },
              { title: t('matching:field.salary'), key: 'salary', width: 150, render: (_: unknown, m) => <SalaryText salary={salaryOf(m.posting)} /> },
              { title: t('matching:field.score'), key: 'score', width: 100, render: (_: unknown, m) => <MatchScore score={m.score} /> },
              { title: t('matching:field.reasons'), key: 'reasons', width: 320, render: (_: unknown, m) => <ReasonTags reasons={m.reasons} /> },
              { title: t('matching:field.publishedAt'), key: 'publishedAt', width: 150, responsive: ['lg'], render: (_: unknown, m) => formatDateTime(m.posting.publishedAt) },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
