// 每日健康打卡: the agency administrator's day (issue 8, decision 0026). GET /prevention/day lists
// each active roster member with the day's status (on time, late, pending, missing, withdrawn, no
// consent; no health value), the cut-off in Beijing time (GET/PUT /prevention/settings), and for a
// colleague without a smartphone: the paper consent (POST /prevention/consent/paper, withdrawal by
// DELETE /prevention/consent/staff/:id) and the daily check recorded for them (POST
// /prevention/checkins with staffId). The day lives in the address bar (?date=YYYY-MM-DD).
import { ClockCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, Modal, Popconfirm, Result, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { showFormError } from '../../components/formErrors.ts';
import { useFormRules } from '../../components/formRules.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTime } from '../../lib/format.ts';

type DayList = Awaited<ReturnType<typeof fetchDay>>;
type DayLine = DayList['items'][number];
type Status = DayLine['status'];

const fetchDay = (date: string | undefined) => unwrap(api.GET('/api/v1/prevention/day', { params: { query: date ? { date } : {} } }));

const STATUS_COLOUR: Record<Status, string> = { on_time: 'green', late: 'orange', pending: 'blue', missing: 'red', withdrawn: 'default', no_consent: 'default' };
const COUNTS: [keyof DayList['counts'], Status | 'expected'][] = [
  ['expected', 'expected'],
  ['onTime', 'on_time'],
  ['late', 'late'],
  ['pending', 'pending'],
  ['missing', 'missing'],
  ['withdrawn', 'withdrawn'],
  ['noConsent', 'no_consent'],
];

/** Everything the page shows depends on the day list and the settings: one refresh after a write. */
function useRefresh() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['prevention', 'day'] });
    await queryClient.invalidateQueries({ queryKey: ['prevention', 'settings'] });
  };
}

export default function DailyChecksPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (me?.agencyId === undefined) return <Result status="warning" title={t('registry:agency.noAgency')} />;
  return <DailyChecks />;
}

