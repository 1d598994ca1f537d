// 单位登记审核: employers' own registrations in the official's reach (pending first by default); a
// drawer shows one with its licence scan (read on request: every read is audited) and every
// registration naming the same credit code, and approves it or refuses it with a reason (issue 9,
// decision 0035). Approval creates the employer, which may then have postings published.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Image, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentBlob, decideRegistration, type Registration, type RegistrationFilters, type RegistrationStatus, useAttachment, useRegistration, useRegistrationPages } from '../../api/postings.ts';
import { clean, parseId, useMe } from '../../api/queries.ts';
import { scopeRootCode } from '../../auth/scope.ts';
import { DivisionName } from '../../components/DivisionName.tsx';
import { DivisionPicker } from '../../components/DivisionPicker.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUrlParams } from '../../lib/useUrlParams.ts';

const STATUSES: readonly RegistrationStatus[] = ['pending', 'approved', 'refused'];
const COLOR: Record<RegistrationStatus, string> = { pending: 'gold', approved: 'green', refused: 'red' };

function RegistrationTag({ status }: { status: RegistrationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status]} data-testid="registration-status" data-status={status}>
      {t(`registrations:status.${status}`)}
    </Tag>
  );
}

/** The licence scan: its description, and the file itself only when the official asks (an audited read). */
function LicenceScan({ id }: { id: number | null }) {
  const { t } = useTranslation();
  const info = useAttachment(id);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  if (id === null) return <span>—</span>;
  const open = async () => {
    try {
      setUrl(URL.createObjectURL(await attachmentBlob(id)));
    } catch (e) {
      setError(e as Error);
    }
  };
  const isImage = info.data?.mediaType.startsWith('image/');
  return (
    <div>
      <QueryError error={info.error ?? error} />
      {info.data && (
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {info.data.mediaType} · {Math.ceil(info.data.sizeBytes / 1024)} KB
        </Typography.Text>
      )}
      {!url && (
        <Button size="small" onClick={() => void open()} data-testid="licence-view">
          {t('registrations:viewLicence')}
        </Button>
      )}
      {url && isImage && <Image src={url} alt={t('registrations:field.licence')} width={320} data-testid="licence-image" />}
      {url && !isImage && (
        <a href={url} download={`licence-${id}.pdf`} data-testid="licence-download">
          {t('registrations:downloadLicence')}
        </a>
      )}
    </div>
  );
}

