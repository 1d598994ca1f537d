// 风险地区 (P2): the province keeps the epidemic risk areas — list, add, edit (lifting = setting the
// end date), import from .xlsx (rejected whole with every problem by row and column), template.
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { showFormError } from '../../components/formErrors.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ImportButton, ImportResult, useXlsxImport } from '../../components/XlsxImport.tsx';

const fetchAreas = (inForce: boolean) => unwrap(api.GET('/api/v1/prevention/risk-areas', { params: { query: { limit: 200, ...(inForce ? { on: new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) } : {}) } } }));
type Area = Awaited<ReturnType<typeof fetchAreas>>['items'][number];
type AreaForm = { code: string; subName?: string; level: 'high' | 'medium' | 'low'; from: string; to?: string; note?: string };
const LEVELS = ['high', 'medium', 'low'] as const;
const COLOR = { high: 'red', medium: 'orange', low: 'blue' } as const;

export default function RiskAreasPage() {
  const { t } = useTranslation();
  const keeper = useMe().data?.role === 'province';
  const [inForce, setInForce] = useState(false);
  const [editing, setEditing] = useState<Area | 'new' | null>(null);
  const qc = useQueryClient();
  const areas = useQuery({ queryKey: ['risk-areas', inForce], queryFn: () => fetchAreas(inForce) });
  const upload = useXlsxImport('/api/v1/prevention/risk-areas/import', () => qc.invalidateQueries({ queryKey: ['risk-areas'] }));
  return (
    <div>
      <PageTitle
        title={t('screening:areas.title')}
        extra={
          keeper && (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="area-add">
                {t('screening:areas.add')}
              </Button>
              <ImportButton busy={upload.busy} onFile={(f) => void upload.importFile(f)} label={t('screening:areas.import')} testId="area-import" />
              <ExportButton path="/api/v1/prevention/risk-areas/template.xlsx" fileName="risk-areas-template.xlsx" icon={<FileExcelOutlined />} label={t('screening:areas.template')} />
            </>
          )
        }
      />
      {upload.outcome && <ImportResult outcome={upload.outcome} onClose={upload.dismiss} okText={(count) => t('screening:areas.imported', { count })} />}
      <Card size="small" extra={<Space>{t('screening:areas.inForceOnly')}<Switch checked={inForce} onChange={setInForce} /></Space>}>
        <Table
          rowKey="id"
          size="small"
          loading={areas.isLoading}
          dataSource={areas.data?.items ?? []}
          data-testid="areas-table"
          onRow={(r) => ({ 'data-testid': 'area-row', 'data-code': r.divisionCode, 'data-sub': r.sub?.code ?? r.sub?.name ?? '' }) as object}
          pagination={{ pageSize: 50 }}
          columns={[
            { title: t('screening:areas.code'), dataIndex: 'divisionCode' },
            { title: t('screening:areas.name'), render: (_: unknown, r: Area) => `${r.divisionName}${r.sub ? ` · ${r.sub.name ?? r.sub.code}` : ''}` },
            { title: t('screening:col.level'), dataIndex: 'level', render: (l: Area['level']) => <Tag color={COLOR[l]}>{t(`screening:level.${l}`)}</Tag> },
            { title: t('screening:areas.from'), dataIndex: 'from' },
            { title: t('screening:areas.to'), dataIndex: 'to', render: (d: string | null) => d ?? t('screening:areas.open') },
            { title: '', dataIndex: 'inForce', render: (v: boolean) => (v ? <Tag color="red">{t('screening:areas.inForce')}</Tag> : <Tag>{t('screening:areas.notInForce')}</Tag>) },
            ...(keeper ? [{ title: '', render: (_: unknown, r: Area) => <Button type="link" size="small" onClick={() => setEditing(r)}>{t('screening:areas.edit')}</Button> }] : []),
          ]}
        />
      </Card>
      {editing && <AreaModal area={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

function AreaModal({ area, onClose }: { area: Area | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AreaForm>();
  const qc = useQueryClient();
  const [alert, setAlert] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: AreaForm) =>
      area
        ? unwrap(api.PATCH('/api/v1/prevention/risk-areas/{id}', { params: { path: { id: String(area.id) } }, body: { level: v.level, from: v.from, to: v.to || null, note: v.note ?? '' } }))
        : unwrap(api.POST('/api/v1/prevention/risk-areas', { body: { code: v.code, level: v.level, from: v.from, ...(v.to ? { to: v.to } : {}), ...(v.subName ? { subName: v.subName } : {}), ...(v.note ? { note: v.note } : {}) } })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['risk-areas'] });
      onClose();
    },
    onError: (e) => setAlert(showFormError(form, e, ['code', 'subName', 'level', 'from', 'to', 'note'])),
  });
  return (
    <Modal open title={area ? t('screening:areas.edit') : t('screening:areas.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form<AreaForm>
        form={form}
        layout="vertical"
        initialValues={area ? { code: area.divisionCode, level: area.level, from: area.from, to: area.to ?? '', note: area.note } : { level: 'high' }}
        onFinish={(v) => {
          setAlert(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="code" label={t('screening:areas.code')} extra={t('screening:areas.codeHint')} rules={[{ required: true, message: t('plans:plan.required') }]}>
          <Input disabled={Boolean(area)} maxLength={20} />
        </Form.Item>
        {!area && (
          <Form.Item name="subName" label={t('screening:areas.subName')}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Form.Item name="level" label={t('screening:col.level')}>
          <Select options={LEVELS.map((l) => ({ value: l, label: t(`screening:level.${l}`) }))} />
        </Form.Item>
        <Space>
          <Form.Item name="from" label={t('screening:areas.from')} rules={[{ required: true, message: t('plans:plan.required') }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="to" label={t('screening:areas.to')}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('screening:areas.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
