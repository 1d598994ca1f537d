// 职位管理: the postings the signed-in desk writes — an employer its own, an official those of the
// employers in reach, an agency those of the employers that authorised it — in every state, with
// publish and close on each row. The same page on the three desks (routes.tsx). A publish the
// screener refuses (422 posting_blocked) lists what to change, and leads to the form, whose live
// check marks each phrase with a wording to put in its place (issue 11). An open posting's 推荐人选
// (the matcher's candidates, issue 12) for the employer and for an agency acting for it.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { clean, useMe } from '../../api/queries.ts';
import { can, closePosting, POSTING_STATUSES, type Posting, type PostingFilters, type PostingStatus, publishPosting, usePostingPages } from '../../api/postings.ts';
import { homeOf } from '../../auth/roles.ts';
import { scopeRootCode } from '../../auth/scope.ts';
import { DivisionPicker } from '../../components/DivisionPicker.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUrlParams } from '../../lib/useUrlParams.ts';
import { SalaryText } from './SalaryText.tsx';

const STATUS_COLOR: Record<PostingStatus, string> = { draft: 'default', screened: 'blue', published: 'green', closed: 'default', expired: 'orange', taken_down: 'red' };

export function PostingStatusTag({ status }: { status: PostingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="posting-status" data-status={status}>
      {t(`postings:status.${status}`)}
    </Tag>
  );
}

function RowActions({ posting, base, candidates }: { posting: Posting; base: string; candidates: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const onDone = async () => {
    await queryClient.invalidateQueries({ queryKey: ['postings'] });
  };
  const onError = (e: Error) => void message.error(e.message);
  const onPublishError = (e: Error) => {
    if (!(e instanceof ApiError && e.code === 'posting_blocked')) return onError(e);
    void modal.error({
      title: e.message,
      width: 560,
      okText: t('postings:editToFix'),
      okButtonProps: { 'data-testid': 'blocked-edit' },
      onOk: () => void navigate(`${base}/postings/${posting.id}`),
      content: (
        <ul data-testid="publish-blocked" style={{ margin: 0, paddingInlineStart: 20 }}>
          {e.details.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list; two details may say the same
            <li key={i} data-testid="blocked-detail">
              {d.message}
            </li>
          ))}
        </ul>
      ),
    });
  };
  const publish = useMutation({ mutationFn: () => publishPosting(posting.id), onSuccess: onDone, onError: onPublishError });
  const close = useMutation({ mutationFn: () => closePosting(posting.id), onSuccess: onDone, onError });
  return (
    <Space size={4} wrap>
      {candidates && posting.status === 'published' && (
        <Link to={`${base}/postings/${posting.id}/candidates`} data-testid="posting-candidates">
          {t('matching:candidates.action')}
        </Link>
      )}
      {can('edit', posting.status) && (
        <Link to={`${base}/postings/${posting.id}`} data-testid="posting-edit">
          {t('common:action.edit')}
        </Link>
      )}
      {can('publish', posting.status) && (
        <Popconfirm title={t('postings:confirmPublish')} onConfirm={() => publish.mutate()} okButtonProps={{ 'data-testid': 'confirm-publish' }}>
          <Button size="small" type="link" loading={publish.isPending} data-testid="posting-publish">
            {t('postings:action.publish')}
          </Button>
        </Popconfirm>
      )}
      {can('close', posting.status) && (
        <Popconfirm title={t('postings:confirmClose')} onConfirm={() => close.mutate()} okButtonProps={{ 'data-testid': 'confirm-close' }}>
          <Button size="small" type="link" danger loading={close.isPending} data-testid="posting-close">
            {t('postings:action.close')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

export default function PostingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const [params, setParam] = useUrlParams();
  const status = params.get('status');
  const filters: PostingFilters = clean({
    q: params.get('q') ?? undefined,
    division: params.get('division') ?? undefined,
    status: POSTING_STATUSES.includes(status as PostingStatus) ? (status as PostingStatus) : undefined,
  });
  const list = usePostingPages(filters);
  if (!me) return null;
  const base = homeOf(me.role);
  const official = me.role === 'province' || me.role === 'prefecture' || me.role === 'county';
  const root = official ? scopeRootCode(me) : undefined;
  // officials oversee postings; the matcher proposes candidates to the employer and the agency acting for it
  const candidates = me.role === 'employer' || me.role === 'agency_admin';

  return (
    <div>
      <PageTitle
        title={t('postings:title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(`${base}/postings/new`)} data-testid="posting-new">
            {t('postings:new')}
          </Button>
        }
      />
      {me.role === 'agency_admin' && <Typography.Paragraph type="secondary">{t('postings:agencyNote')}</Typography.Paragraph>}
      <FilterBar>
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('postings:searchPlaceholder')}
          onSearch={(v) => setParam('q', v.trim() || undefined)}
          style={{ flex: '1 1 200px', maxWidth: 300 }}
        />
        {root && (
          <DivisionPicker rootCode={root} allowClear value={filters.division} onChange={(v) => setParam('division', v)} placeholder={t('postings:field.division')} style={{ width: 180 }} />
        )}
        <Select
          allowClear
          data-testid="posting-status-filter"
          placeholder={t('postings:field.status')}
          value={filters.status}
          onChange={(v?: string) => setParam('status', v)}
          style={{ width: 140 }}
          options={POSTING_STATUSES.map((s) => ({ value: s, label: t(`postings:status.${s}`) }))}
        />
      </FilterBar>
      <Card size="small">
        <PagedTable<Posting>
          testId="postings-table"
          source={list}
          columns={[
            { title: t('postings:field.title'), dataIndex: 'title', width: 200, render: (title: string) => <span data-testid="posting-title">{title}</span> },
            { title: t('postings:field.employer'), dataIndex: 'employerName', width: 200, responsive: ['md'] },
            { title: t('postings:field.division'), dataIndex: 'divisionName', width: 100, responsive: ['lg'] },
            { title: t('postings:field.salary'), key: 'salary', width: 150, render: (_: unknown, p) => <SalaryText salary={p.salary} /> },
            { title: t('postings:field.status'), dataIndex: 'status', width: 90, render: (s: PostingStatus) => <PostingStatusTag status={s} /> },
            { title: t('postings:field.validUntil'), dataIndex: 'validThrough', width: 150, responsive: ['md'], render: (v: string | null) => formatDateTime(v) },
            { title: t('common:table.actions'), key: 'actions', width: 200, render: (_: unknown, p) => <RowActions posting={p} base={base} candidates={candidates} /> },
          ]}
        />
      </Card>
    </div>
  );
}
