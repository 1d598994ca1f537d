// 员工排查 (P2): the agency administrator sees who declared, who is stale or never declared, the
// stays that matched a risk area (each an incident) and the follow-ups to clear with a note.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import { showFormError } from '../../components/formErrors.ts';
import { PageTitle } from '../../components/PageTitle.tsx';

type Kind = 'follow_up' | 'risk_area' | 'exposure';
const fetchFindings = (kind: Kind) => unwrap(api.GET('/api/v1/prevention/declarations/findings', { params: { query: { kind } } }));
type Finding = Awaited<ReturnType<typeof fetchFindings>>['items'][number];

const STATUS_COLOR = { current: 'green', stale: 'orange', never: 'red' } as const;

export default function ScreeningPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['screening', 'staff'], queryFn: () => unwrap(api.GET('/api/v1/prevention/declarations')) });
  const stale = (list.data?.staff ?? []).filter((s) => s.status !== 'current').length;
  return (
    <div>
      <PageTitle title={t('screening:title')} />
      {list.data && stale > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="screening-stale-warning" title={t('screening:staleWarning', { count: stale, days: list.data.staleDays })} />}
      <Tabs
        items={[
          {
            key: 'staff',
            label: t('screening:tab.staff'),
            children: (
              <Table
                rowKey="staffId"
                size="small"
                pagination={false}
                loading={list.isLoading}
                dataSource={list.data?.staff ?? []}
                data-testid="screening-staff"
                onRow={(r) => ({ 'data-testid': 'screening-row', 'data-name': r.name }) as object}
                columns={[
                  { title: t('screening:col.name'), dataIndex: 'name' },
                  { title: t('screening:col.position'), dataIndex: 'position' },
                  { title: t('screening:col.lastDay'), dataIndex: 'lastDay', render: (d: string | null) => d ?? '—' },
                  { title: t('screening:col.status'), dataIndex: 'status', render: (s: keyof typeof STATUS_COLOR) => (
                      <Tag color={STATUS_COLOR[s]} data-testid="screening-status" data-status={s}>
                        {t(`screening:status.${s}`)}
                      </Tag>
                    ),
                  },
                  { title: t('screening:col.followUps'), dataIndex: 'openFollowUps' },
                ]}
              />
            ),
          },
          { key: 'follow_up', label: t('screening:tab.followUps'), children: <Findings kind="follow_up" /> },
          { key: 'risk_area', label: t('screening:tab.matches'), children: <Findings kind="risk_area" /> },
          { key: 'exposure', label: t('screening:tab.exposures'), children: <Findings kind="exposure" /> },
        ]}
      />
    </div>
  );
}

function Findings({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['screening', 'findings', kind], queryFn: () => fetchFindings(kind) });
  const [clearing, setClearing] = useState<Finding | null>(null);
  return (
    <Card size="small">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        data-testid={`findings-${kind}`}
        onRow={(r) => ({ 'data-testid': 'finding-row', 'data-name': r.staffName, 'data-area': r.area?.divisionCode ?? '', 'data-stay': r.stayDivision ?? '' }) as object}
        columns={[
          { title: t('screening:col.name'), dataIndex: 'staffName' },
          { title: t('screening:col.stay'), render: (_: unknown, r: Finding) => (r.stayDivision ? `${r.stayDivisionName ?? ''} ${r.stayDivision}` : '—') },
          { title: t('screening:col.area'), render: (_: unknown, r: Finding) => (r.area ? `${r.area.divisionName}${r.area.sub ? ` ${r.area.sub}` : ''}` : '—') },
          { title: t('screening:col.level'), render: (_: unknown, r: Finding) => (r.area ? <Tag color={r.area.level === 'high' ? 'red' : r.area.level === 'medium' ? 'orange' : 'blue'}>{t(`screening:level.${r.area.level}`)}</Tag> : '—') },
          { title: t('screening:col.dates'), render: (_: unknown, r: Finding) => (r.overlapFrom ? `${r.overlapFrom} ~ ${r.overlapTo}` : '—') },
          { title: t('screening:col.incident'), dataIndex: 'incidentId', render: (id: number | null) => (id ? `#${id}` : '—') },
          ...(kind === 'follow_up'
            ? [{ title: '', render: (_: unknown, r: Finding) => <Button type="link" size="small" onClick={() => setClearing(r)} data-testid={`clear-${r.id}`}>{t('screening:clear')}</Button> }]
            : []),
        ]}
      />
      {clearing && <ClearModal finding={clearing} onClose={() => setClearing(null)} />}
    </Card>
  );
}

function ClearModal({ finding, onClose }: { finding: Finding; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const [alert, setAlert] = useState<string | null>(null);
  const qc = useQueryClient();
  const clear = useMutation({
    mutationFn: (v: { note: string }) => unwrap(api.POST('/api/v1/prevention/declarations/findings/{id}/clear', { params: { path: { id: String(finding.id) } }, body: { note: v.note ?? '' } })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['screening'] });
      onClose();
    },
    // the server's message under the note (a bare "check the marked fields" marked nothing)
    onError: (e) => setAlert(showFormError(form, e, ['note'])),
  });
  return (
    <Modal open title={t('screening:clearTitle', { name: finding.staffName })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={clear.isPending} destroyOnHidden>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form<{ note: string }>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setAlert(null);
          clear.mutate(v);
        }}
      >
        <Form.Item name="note" label={t('screening:note')}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('screening:notePlaceholder')} data-testid="clear-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
