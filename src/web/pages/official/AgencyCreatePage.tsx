// Register a new agency in one of the official's counties.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { AGENCY_KINDS } from '../../api/enums.ts';
import { useMe } from '../../api/queries.ts';
import type { NewAgency } from '../../api/types.ts';
import { scopeRootCode } from '../../auth/scope.ts';
import { DivisionPicker } from '../../components/DivisionPicker.tsx';
import { showFormError } from '../../components/formErrors.ts';
import { useFormRules } from '../../components/formRules.ts';
import { PageTitle } from '../../components/PageTitle.tsx';

const FIELDS = ['name', 'kind', 'licenceNo', 'creditCode', 'divisionCode', 'address', 'responsiblePerson', 'responsiblePhone'] as const;

export default function AgencyCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const [form] = Form.useForm<NewAgency>();
  const rules = useFormRules();
  const [alert, setAlert] = useState<string | null>(null);
  const root = me ? scopeRootCode(me) : undefined;

  const create = useMutation({
    mutationFn: (body: NewAgency) => unwrap(api.POST('/api/v1/agencies', { body })),
    onSuccess: async (agency) => {
      await queryClient.invalidateQueries({ queryKey: ['agencies'] });
      await navigate(`/gov/agencies/${agency.id}`, { replace: true });
    },
    onError: (e) => setAlert(showFormError(form, e, FIELDS)),
  });

  return (
    <div style={{ maxWidth: 720 }}>
      <PageTitle title={t('registry:agency.createTitle')} />
      <Card size="small">
        {alert && <Alert data-testid="form-error" type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
        <Form<NewAgency>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'commercial' }}
          onFinish={(v) => {
            setAlert(null);
            create.mutate({ ...v, creditCode: v.creditCode.toUpperCase() });
          }}
        >
          <Form.Item name="name" label={t('registry:agency.field.name')} rules={[rules.required]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label={t('registry:agency.field.kind')} rules={[rules.required]}>
            <Radio.Group options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`registry:agency.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="divisionCode" label={t('registry:agency.field.county')} rules={[rules.required]} extra={t('registry:agency.countyHint')}>
            {root ? <DivisionPicker rootCode={root} countyOnly placeholder={t('registry:agency.field.county')} testId="agency-county" /> : <Input disabled />}
          </Form.Item>
          <Form.Item name="licenceNo" label={t('registry:agency.field.licenceNo')} rules={[rules.required]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="creditCode" label={t('registry:agency.field.creditCode')} rules={[rules.required, rules.creditCode]}>
            <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
          </Form.Item>
          <Form.Item name="address" label={t('registry:agency.field.address')} rules={[rules.required]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="responsiblePerson" label={t('registry:agency.field.responsiblePerson')} rules={[rules.required]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="responsiblePhone" label={t('registry:agency.field.responsiblePhone')} rules={[rules.required, rules.phone]}>
            <Input inputMode="tel" maxLength={11} />
          </Form.Item>
          <div style={{ display: 'flex', gap: 8 }}>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="agency-submit">
              {t('common:action.submit')}
            </Button>
            <Button onClick={() => void navigate('/gov/agencies')}>{t('common:action.cancel')}</Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
