// One agency's registration facts, with an edit dialog for the fields that may change.
import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { AGENCY_STATUSES } from '../api/enums.ts';
import type { Agency, AgencyPatch } from '../api/types.ts';
import { usePlacementCounts } from '../api/placements.ts';
import { formatDateTime } from '../lib/format.ts';
import { showFormError } from './formErrors.ts';
import { useFormRules } from './formRules.ts';
import { KindTag, StatusTag } from './tags.tsx';

/** `editable`: officials may change status and contacts (PATCH is theirs only). */
export function AgencyCard({ agency, editable }: { agency: Agency; editable: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  // verified placements (decision 0051): the agency's own everywhere, or those in the official's divisions
  const counts = usePlacementCounts();
  const verified = counts.data ? (counts.data.items.find((x) => x.agencyId === agency.id && x.agencyDivision === agency.divisionCode)?.verified ?? 0) : null;
  return (
    <Card
      size="small"
      title={<span data-testid="agency-name">{agency.name}</span>}
      extra={
        editable && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="agency-edit">
            {t('common:action.edit')}
          </Button>
        )
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
        items={[
          { key: 'division', label: t('registry:agency.field.division'), children: <span data-testid="agency-detail-division">{agency.divisionName}</span> },
          { key: 'kind', label: t('registry:agency.field.kind'), children: <KindTag kind={agency.kind} /> },
          { key: 'status', label: t('registry:agency.field.status'), children: <StatusTag of="agency" status={agency.status} /> },
          { key: 'licence', label: t('registry:agency.field.licenceNo'), children: agency.licenceNo },
          { key: 'credit', label: t('registry:agency.field.creditCode'), children: agency.creditCode },
          { key: 'staff', label: t('registry:agency.field.staffCount'), children: agency.staffCount },
          { key: 'placements', label: t('placements:verifiedCount'), children: <span data-testid="agency-verified-placements">{verified ?? '…'}</span> },
          { key: 'person', label: t('registry:agency.field.responsiblePerson'), children: agency.responsiblePerson },
          { key: 'phone', label: t('registry:agency.field.responsiblePhone'), children: agency.responsiblePhone },
          { key: 'created', label: t('registry:agency.field.createdAt'), children: formatDateTime(agency.createdAt) },
          { key: 'address', label: t('registry:agency.field.address'), children: agency.address, span: 'filled' },
        ]}
      />
      {editing && <EditAgency agency={agency} onClose={() => setEditing(false)} />}
    </Card>
  );
}

const FIELDS = ['status', 'address', 'responsiblePerson', 'responsiblePhone'] as const;
type EditForm = Required<AgencyPatch>;

function EditAgency({ agency, onClose }: { agency: Agency; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditForm>();
  const queryClient = useQueryClient();
  const rules = useFormRules();
  const [alert, setAlert] = useState<string | null>(null);
  // A masked phone cannot be sent back; the field then starts empty and stays unchanged unless typed.
  const phone = agency.responsiblePhone.includes('*') ? '' : agency.responsiblePhone;
  const initial: EditForm = { status: agency.status, address: agency.address, responsiblePerson: agency.responsiblePerson, responsiblePhone: phone };

  const save = useMutation({
    mutationFn: (patch: AgencyPatch) => unwrap(api.PATCH('/api/v1/agencies/{id}', { params: { path: { id: String(agency.id) } }, body: patch })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['agencies'] });
      onClose();
    },
    onError: (e) => setAlert(showFormError(form, e, FIELDS)),
  });

  function submit(values: EditForm) {
    const patch: AgencyPatch = {};
    if (values.status !== initial.status) patch.status = values.status;
    if (values.address !== initial.address) patch.address = values.address;
    if (values.responsiblePerson !== initial.responsiblePerson) patch.responsiblePerson = values.responsiblePerson;
    if (values.responsiblePhone && values.responsiblePhone !== initial.responsiblePhone) patch.responsiblePhone = values.responsiblePhone;
    if (Object.keys(patch).length === 0) return onClose();
    setAlert(null);
    save.mutate(patch);
  }

  return (
    <Modal open title={t('registry:agency.editTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="status" label={t('registry:agency.field.status')}>
          <Select options={AGENCY_STATUSES.map((s) => ({ value: s, label: t(`registry:agency.status.${s}`) }))} />
        </Form.Item>
        <Form.Item name="address" label={t('registry:agency.field.address')} rules={[rules.required]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="responsiblePerson" label={t('registry:agency.field.responsiblePerson')} rules={[rules.required]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="responsiblePhone"
          label={t('registry:agency.field.responsiblePhone')}
          extra={phone ? undefined : t('registry:agency.phoneMaskedHint')}
          rules={[rules.phone]}
        >
          <Input inputMode="tel" maxLength={11} placeholder={phone ? undefined : agency.responsiblePhone} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
