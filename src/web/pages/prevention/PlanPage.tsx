// 防控预案 (P1): the agency administrator keeps the plan (measures, responsible person), the
// protective stock (an item below its minimum shows a low-stock warning, as the bureau sees it) and
// the log of staff education sessions.
import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Result, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { showFormError } from '../../components/formErrors.ts';
import { PageTitle } from '../../components/PageTitle.tsx';

type Plan = Awaited<ReturnType<typeof fetchPlan>>;
type StockBody = { kind: string; name: string; unit?: string; quantity: number; minimum: number };

const MEASURES = ['responsible_person', 'entry_checks', 'masks', 'disinfection', 'ventilation', 'daily_health_checks', 'appointments', 'distancing', 'online_services', 'isolation_point', 'emergency_response', 'staff_education'] as const;
const KINDS = ['mask', 'thermometer', 'disinfectant', 'gloves', 'goggles', 'protective_suit', 'hand_sanitiser', 'other'] as const;

const fetchPlan = (agencyId: number) => unwrap(api.GET('/api/v1/prevention/plans/{agencyId}', { params: { path: { agencyId: String(agencyId) } } }));

export default function PlanPage() {
  const { t } = useTranslation();
  const agencyId = useMe().data?.agencyId;
  if (agencyId === undefined) return <Result status="warning" title={t('registry:agency.noAgency')} />;
  return <PlanDesk agencyId={agencyId} />;
}

function PlanDesk({ agencyId }: { agencyId: number }) {
  const { t } = useTranslation();
  const plan = useQuery({ queryKey: ['plan', agencyId], queryFn: () => fetchPlan(agencyId) });
  const [stockOpen, setStockOpen] = useState(false);
  const [sessionOpen, setSessionOpen] = useState(false);
  const p = plan.data;
  return (
    <div>
      <PageTitle title={t('plans:title')} />
      {p && p.lowStockItems > 0 && <Alert type="warning" showIcon icon={<WarningOutlined />} style={{ marginBottom: 12 }} title={t('plans:stock.lowWarning', { count: p.lowStockItems })} data-testid="low-stock-warning" />}
      {p && <PlanForm agencyId={agencyId} plan={p} />}
      <Card size="small" title={t('plans:stock.title')} style={{ marginTop: 16 }} extra={<Button icon={<PlusOutlined />} onClick={() => setStockOpen(true)} data-testid="stock-add">{t('plans:stock.add')}</Button>}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={p?.stock ?? []}
          data-testid="stock-table"
          columns={[
            { title: t('plans:stock.kind'), dataIndex: 'kind', render: (k: string) => t(`plans:kind.${k}`) },
            { title: t('plans:stock.name'), dataIndex: 'name' },
            { title: t('plans:stock.quantity'), render: (_: unknown, r: Plan['stock'][number]) => `${r.quantity} ${r.unit}` },
            { title: t('plans:stock.minimum'), render: (_: unknown, r: Plan['stock'][number]) => `${r.minimum} ${r.unit}` },
            { title: '', render: (_: unknown, r: Plan['stock'][number]) => (r.low ? <Tag color="red">{t('plans:stock.low')}</Tag> : <Tag color="green">{t('plans:stock.ok')}</Tag>) },
          ]}
        />
      </Card>
      <Card size="small" title={t('plans:education.title')} style={{ marginTop: 16 }} extra={<Button icon={<PlusOutlined />} onClick={() => setSessionOpen(true)} data-testid="session-add">{t('plans:education.add')}</Button>}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={p?.education ?? []}
          columns={[
            { title: t('plans:education.heldOn'), dataIndex: 'heldOn' },
            { title: t('plans:education.topic'), dataIndex: 'topic' },
            { title: t('plans:education.attendees'), render: (_: unknown, r: Plan['education'][number]) => r.attendees.map((a) => a.name).join('、') },
          ]}
        />
      </Card>
      {stockOpen && <StockModal agencyId={agencyId} onClose={() => setStockOpen(false)} />}
      {sessionOpen && <SessionModal agencyId={agencyId} onClose={() => setSessionOpen(false)} />}
    </div>
  );
}

