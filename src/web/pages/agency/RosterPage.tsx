// 员工花名册: the agency admin keeps the staff list: add one, import a spreadsheet, export.
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import { useAgency, useMe } from '../../api/queries.ts';
import type { NewStaff } from '../../api/types.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { showFormError } from '../../components/formErrors.ts';
import { useFormRules } from '../../components/formRules.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { StaffTable } from '../../components/StaffTable.tsx';
import { ImportButton, ImportResult, useXlsxImport } from '../../components/XlsxImport.tsx';

/** A roster change also changes the agency's staff count. */
function useRefreshRoster(agencyId: number) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['staff', agencyId] });
    await queryClient.invalidateQueries({ queryKey: ['agencies'] });
  };
}

export default function RosterPage() {
  const { t } = useTranslation();
  const agencyId = useMe().data?.agencyId;
  if (agencyId === undefined) return <Result status="warning" title={t('registry:agency.noAgency')} />;
  return <Roster agencyId={agencyId} />;
}

function Roster({ agencyId }: { agencyId: number }) {
  const { t } = useTranslation();
  const agency = useAgency(agencyId).data;
  const [adding, setAdding] = useState(false);
  const base = `/api/v1/agencies/${agencyId}/staff`;
  const upload = useXlsxImport(`${base}/import`, useRefreshRoster(agencyId));

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
            <ImportButton busy={upload.busy} onFile={(f) => void upload.importFile(f)} label={t('registry:roster.import')} testId="staff-import" />
            <ExportButton path={`${base}/template.xlsx`} fileName="staff-template.xlsx" icon={<FileExcelOutlined />} label={t('registry:roster.template')} />
            <ExportButton path={`${base}/export.xlsx`} fileName="staff.xlsx" />
          </>
        }
      />
      {upload.outcome && (
        <ImportResult outcome={upload.outcome} onClose={upload.dismiss} okText={(count) => t('registry:roster.imported', { count })} />
      )}
      <Card size="small">
        <StaffTable agencyId={agencyId} />
      </Card>
      {adding && <AddStaff agencyId={agencyId} onClose={() => setAdding(false)} />}
    </div>
  );
}

const FIELDS = ['name', 'phone', 'idNumber', 'position'] as const;

function AddStaff({ agencyId, onClose }: { agencyId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewStaff>();
  const rules = useFormRules();
  const refresh = useRefreshRoster(agencyId);
  const [alert, setAlert] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (body: NewStaff) => unwrap(api.POST('/api/v1/agencies/{id}/staff', { params: { path: { id: String(agencyId) } }, body })),
    onSuccess: async () => {
      await refresh();
      onClose();
    },
    onError: (e) => setAlert(showFormError(form, e, FIELDS)),
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
        <Form.Item name="name" label={t('registry:staff.field.name')} rules={[rules.required]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t('registry:staff.field.phone')} rules={[rules.required, rules.phone]}>
          <Input inputMode="tel" maxLength={11} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('registry:staff.field.idNumber')} rules={[rules.required, rules.citizenId]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="position" label={t('registry:staff.field.position')} rules={[rules.required]}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