function RefuseModal({ open, onCancel, onRefuse, pending }: { open: boolean; onCancel: () => void; onRefuse: (reason: string) => void; pending: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={t('registrations:refuseTitle')}
      onCancel={onCancel}
      okText={t('registrations:refuse')}
      okButtonProps={{ danger: true, loading: pending, 'data-testid': 'refuse-confirm' }}
      onOk={() => void form.validateFields().then((v) => onRefuse(v.reason))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('registrations:field.reason')} rules={[{ required: true, whitespace: true, message: t('registrations:reasonNeeded') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="refuse-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RegistrationDrawer({ id, onClose }: { id: number | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = useRegistration(id);
  const r = q.data;
  const [refusing, setRefusing] = useState(false);
  const decide = useMutation({
    mutationFn: (body: { decision: 'approve' | 'refuse'; reason?: string }) => decideRegistration(id ?? 0, body),
    onSuccess: async (done) => {
      setRefusing(false);
      void message.success(t(`registrations:decided.${done.status}`));
      await queryClient.invalidateQueries({ queryKey: ['registrations'] });
      await queryClient.invalidateQueries({ queryKey: ['employers'] });
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Drawer open={id !== undefined} onClose={onClose} title={r?.name ?? t('registrations:detail')} size={480} loading={q.isPending} data-testid="registration-drawer">
      <QueryError error={q.error} />
      {r && (
        <Space orientation="vertical" style={{ width: '100%' }} size={16}>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'status',
                label: t('registrations:field.status'),
                children: (
                  <span data-testid="drawer-status">
                    <RegistrationTag status={r.status} />
                  </span>
                ),
              },
              { key: 'credit', label: t('registrations:field.creditCode'), children: r.creditCode },
              { key: 'division', label: t('registrations:field.division'), children: <DivisionName code={r.divisionCode} /> },
              { key: 'industry', label: t('registrations:field.industry'), children: r.industryCode },
              { key: 'ownership', label: t('registrations:field.ownership'), children: t(`registrations:ownership.${r.ownershipType}`) },
              { key: 'address', label: t('registrations:field.address'), children: r.address },
              { key: 'contact', label: t('registrations:field.contact'), children: `${r.contactName} ${r.contactPhone}` },
              { key: 'created', label: t('registrations:field.createdAt'), children: formatDateTime(r.createdAt) },
              { key: 'licence', label: t('registrations:field.licence'), children: <LicenceScan id={r.licenceAttachmentId} /> },
              ...(r.reason ? [{ key: 'reason', label: t('registrations:field.reason'), children: r.reason }] : []),
              ...(r.decidedAt ? [{ key: 'decided', label: t('registrations:field.decidedAt'), children: formatDateTime(r.decidedAt) }] : []),
            ]}
          />
          {r.sameCode && r.sameCode.length > 1 && (
            <div>
              <Alert type="warning" showIcon title={t('registrations:sameCode', { count: r.sameCode.length })} style={{ marginBottom: 8 }} />
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={r.sameCode}
                columns={[
                  { title: t('registrations:field.name'), dataIndex: 'name' },
                  { title: t('registrations:field.division'), dataIndex: 'divisionCode', render: (c: string) => <DivisionName code={c} /> },
                  { title: t('registrations:field.status'), dataIndex: 'status', render: (s: RegistrationStatus) => <RegistrationTag status={s} /> },
                ]}
              />
            </div>
          )}
          {r.status === 'pending' && (
            <Space>
              <Button type="primary" loading={decide.isPending && !refusing} onClick={() => decide.mutate({ decision: 'approve' })} data-testid="registration-approve">
                {t('registrations:approve')}
              </Button>
              <Button danger onClick={() => setRefusing(true)} data-testid="registration-refuse">
                {t('registrations:refuse')}
              </Button>
            </Space>
          )}
        </Space>
      )}
      <RefuseModal open={refusing} pending={decide.isPending} onCancel={() => setRefusing(false)} onRefuse={(reason) => decide.mutate({ decision: 'refuse', reason })} />
    </Drawer>
  );
}

export default function RegistrationsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParam] = useUrlParams();
  const status = params.get('status') ?? 'pending';
  const filters: RegistrationFilters = clean({
    status: STATUSES.includes(status as RegistrationStatus) ? (status as RegistrationStatus) : undefined,
    division: params.get('division') ?? undefined,
  });
  const list = useRegistrationPages(filters);
  const root = me ? scopeRootCode(me) : undefined;
  const open = parseId(params.get('open'));
  return (
    <div>
      <PageTitle title={t('registrations:title')} />
      <FilterBar>
        <Select
          data-testid="registration-status-filter"
          value={filters.status ?? 'all'}
          onChange={(v: string) => setParam('status', v)}
          style={{ width: 140 }}
          options={[...STATUSES.map((s) => ({ value: s, label: t(`registrations:status.${s}`) })), { value: 'all', label: t('registrations:all') }]}
        />
        {root && <DivisionPicker rootCode={root} allowClear value={filters.division} onChange={(v) => setParam('division', v)} placeholder={t('registrations:field.division')} style={{ width: 200 }} />}
      </FilterBar>
      <Card size="small">
        <PagedTable<Registration>
          testId="registrations-table"
          source={list}
          onRow={(r) => ({ onClick: () => setParam('open', String(r.id)), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('registrations:field.name'), dataIndex: 'name', width: 220, render: (n: string) => <Typography.Link data-testid="registration-name">{n}</Typography.Link> },
            { title: t('registrations:field.creditCode'), dataIndex: 'creditCode', width: 180, responsive: ['md'] },
            { title: t('registrations:field.division'), dataIndex: 'divisionCode', width: 90, responsive: ['lg'], render: (c: string) => <DivisionName code={c} /> },
            { title: t('registrations:field.status'), dataIndex: 'status', width: 90, render: (s: RegistrationStatus) => <RegistrationTag status={s} /> },
            { title: t('registrations:field.createdAt'), dataIndex: 'createdAt', width: 150, responsive: ['md'], render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
      <RegistrationDrawer id={open} onClose={() => setParam('open', undefined)} />
    </div>
  );
}