function PlanForm({ agencyId, plan }: { agencyId: number; plan: Plan }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const [alert, setAlert] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: { measures: (typeof MEASURES)[number][]; measuresText: string; responsibleName: string; responsiblePosition: string }) =>
      unwrap(api.PUT('/api/v1/prevention/plans/{agencyId}', { params: { path: { agencyId: String(agencyId) } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['plan', agencyId] }),
    onError: (e) => setAlert(showFormError(form, e, ['measures', 'measuresText', 'responsibleName', 'responsiblePosition'])),
  });
  return (
    <Card size="small" title={plan.hasPlan ? t('plans:plan.title') : t('plans:plan.none')}>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ measures: plan.measures, measuresText: plan.measuresText, responsibleName: plan.responsibleName ?? '', responsiblePosition: plan.responsiblePosition ?? '' }}
        onFinish={(v) => {
          setAlert(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="measures" label={t('plans:plan.measures')}>
          <Checkbox.Group options={MEASURES.map((m) => ({ value: m, label: t(`plans:measure.${m}`) }))} />
        </Form.Item>
        <Form.Item name="measuresText" label={t('plans:plan.measuresText')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="responsibleName" label={t('plans:plan.responsibleName')} rules={[{ required: true, message: t('plans:plan.required') }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="responsiblePosition" label={t('plans:plan.responsiblePosition')}>
            <Input maxLength={50} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="plan-save">
          {t('plans:plan.save')}
        </Button>
      </Form>
    </Card>
  );
}

function StockModal({ agencyId, onClose }: { agencyId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StockBody>();
  const qc = useQueryClient();
  const [alert, setAlert] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (body: StockBody) => unwrap(api.POST('/api/v1/prevention/plans/{agencyId}/stock', { params: { path: { agencyId: String(agencyId) } }, body: body as never })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['plan', agencyId] });
      onClose();
    },
    onError: (e) => setAlert(showFormError(form, e, ['kind', 'name', 'unit', 'quantity', 'minimum'])),
  });
  return (
    <Modal open title={t('plans:stock.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending} destroyOnHidden>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form<StockBody> form={form} layout="vertical" initialValues={{ kind: 'mask', quantity: 0, minimum: 0 }} onFinish={(v) => add.mutate(v)}>
        <Form.Item name="kind" label={t('plans:stock.kind')}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`plans:kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('plans:stock.name')} rules={[{ required: true, message: t('plans:plan.required') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="unit" label={t('plans:stock.unit')}>
          <Input maxLength={10} />
        </Form.Item>
        <Space>
          <Form.Item name="quantity" label={t('plans:stock.quantity')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="minimum" label={t('plans:stock.minimum')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function SessionModal({ agencyId, onClose }: { agencyId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const [alert, setAlert] = useState<string | null>(null);
  const staff = useQuery({ queryKey: ['staff', agencyId, 'all'], queryFn: () => unwrap(api.GET('/api/v1/agencies/{id}/staff', { params: { path: { id: String(agencyId) }, query: { limit: 200, status: 'active' } } })) });
  const add = useMutation({
    mutationFn: (body: { heldOn: string; topic: string; note: string; attendees: number[] }) => unwrap(api.POST('/api/v1/prevention/plans/{agencyId}/education', { params: { path: { agencyId: String(agencyId) } }, body })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['plan', agencyId] });
      onClose();
    },
    onError: (e) => setAlert(showFormError(form, e, ['heldOn', 'topic', 'note', 'attendees'])),
  });
  return (
    <Modal open title={t('plans:education.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending} destroyOnHidden>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ attendees: [] }}
        onFinish={(v: { heldOn: string; topic: string; note?: string; attendees: number[] }) => add.mutate({ heldOn: v.heldOn, topic: v.topic, note: v.note ?? '', attendees: v.attendees })}
      >
        <Form.Item name="heldOn" label={t('plans:education.heldOn')} rules={[{ required: true, message: t('plans:plan.required') }]}>
          <Input type="date" data-testid="session-date" />
        </Form.Item>
        <Form.Item name="topic" label={t('plans:education.topic')} rules={[{ required: true, message: t('plans:plan.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label={t('plans:education.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="attendees" label={t('plans:education.attendees')}>
          <Select mode="multiple" options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
