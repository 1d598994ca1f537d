// 代理招聘委托: an employer authorises an agency to recruit for it (人力资源市场暂行条例 第二十六条):
// the signed authorisation is uploaded (PDF, JPEG or PNG) and the agency named by its number; the
// agency then writes postings for the employer until the authorisation is revoked here.
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Popconfirm, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Authorisation, attachmentBlob, authoriseAgency, revokeAuthorisation, uploadAttachment, useAuthorisations } from '../../api/postings.ts';
import { useMe } from '../../api/queries.ts';
import { DivisionName } from '../../components/DivisionName.tsx';
import { showFormError } from '../../components/formErrors.ts';
import { useFormRules } from '../../components/formRules.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTime } from '../../lib/format.ts';

type Values = { agencyId: number; document: File };

/** Downloads the authorisation document (an audited read). */
function DocumentLink({ id }: { id: number | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  if (id === null) return <>—</>;
  const download = async () => {
    try {
      const url = URL.createObjectURL(await attachmentBlob(id));
      const a = document.createElement('a');
      a.href = url;
      a.download = `authorisation-${id}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Button size="small" type="link" onClick={() => void download()}>
      {t('registrations:auth.document')}
    </Button>
  );
}

function GrantForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const [alert, setAlert] = useState<string | null>(null);
  const grant = useMutation({
    mutationFn: async (v: Values) => {
      const doc = await uploadAttachment(v.document, 'employer_authorisation', me?.divisionCode ?? '');
      return authoriseAgency({ agencyId: v.agencyId, documentId: doc.id });
    },
    onSuccess: async () => {
      form.resetFields();
      setAlert(null);
      void message.success(t('registrations:auth.granted'));
      await queryClient.invalidateQueries({ queryKey: ['authorisations'] });
    },
    onError: (e) => setAlert(showFormError(form, e, ['agencyId'])),
  });
  return (
    <Card size="small" title={t('registrations:auth.grantTitle')}>
      {alert && <Alert data-testid="form-error" type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => grant.mutate(v)}>
        <Form.Item name="agencyId" label={t('registrations:auth.agencyId')} rules={[rules.required]} extra={t('registrations:auth.agencyIdHint')}>
          <InputNumber min={1} precision={0} style={{ width: 200 }} data-testid="auth-agency-id" />
        </Form.Item>
        <Form.Item
          name="document"
          label={t('registrations:auth.documentUpload')}
          rules={[rules.required]}
          extra={t('registrations:auth.documentHint')}
          valuePropName="fileList"
          getValueProps={(file?: File) => ({ fileList: file ? [{ uid: '1', name: file.name, status: 'done' as const }] : [] })}
          getValueFromEvent={(e: { file: File & { originFileObj?: File } }) => e.file.originFileObj ?? e.file}
        >
          <Upload accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" maxCount={1} beforeUpload={() => false} data-testid="auth-document">
            <Button icon={<UploadOutlined />}>{t('registrations:auth.chooseFile')}</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={grant.isPending} data-testid="auth-submit">
          {t('registrations:auth.grant')}
        </Button>
      </Form>
    </Card>
  );
}

export default function AuthorisationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useAuthorisations();
  const revoke = useMutation({
    mutationFn: (id: number) => revokeAuthorisation(id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['authorisations'] });
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <PageTitle title={t('registrations:auth.title')} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('registrations:auth.note')}
      </Typography.Paragraph>
      <GrantForm />
      <Card size="small" title={t('registrations:auth.listTitle')}>
        <QueryError error={list.error} />
        <Table<Authorisation>
          data-testid="authorisations-table"
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          columns={[
            { title: t('registrations:auth.agencyId'), dataIndex: 'agencyId', render: (id: number) => <span data-testid="auth-agency">{id}</span> },
            { title: t('registrations:auth.agencyDivision'), dataIndex: 'agencyDivision', render: (c: string) => <DivisionName code={c} /> },
            { title: t('registrations:auth.grantedAt'), dataIndex: 'grantedAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('registrations:field.status'),
              dataIndex: 'revokedAt',
              render: (v: string | null) =>
                v ? (
                  <Tag data-testid="auth-state" data-state="revoked">
                    {t('registrations:auth.revokedAt', { at: formatDateTime(v) })}
                  </Tag>
                ) : (
                  <Tag color="green" data-testid="auth-state" data-state="live">
                    {t('registrations:auth.live')}
                  </Tag>
                ),
            },
            { title: t('registrations:auth.document'), dataIndex: 'documentId', render: (id: number | null) => <DocumentLink id={id} /> },
            {
              title: t('common:table.actions'),
              key: 'actions',
              render: (_: unknown, a) =>
                a.revokedAt ? null : (
                  <Popconfirm title={t('registrations:auth.confirmRevoke')} onConfirm={() => revoke.mutate(a.id)} okButtonProps={{ 'data-testid': 'confirm-revoke' }}>
                    <Button size="small" danger type="link" data-testid="auth-revoke">
                      {t('registrations:auth.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
