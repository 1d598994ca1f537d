// 推荐人选 (issue 12): the job seekers the matcher proposes for one open posting (GET
// /api/v1/matches/for-posting/{id}), best first — for the employer its own posting (surnames only),
// for an agency administrator a posting of an employer that authorised it, where the seekers who
// authorised the agency are marked 已授权本机构 and shown by name: the agency sees both sides. Each
// row: the name over place, education and experience; 匹配度; the reasons as tags; skills. Opened
// from the posting's row in 职位管理 (/home/postings, /agency/postings).
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Result, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { type PostingMatch, usePostingMatches } from '../../api/matching.ts';
import { usePosting } from '../../api/postings.ts';
import { parseId, useMe } from '../../api/queries.ts';
import { homeOf } from '../../auth/roles.ts';
import { DivisionName } from '../../components/DivisionName.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { EducationName, MatchScore, ReasonTags } from './parts.tsx';

export default function CandidatesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const id = parseId(useParams().id);
  const posting = usePosting(id);
  const open = posting.data?.status === 'published';
  const matches = usePostingMatches(id, open);
  if (!me) return null;
  const back = `${homeOf(me.role)}/postings`;
  const agency = me.role === 'agency_admin';

  if (posting.isPending) return <PageLoading />;
  if (posting.error instanceof ApiError && posting.error.status === 404) {
    return <Result status="404" title={posting.error.message} extra={<Link to={back}>{t('matching:back')}</Link>} />;
  }
  if (!posting.data) return <QueryError error={posting.error} />;
  const p = posting.data;

  return (
    <div>
      <PageTitle
        title={
          <span>
            <Link to={back} aria-label={t('matching:back')} style={{ marginInlineEnd: 8 }}>
              <ArrowLeftOutlined />
            </Link>
            {t('matching:candidates.title')}
            <span data-testid="candidates-posting" style={{ fontSize: 14, fontWeight: 400, color: '#888', marginInlineStart: 8 }}>
              {p.title} · {p.employerName}
            </span>
          </span>
        }
      />
      <Typography.Paragraph type="secondary">{t(agency ? 'matching:candidates.agencyNote' : 'matching:candidates.employerNote')}</Typography.Paragraph>
      {!open && <Alert data-testid="candidates-not-open" type="info" showIcon title={t('matching:candidates.notOpen')} style={{ marginBottom: 16 }} />}
      {open && (
        <Card size="small">
          <QueryError error={matches.error} />
          <Table<PostingMatch>
            data-testid="candidates-table"
            rowKey="id"
            size="middle"
            loading={matches.isPending}
            dataSource={matches.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: t('matching:candidates.none') }}
            onRow={(m) => ({ 'data-testid': 'candidate', 'data-authorised': String(m.seeker.authorisedUs) }) as object}
            // four columns that fit the employer's desk, one narrow column (SimpleLayout); the agency's is wide
            columns={[
              {
                title: t('matching:field.seeker'),
                key: 'seeker',
                width: 140,
                render: (_: unknown, m) => (
                  <div>
                    <span data-testid="candidate-name">{m.seeker.name}</span>
                    {m.seeker.authorisedUs && (
                      <Tag color="green" data-testid="candidate-authorised" style={{ marginInlineStart: 8 }}>
                        {t('matching:authorisedUs')}
                      </Tag>
                    )}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      <DivisionName code={m.seeker.divisionCode} />
                      {' · '}
                      <span data-testid="candidate-education" title={t('matching:field.education')}>
                        <EducationName rank={m.seeker.educationRank} />
                      </span>
                      {' · '}
                      <span data-testid="candidate-experience" title={t('matching:field.experience')}>
                        {m.seeker.experienceYears === null ? '—' : t('matching:years', { n: m.seeker.experienceYears })}
                      </span>
                    </Typography.Text>
                  </div>
                ),
              },
              { title: t('matching:field.score'), key: 'score', width: 80, render: (_: unknown, m) => <MatchScore score={m.score} /> },
              { title: t('matching:field.reasons'), key: 'reasons', width: 200, render: (_: unknown, m) => <ReasonTags reasons={m.reasons} /> },
              {
                title: t('matching:field.skills'),
                key: 'skills',
                width: 140,
                // two lines at most, the whole text in the title (the cell keeps it all)
                render: (_: unknown, m) => (
                  <div data-testid="candidate-skills" title={m.seeker.skills ?? undefined} style={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
                    {m.seeker.skills ?? '—'}
                  </div>
                ),
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