function DailyChecks() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? undefined;
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [paperFor, setPaperFor] = useState<DayLine | null>(null);
  const [checkFor, setCheckFor] = useState<DayLine | null>(null);
  const refresh = useRefresh();
  const day = useQuery({ queryKey: ['prevention', 'day', date ?? ''], queryFn: () => fetchDay(date) });
  const withdraw = useMutation({
    mutationFn: (staffId: number) => unwrap(api.DELETE('/api/v1/prevention/consent/staff/{id}', { params: { path: { id: String(staffId) } } })),
    onSuccess: refresh,
  });
  const d = day.data;

  const columns = [
    { title: t('prevention:col.name'), dataIndex: 'name', key: 'name' },
    { title: t('prevention:col.position'), dataIndex: 'position', key: 'position' },
    {
      title: t('prevention:col.status'),
      key: 'status',
      render: (_: unknown, l: DayLine) => (
        <Space size={4}>
          <Tag color={STATUS_COLOUR[l.status]} data-testid="day-status" data-status={l.status}>
            {t(`prevention:status.${l.status}`)}
          </Tag>
          {l.abnormal && <Tag color="red">{t('prevention:abnormal')}</Tag>}
          {l.withdrawnAt && l.status !== 'withdrawn' && <Tag data-testid="day-withdrawn">{t('prevention:status.withdrawn')}</Tag>}
        </Space>
      ),
    },
    { title: t('prevention:col.firstReceivedAt'), key: 'first', render: (_: unknown, l: DayLine) => formatDateTime(l.firstReceivedAt) },
    { title: t('prevention:col.reports'), dataIndex: 'reports', key: 'reports', align: 'right' as const },
    {
      title: t('prevention:col.consent'),
      key: 'consent',
      render: (_: unknown, l: DayLine) => (l.consentMethod ? t(`prevention:method.${l.consentMethod}`) : '—'),
    },
    {
      title: t('prevention:col.actions'),
      key: 'actions',
      render: (_: unknown, l: DayLine) => {
        // a report of the day keeps its status after a withdrawal: the consent itself decides what may be recorded
        const inForce = l.consentMethod !== null && l.withdrawnAt === null;
        return (
          <Space size={4} wrap>
            {!inForce && (
              <Button size="small" onClick={() => setPaperFor(l)} data-testid="paper-consent">
                {t('prevention:paper.add')}
              </Button>
            )}
            {inForce && l.consentMethod === 'paper' && (
              <>
                <Button size="small" type="primary" onClick={() => setCheckFor(l)} data-testid="record-check">
                  {t('prevention:check.add')}
                </Button>
                <Popconfirm title={t('prevention:paper.withdrawConfirm', { name: l.name })} onConfirm={() => withdraw.mutateAsync(l.staffId)} okButtonProps={{ 'data-testid': 'withdraw-confirm' }}>
                  <Button size="small" danger data-testid="paper-withdraw">
                    {t('prevention:paper.withdraw')}
                  </Button>
                </Popconfirm>
              </>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <div>
      <PageTitle
        title={t('prevention:nav.dailyChecks')}
        extra={
          <>
            <DatePicker
              data-testid="day-date"
              allowClear={false}
              value={d ? dayjs(d.date) : date ? dayjs(date) : dayjs()}
              onChange={(v) =>
                setParams(
                  (prev) => {
                    const next = new URLSearchParams(prev);
                    if (v) next.set('date', v.format('YYYY-MM-DD'));
                    else next.delete('date');
                    return next;
                  },
                  { replace: true },
                )
              }
            />
            <Button icon={<ClockCircleOutlined />} onClick={() => setSettingsOpen(true)} data-testid="cutoff-edit">
              {t('prevention:settings.edit')}
            </Button>
          </>
        }
      />
      <QueryError error={day.error ?? withdraw.error} />
      {day.isPending && <PageLoading />}
      {d && (
        <>
          <Typography.Paragraph data-testid="day-cutoff">
            {t('prevention:cutoff', { time: d.cutoff })}
            {d.cutoffPassed ? <Typography.Text type="secondary"> · {t('prevention:cutoffPassed')}</Typography.Text> : null}
          </Typography.Paragraph>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            {COUNTS.map(([k, label]) => (
              <Col key={k} xs={12} sm={8} md={6} xl={3}>
                <Card size="small">
                  <Statistic title={label === 'expected' ? t('prevention:expected') : t(`prevention:status.${label}`)} value={d.counts[k]} data-testid={`day-count-${k}`} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small">
            <Table<DayLine> rowKey="staffId" size="small" columns={columns} dataSource={d.items} pagination={false} onRow={(l) => ({ 'data-testid': 'day-row', 'data-name': l.name }) as object} />
          </Card>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
            {t('prevention:noValues')}
          </Typography.Paragraph>
        </>
      )}
      {settingsOpen && <CutoffModal onClose={() => setSettingsOpen(false)} />}
      {paperFor && <PaperConsentModal line={paperFor} onClose={() => setPaperFor(null)} />}
      {checkFor && <CheckModal line={checkFor} onClose={() => setCheckFor(null)} />}
    </div>
  );
}

function CutoffModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ cutoff: string }>();
  const rules = useFormRules();
  const refresh = useRefresh();
  const [alert, setAlert] = useState<string | null>(null);
  const settings = useQuery({ queryKey: ['prevention', 'settings'], queryFn: () => unwrap(api.GET('/api/v1/prevention/settings')) });
  const save = useMutation({
    mutationFn: (body: { cutoff: string }) => unwrap(api.PUT('/api/v1/prevention/settings', { body })),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
    onError: (e) => setAlert(showFormError(form, e, ['cutoff'])),
  });
  return (
    <Modal open title={t('prevention:settings.title')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ disabled: !settings.data }} destroyOnHidden>
      <QueryError error={settings.error} />
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      {settings.data && (
        <Form<{ cutoff: string }> form={form} layout="vertical" initialValues={{ cutoff: settings.data.cutoff }} onFinish={(v) => save.mutate({ cutoff: v.cutoff.trim() })}>
          <Form.Item name="cutoff" label={t('prevention:settings.cutoff')} extra={settings.data.default ? t('prevention:settings.isDefault') : undefined} rules={[rules.required]}>
            <Input maxLength={5} placeholder="10:00" data-testid="cutoff-input" />
          </Form.Item>
          <Typography.Text type="secondary">{t('prevention:settings.retention', { days: settings.data.retentionDays })}</Typography.Text>
        </Form>
      )}
    </Modal>
  );
}

type PaperForm = { signedOn: dayjs.Dayjs; reference: string };

function PaperConsentModal({ line, onClose }: { line: DayLine; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PaperForm>();
  const rules = useFormRules();
  const refresh = useRefresh();
  const [alert, setAlert] = useState<string | null>(null);
  // the consent text the form was printed from: its current version, from the colleague's consent state
  const state = useQuery({
    queryKey: ['prevention', 'consent', line.staffId],
    queryFn: () => unwrap(api.GET('/api/v1/prevention/consent/staff/{id}', { params: { path: { id: String(line.staffId) } } })),
  });
  const record = useMutation({
    mutationFn: (v: PaperForm) =>
      unwrap(api.POST('/api/v1/prevention/consent/paper', { body: { staffId: line.staffId, textVersion: (state.data?.textVersion ?? '') as never, signedOn: v.signedOn.format('YYYY-MM-DD'), reference: v.reference } })),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
    onError: (e) => setAlert(showFormError(form, e, ['signedOn', 'reference'])),
  });
  return (
    <Modal open title={t('prevention:paper.title', { name: line.name })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={record.isPending} okButtonProps={{ disabled: !state.data, 'data-testid': 'paper-submit' }} destroyOnHidden>
      <QueryError error={state.error} />
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      {state.data && (
        <>
          <Typography.Paragraph type="secondary">{state.data.purpose}</Typography.Paragraph>
          <Typography.Paragraph>
            {t('prevention:paper.textVersion')}: <Typography.Text code data-testid="paper-text-version">{state.data.textVersion}</Typography.Text>
          </Typography.Paragraph>
          <Form<PaperForm> form={form} layout="vertical" initialValues={{ signedOn: dayjs() }} onFinish={(v) => { setAlert(null); record.mutate(v); }}>
            <Form.Item name="signedOn" label={t('prevention:paper.signedOn')} rules={[rules.required]}>
              <DatePicker allowClear={false} disabledDate={(v) => v.isAfter(dayjs(), 'day')} data-testid="paper-signed-on" />
            </Form.Item>
            <Form.Item name="reference" label={t('prevention:paper.reference')} extra={t('prevention:paper.referenceHint')} rules={[rules.required]}>
              <Input maxLength={200} data-testid="paper-reference" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

type CheckForm = { temperature: string; symptoms: string[] };

function CheckModal({ line, onClose }: { line: DayLine; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<CheckForm>();
  const rules = useFormRules();
  const refresh = useRefresh();
  const [alert, setAlert] = useState<string | null>(null);
  const [result, setResult] = useState<{ abnormal: boolean } | null>(null);
  // one id per opened form: a retried submit is the same report (200), not a second one
  const [clientId] = useState(() => `desk-${line.staffId}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`);
  const symptoms = useQuery({ queryKey: ['prevention', 'symptoms'], queryFn: () => unwrap(api.GET('/api/v1/prevention/symptoms')), staleTime: Number.POSITIVE_INFINITY });
  const record = useMutation({
    mutationFn: (v: CheckForm) =>
      unwrap(api.POST('/api/v1/prevention/checkins', { body: { clientId, staffId: line.staffId, temperature: v.temperature, symptoms: (v.symptoms ?? []) as never } })),
    onSuccess: async (r) => {
      setResult(r);
      await refresh();
    },
    onError: (e) => setAlert(showFormError(form, e, ['temperature', 'symptoms'])),
  });
  const en = i18n.language === 'en';
  return (
    <Modal
      open
      title={t('prevention:check.title', { name: line.name })}
      onCancel={onClose}
      onOk={() => (result ? onClose() : form.submit())}
      okText={result ? t('prevention:check.done') : undefined}
      confirmLoading={record.isPending}
      okButtonProps={{ disabled: !symptoms.data, 'data-testid': 'check-submit' }}
      destroyOnHidden
    >
      <QueryError error={symptoms.error} />
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      {result ? (
        <Alert data-testid="check-result" data-abnormal={String(result.abnormal)} type={result.abnormal ? 'warning' : 'success'} showIcon title={result.abnormal ? t('prevention:check.abnormal') : t('prevention:check.recorded')} />
      ) : (
        symptoms.data && (
          <Form<CheckForm> form={form} layout="vertical" initialValues={{ symptoms: [] }} onFinish={(v) => { setAlert(null); record.mutate(v); }}>
            <Form.Item name="temperature" label={t('prevention:check.temperature')} extra={t('prevention:check.temperatureHint')} rules={[rules.required]}>
              <Input inputMode="decimal" maxLength={10} suffix="℃" data-testid="check-temperature" />
            </Form.Item>
            <Form.Item name="symptoms" label={t('prevention:check.symptoms')}>
              <Checkbox.Group options={symptoms.data.items.map((s) => ({ value: s.code, label: en ? s.en : s.zh }))} data-testid="check-symptoms" />
            </Form.Item>
          </Form>
        )
      )}
    </Modal>
  );
}
