// 复工计划 (issue 13 M2, decision 0050): the employer's plan — the day, staff on post / away /
// isolated, a contact, labour demand by occupation (each line becomes a posting with one click) — and
// its returning employees: the template, an all-or-nothing .xlsx import (every refused cell listed as
// the server words it), the list (masked) and its export.
import { FileExcelOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { showFormError } from '../../components/formErrors.ts';
import { useFormRules } from '../../components/formRules.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ImportButton, ImportResult, useXlsxImport } from '../../components/XlsxImport.tsx';
import type { paths } from '../../api/schema.d.ts';

type Plan = paths['/api/v1/resumption/plan']['get']['responses']['200']['content']['application/json'];
type PlanBody = paths['/api/v1/resumption/plan']['put']['requestBody']['content']['application/json'];
type Returnee = paths['/api/v1/resumption/plans/{id}/returnees']['get']['responses']['200']['content']['application/json']['items'][number];

const FIELDS = ['resumeOn', 'staffOnPost', 'staffAway', 'staffIsolated', 'contactName', 'contactPhone', 'note', 'demand'] as const;

/** The employer's plan, or null before it saved one (404). */
function useOwnPlan() {
  return useQuery({
    queryKey: ['resumption', 'plan'],
    queryFn: async (): Promise<Plan | null> => {
      try {
        return await unwrap(api.GET('/api/v1/resumption/plan'));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
}

export default function ResumptionPlanPage() {
  const { t } = useTranslation();
  const plan = useOwnPlan();
  if (plan.isPending) return null;
  const p = plan.data ?? null;
  return (
    <div>
      <PageTitle title={t('resumption:plan.title')} />
      <PlanForm plan={p} />
      {p && <DemandLines plan={p} />}
      {p ? <Returnees planId={p.id} /> : <Alert type="info" showIcon title={t('resumption:returnees.saveFirst')} style={{ marginTop: 16 }} />}
    </div>
  );
}

function PlanForm({ plan }: { plan: Plan | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const [form] = Form.useForm<PlanBody>();
  const [alert, setAlert] = useState<string | null>(null);
  const queryClient = useQueryClient();
  useEffect(() => {
    if (plan) form.setFieldsValue({ ...plan, note: plan.note ?? '', demand: plan.demand.map((l) => ({ occupationCode: l.occupationCode, headcount: l.headcount })) });
  }, [plan, form]);
  const save = useMutation({
    mutationFn: (body: PlanBody) => unwrap(api.PUT('/api/v1/resumption/plan', { body })),
    onSuccess: async () => {
      void message.success(t('resumption:plan.saved'));
      await queryClient.invalidateQueries({ queryKey: ['resumption'] });
    },
    onError: (e) => setAlert(showFormError(form, e, FIELDS)),
  });
  return (
    <Card size="small" title={plan ? `${plan.employerName} · ${plan.divisionName}` : t('resumption:plan.none')}>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} data-testid="plan-error" />}
      <Form<PlanBody>
        form={form}
        layout="vertical"
        initialValues={{ staffOnPost: 0, staffAway: 0, staffIsolated: 0, demand: [] }}
        onFinish={(v) => {
          setAlert(null);
          save.mutate({ ...v, note: v.note ? v.note : null, demand: v.demand ?? [] });
        }}
      >
        <Space wrap size="middle" align="start">
          <Form.Item name="resumeOn" label={t('resumption:plan.resumeOn')} rules={[rules.required]}>
            <Input type="date" data-testid="plan-resume-on" />
          </Form.Item>
          <Form.Item name="staffOnPost" label={t('resumption:plan.staffOnPost')} rules={[rules.required]}>
            <InputNumber min={0} max={100000} data-testid="plan-on-post" />
          </Form.Item>
          <Form.Item name="staffAway" label={t('resumption:plan.staffAway')} rules={[rules.required]}>
            <InputNumber min={0} max={100000} data-testid="plan-away" />
          </Form.Item>
          <Form.Item name="staffIsolated" label={t('resumption:plan.staffIsolated')} rules={[rules.required]}>
            <InputNumber min={0} max={100000} data-testid="plan-isolated" />
          </Form.Item>
          <Form.Item name="contactName" label={t('resumption:plan.contactName')} rules={[rules.required]}>
            <Input maxLength={50} data-testid="plan-contact-name" />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('resumption:plan.contactPhone')} rules={[rules.required, rules.phone]}>
            <Input inputMode="tel" maxLength={20} data-testid="plan-contact-phone" />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('resumption:plan.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <Form.Item label={t('resumption:plan.demand')} style={{ marginBottom: 0 }}>
          <Form.List name="demand">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'occupationCode']} rules={[rules.required]}>
                      <Input placeholder={t('resumption:plan.occupationCode')} style={{ width: 280 }} data-testid={`demand-code-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'headcount']} rules={[rules.required]}>
                      <InputNumber min={1} max={100000} placeholder={t('resumption:plan.headcount')} data-testid={`demand-headcount-${i}`} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Form.Item>
                  <Button type="dashed" onClick={() => add({ headcount: 1 })} icon={<PlusOutlined />} data-testid="demand-add">
                    {t('resumption:plan.addLine')}
                  </Button>
                </Form.Item>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="plan-save">
          {t('resumption:plan.save')}
        </Button>
      </Form>
    </Card>
  );
}

function DemandLines({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const make = useMutation({
    mutationFn: (v: { lineId: number; publish: boolean }) =>
      unwrap(api.POST('/api/v1/resumption/plans/{id}/demand/{lineId}/posting', { params: { path: { id: String(plan.id), lineId: String(v.lineId) } }, body: { publish: v.publish } })),
    onSuccess: async (r) => {
      void message.success(t('resumption:plan.postingMade', { id: r.postingId }));
      await queryClient.invalidateQueries({ queryKey: ['resumption'] });
    },
    onError: (e) => void message.error(e instanceof Error ? e.message : String(e)),
  });
  return (
    <Card size="small" title={t('resumption:plan.lines')} style={{ marginTop: 16 }}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={plan.demand}
        data-testid="demand-lines"
        columns={[
          { title: t('resumption:col.occupation'), render: (_: unknown, l: Plan['demand'][number]) => `${l.occupationName}（${l.occupationCode}）` },
          { title: t('resumption:col.demand'), dataIndex: 'headcount' },
          {
            title: t('resumption:col.actions'),
            render: (_: unknown, l: Plan['demand'][number]) =>
              l.postingId ? (
                <Link to={`/home/postings/${l.postingId}`} data-testid="demand-posting">
                  {t('resumption:plan.viewPosting', { id: l.postingId })}
                </Link>
              ) : (
                <Space>
                  <Button size="small" loading={make.isPending} onClick={() => make.mutate({ lineId: l.id, publish: false })} data-testid="demand-to-posting">
                    {t('resumption:plan.toPosting')}
                  </Button>
                  <Button size="small" type="primary" loading={make.isPending} onClick={() => make.mutate({ lineId: l.id, publish: true })}>
                    {t('resumption:plan.toPostingPublish')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}

function Returnees({ planId }: { planId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['resumption', 'returnees', planId],
    queryFn: () => unwrap(api.GET('/api/v1/resumption/plans/{id}/returnees', { params: { path: { id: String(planId) } } })),
  });
  const upload = useXlsxImport(`/api/v1/resumption/plans/${planId}/returnees/import`, () => queryClient.invalidateQueries({ queryKey: ['resumption'] }));
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={t('resumption:returnees.title')}
      extra={
        <Space wrap>
          <ImportButton busy={upload.busy} onFile={(f) => void upload.importFile(f)} label={t('resumption:returnees.import')} testId="returnees-import" />
          <ExportButton path="/api/v1/resumption/returnees/template.xlsx" fileName="returnees-template.xlsx" icon={<FileExcelOutlined />} label={t('resumption:returnees.template')} />
          <ExportButton path={`/api/v1/resumption/plans/${planId}/returnees/export.xlsx`} fileName="returnees.xlsx" testId="returnees-export" />
        </Space>
      }
    >
      {upload.outcome && <ImportResult outcome={upload.outcome} onClose={upload.dismiss} okText={(count) => t('resumption:returnees.imported', { count })} />}
      <Table<Returnee>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('resumption:returnees.empty') }}
        data-testid="returnees-table"
        columns={[
          { title: t('resumption:col.name'), dataIndex: 'name' },
          { title: t('resumption:col.idNumber'), dataIndex: 'idNumber' },
          { title: t('resumption:col.phone'), dataIndex: 'phone' },
          { title: t('resumption:col.origin'), render: (_, r) => <span>{r.originName}{!r.originInProvince && <Tag style={{ marginInlineStart: 6 }}>{t('resumption:transport.outside')}</Tag>}</span> },
          { title: t('resumption:col.travelOn'), dataIndex: 'travelOn' },
          { title: t('resumption:col.needsTransport'), render: (_, r) => (r.needsTransport ? t('resumption:transport.yes') : t('resumption:transport.no')) },
        ]}
      />
    </Card>
  );
}
