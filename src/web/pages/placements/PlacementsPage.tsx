// 推荐就业 (verified placements, decision 0051), one page for three desks:
//   agency    its referrals (record a placement for a hired one) and its placements with status;
//   employer  the placements at it, confirming the hire (contract start, labour contract, ID number);
//   official  placements in its divisions, "awaiting verification" (confirmed) first, the insurance
//             file import, and the verified counts per agency.
// ID numbers are masked everywhere; the employer types the full one once, when confirming.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/queries.ts';
import { type Confirmation, PLACEMENT_STATUSES, type Placement, type PlacementStatus, type Referral, useConfirmPlacement, usePlacementCounts, usePlacementPages, useRecordPlacement, useReferralPages } from '../../api/placements.ts';
import { FilterBar } from '../../components/FilterBar.tsx';
import { showFormError } from '../../components/formErrors.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ImportButton, ImportResult, useXlsxImport } from '../../components/XlsxImport.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUrlParams } from '../../lib/useUrlParams.ts';

const COLOR: Record<PlacementStatus, string> = { pending_employer: 'gold', confirmed: 'blue', verified: 'green' };
const CONFIRM_FIELDS = ['contractStart', 'contractType', 'idNumber'] as const;

export function PlacementStatusTag({ status }: { status: PlacementStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status]} data-testid="placement-status" data-status={status}>
      {t(`placements:status.${status}`)}
    </Tag>
  );
}

function Counts() {
  const { t } = useTranslation();
  const counts = usePlacementCounts();
  const items = counts.data?.items ?? [];
  const sum = (k: 'pendingEmployer' | 'confirmed' | 'verified') => items.reduce((n, x) => n + x[k], 0);
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="placement-counts">
      <Space size={48} wrap>
        <Statistic title={t('placements:status.pending_employer')} value={sum('pendingEmployer')} />
        <Statistic title={t('placements:status.confirmed')} value={sum('confirmed')} />
        <span data-testid="verified-count" data-count={sum('verified')}>
          <Statistic title={t('placements:status.verified')} value={sum('verified')} />
        </span>
      </Space>
      {items.length > 1 && (
        <Table
          size="small"
          style={{ marginTop: 12 }}
          rowKey={(r) => `${r.agencyDivision}:${r.agencyId}`}
          pagination={false}
          dataSource={items}
          data-testid="placement-counts-table"
          columns={[
            { title: t('placements:field.agency'), dataIndex: 'agencyName' },
            { title: t('placements:status.pending_employer'), dataIndex: 'pendingEmployer', width: 120 },
            { title: t('placements:status.confirmed'), dataIndex: 'confirmed', width: 120 },
            { title: t('placements:status.verified'), dataIndex: 'verified', width: 120 },
          ]}
        />
      )}
    </Card>
  );
}

