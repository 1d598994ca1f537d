// 员工花名册: the agency admin keeps the staff list: add one, import a spreadsheet, export.
import { DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Result, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isMainlandMobile, isValidCitizenId } from '../../../shared/checksums.ts';
import { ApiError, api, type ErrorDetail, rawFetch, unwrap } from '../../api/client.ts';
import { useAgency, useMe } from '../../api/queries.ts';
import type { NewStaff } from '../../api/types.ts';
import { showFormError } from '../../components/formErrors.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { StaffTable } from '../../components/StaffTable.tsx';
import { downloadFile } from '../../lib/download.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type ImportOutcome = { ok: true; imported: number } | { ok: false; message: string; details: ErrorDetail[] };

function importedCount(body: unknown): number {
  return typeof body === 'object' && body !== null && 'imported' in body && typeof body.imported === 'number' ? body.imported : 0;
}

export default function RosterPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const agencyId = me?.agencyId;
  const agency = useAgency(agencyId).data;
  const [adding, setAdding] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [busy, setBusy] = useState<'import' | 'template' | 'export' | null>(null);

  if (agencyId === undefined) return <Result status="warning" title={t('registry:agency.noAgency')} />;
  const base = `/api/v1/agencies/${agencyId}/staff`;

  async function importFile(file: File) {
    setBusy('import');
    setOutcome(null);
    try {
      const response = await rawFetch(`${base}/import`, { method: 'POST', body: file, headers: { 'Content-Type': XLSX } });
      setOutcome({ ok: true, imported: importedCount(await response.json()) });
      await queryClient.invalidateQueries({ queryKey: ['staff', agencyId] });
      await queryClient.invalidateQueries({ queryKey: ['agencies'] });
    } catch (e) {
      setOutcome(
        e instanceof ApiError
          ? { ok: false, message: e.message, details: e.details }
          : { ok: false, message: e instanceof Error ? e.message : String(e), details: [] },
      );
    } finally {
      setBusy(null);
    }
  }

  async function download(kind: 'template' | 'export') {
    setBusy(kind);
    try {
      await downloadFile(`${base}/${kind}.xlsx`, kind === 'template' ? 'staff-template.xlsx' : 'staff.xlsx');
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div>
      <PageTitle
        title={
          <span>
            {t('registry:nav.roster')}
            {agency && <span style={{ fontSize: 14, fontWeight: 400, color: '#888', marginInlineStart: 8 }}>{agency.name}</span>}
          </span>
        }
        extra={
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="staff-add">
              {t('registry:roster.add')}
            </Button>
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void importFile(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={busy === 'import'} data-testid="staff-import">
                {t('registry:roster.import')}
              </Button>
            </Upload>
            <Button icon={<FileExcelOutlined />} loading={busy === 'template'} onClick={() => void download('template')}>
              {t('registry:roster.template')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={busy === 'export'} onClick={() => void download('export')}>
              {t('common:action.exportExcel')}
            </Button>
          </>
        }
      />
      {outcome && <ImportResult outcome={outcome} onClose={() => setOutcome(null)} />}
      <Card size="small">
        <StaffTable agencyId={agencyId} />
      </Card>
      {adding && <AddStaff agencyId={agencyId} onClose={() => setAdding(false)} />}
    </div>
  );
}

function ImportResult({ outcome, onClose }: { outcome: ImportOutcome; onClose: () => void }) {
  const { t } = useTranslation();
  if (outcome.ok) {
    return (
      <Alert data-testid="import-ok" type="success" showIcon closable={{ onClose }} style={{ marginBottom: 12 }} title={t('registry:roster.imported', { count: outcome.imported })} />
    );
  }
  return (
    <Alert
      data-testid="import-errors"
      type="error"
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 12 }}
      title={outcome.message}
      description={
        outcome.details.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 240, overflowY: 'auto' }}>
            {outcome.details.map((d) => (
              // The server words each line already: "第 3 行，身份证号：校验位不正确".
              <li key={`${d.row ?? ''}-${d.column ?? d.field ?? ''}-${d.message}`} data-testid="import-error-line" data-row={d.row} data-column={d.column}>
                {d.message}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}

const FIELDS = ['name', 'phone', 'idNumber', 'position'] as const;

function AddStaff({ agencyId, onClose }: { agencyId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewStaff>();
  const queryClient = useQueryClient();
  const [alert, setAlert] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (body: NewStaff) => unwrap(api.POST('/api/v1/agencies/{id}/staff', { params: { path: { id: agencyId } }, body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['staff', agencyId] });
      await queryClient.invalidateQueries({ queryKey: ['agencies'] });
      onClose();
    },
    onError: (e) => setAlert(showFormError(form, e, FIELDS)),
  });
  const required = { required: true, message: t('common:form.required') };
  const check = (ok: (v: string) => boolean, msg: string) => ({
    validator: async (_: unknown, v?: string) => {
      if (v && !ok(v)) throw new Error(msg);
    },
  });

  return (
    <Modal open title={t('registry:roster.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending} destroyOnHidden>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form<NewStaff>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setAlert(null);
          add.mutate({ ...v, idNumber: v.idNumber.toUpperCase() });
        }}
      >
        <Form.Item name="name" label={t('registry:staff.field.name')} rules={[required]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t('registry:staff.field.phone')} rules={[required, check(isMainlandMobile, t('common:form.phoneInvalid'))]}>
          <Input inputMode="tel" maxLength={11} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('registry:staff.field.idNumber')} rules={[required, check((v) => isValidCitizenId(v.toUpperCase()), t('common:form.idInvalid'))]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="position" label={t('registry:staff.field.position')} rules={[required]}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