function ConfirmModal({ placement, onClose }: { placement: Placement; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Confirmation>();
  const [alert, setAlert] = useState<string | null>(null);
  const confirm = useConfirmPlacement();
  const submit = (v: Confirmation) => {
    setAlert(null);
    confirm.mutate(
      { id: placement.id, body: v },
      {
        onSuccess: () => {
          void message.success(t('placements:confirmed'));
          onClose();
        },
        onError: (e) => setAlert(showFormError(form, e, CONFIRM_FIELDS)),
      },
    );
  };
  return (
    <Modal open title={t('placements:confirmTitle', { name: placement.worker.name ?? '' })} onCancel={onClose} onOk={() => form.submit()} okText={t('placements:confirm')} confirmLoading={confirm.isPending} okButtonProps={{ 'data-testid': 'confirm-submit' } as Record<`data-${string}`, string>}>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('placements:confirmHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ contractType: 'labour_contract' }}>
        <Form.Item name="contractStart" label={t('placements:field.contractStart')} rules={[{ required: true, message: t('placements:required') }]}>
          <Input placeholder="YYYY-MM-DD" data-testid="confirm-contract-start" />
        </Form.Item>
        <Form.Item name="contractType" label={t('placements:field.contractType')} rules={[{ required: true, message: t('placements:required') }]}>
          <Select
            data-testid="confirm-contract-type"
            options={[
              { value: 'labour_contract', label: t('placements:contractType.labour_contract') },
              { value: 'dispatch', label: t('placements:contractType.dispatch') },
            ]}
          />
        </Form.Item>
        <Form.Item name="idNumber" label={t('placements:field.idNumber')} rules={[{ required: true, message: t('placements:required') }]}>
          <Input autoComplete="off" data-testid="confirm-id-number" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReferralsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [stage, setStage] = useState<Referral['stage'] | undefined>('hired');
  const list = useReferralPages(stage);
  const recorded = usePlacementPages(undefined);
  const record = useRecordPlacement();
  const placed = new Set((recorded.data?.pages ?? []).flatMap((p) => p.items.map((x) => x.applicationId)));
  return (
    <Card size="small" title={t('placements:referrals')} style={{ marginBottom: 12 }} extra={
      <Select allowClear value={stage} onChange={(v?: Referral['stage']) => setStage(v)} style={{ width: 140 }} placeholder={t('placements:field.stage')} data-testid="referral-stage-filter"
        options={(['applied', 'shortlisted', 'interview', 'offer', 'hired', 'rejected', 'withdrawn'] as const).map((s) => ({ value: s, label: t(`market:stage.${s}`) }))} />
    }>
      <PagedTable<Referral>
        testId="referrals-table"
        source={list}
        rowKey="id"
        columns={[
          { title: t('placements:field.worker'), key: 'name', render: (_: unknown, r: Referral) => r.applicant.name ?? '' },
          { title: t('placements:field.posting'), dataIndex: 'postingTitle' },
          { title: t('placements:field.stage'), dataIndex: 'stage', width: 100, render: (s: Referral['stage']) => <Tag>{t(`market:stage.${s}`)}</Tag> },
          { title: t('placements:field.appliedAt'), dataIndex: 'appliedAt', width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: t('placements:field.actions'),
            key: 'actions',
            width: 140,
            render: (_: unknown, r: Referral) =>
              r.stage !== 'hired' ? null : placed.has(r.id) ? (
                <Typography.Text type="secondary">{t('placements:recorded')}</Typography.Text>
              ) : (
                <Button size="small" type="primary" loading={record.isPending} data-testid="record-placement"
                  onClick={() => record.mutate(r.id, { onSuccess: () => void message.success(t('placements:recordedOk')), onError: (e) => void message.error(e.message) })}>
                  {t('placements:record')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}

function InsuranceImport() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const upload = useXlsxImport('/api/v1/placements/insurance/import', () => qc.invalidateQueries({ queryKey: ['placements'] }));
  return (
    <>
      <ImportButton busy={upload.busy} onFile={(f) => void upload.importFile(f)} label={t('placements:import')} testId="insurance-import" />
      {upload.outcome && (
        <div style={{ position: 'absolute', left: 0, right: 0, top: 48, zIndex: 2 }}>
          <ImportResult outcome={upload.outcome} onClose={upload.dismiss} okText={(count) => t('placements:imported', { count })} />
        </div>
      )}
    </>
  );
}

export default function PlacementsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const role = me?.role;
  const isAgency = role === 'agency_admin' || role === 'agency_staff';
  const isEmployer = role === 'employer';
  const isOfficial = role === 'province' || role === 'prefecture' || role === 'county';
  const [params, setFilter] = useUrlParams();
  const raw = params.get('status');
  // a bureau opens on its worklist: confirmed placements awaiting the insurance rows
  const status = raw === 'all' ? undefined : raw && (PLACEMENT_STATUSES as readonly string[]).includes(raw) ? (raw as PlacementStatus) : isOfficial ? 'confirmed' : undefined;
  const list = usePlacementPages(status);
  const [confirming, setConfirming] = useState<Placement | null>(null);

  return (
    <div style={{ position: 'relative' }}>
      <PageTitle title={t(isOfficial ? 'placements:titleOfficial' : 'placements:title')} extra={isOfficial ? <InsuranceImport /> : undefined} />
      {isOfficial && <Typography.Paragraph type="secondary">{t('placements:importHint')}</Typography.Paragraph>}
      {(isAgency || isOfficial) && <Counts />}
      {isAgency && <ReferralsCard />}
      <FilterBar>
        <Select
          value={status ?? 'all'}
          onChange={(v: string) => setFilter('status', v)}
          style={{ width: 180 }}
          data-testid="placement-status-filter"
          options={[{ value: 'all', label: t('placements:all') }, ...PLACEMENT_STATUSES.map((s) => ({ value: s, label: t(`placements:status.${s}`) }))]}
        />
      </FilterBar>
      <Card size="small" title={t('placements:placements')}>
        <PagedTable<Placement>
          testId="placements-table"
          source={list}
          rowKey="id"
          columns={[
            { title: t('placements:field.worker'), key: 'worker', render: (_: unknown, r: Placement) => r.worker.name ?? '' },
            { title: t('placements:field.idNumber'), key: 'id', width: 190, responsive: ['md'], render: (_: unknown, r: Placement) => r.worker.idNumberMasked ?? '' },
            { title: t('placements:field.employer'), dataIndex: 'employerName' },
            { title: t('placements:field.posting'), dataIndex: 'postingTitle', responsive: ['lg'] },
            ...(isAgency ? [] : [{ title: t('placements:field.agency'), dataIndex: 'agencyName' }]),
            { title: t('placements:field.contractStart'), dataIndex: 'contractStart', width: 120, render: (v: string | null) => v ?? '' },
            { title: t('placements:field.insuredMonths'), key: 'months', width: 110, render: (_: unknown, r: Placement) => <span data-testid="insured-months">{r.insuredMonths.length}</span> },
            { title: t('placements:field.status'), dataIndex: 'status', width: 130, render: (s: PlacementStatus) => <PlacementStatusTag status={s} /> },
            ...(isEmployer
              ? [
                  {
                    title: t('placements:field.actions'),
                    key: 'actions',
                    width: 120,
                    render: (_: unknown, r: Placement) =>
                      r.status === 'pending_employer' ? (
                        <Button size="small" type="primary" onClick={() => setConfirming(r)} data-testid="confirm-placement">
                          {t('placements:confirm')}
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {confirming && <ConfirmModal placement={confirming} onClose={() => setConfirming(null)} />}
    </div>
  );
}
