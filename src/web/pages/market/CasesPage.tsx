// The moderation desk's two lists, one component: 职位审核 (postings the screener flagged) and 举报处理
// (reports from the public). Open cases first; a case opens in a drawer with its hits or reports
// (phones masked) and the official's choices: release / dismiss, or take the posting down with a
// reason (a dialog; the owner is told by the server).
import { App, Button, Card, Descriptions, Drawer, Form, Input, List, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseOrigin, type ModerationCase, useCase, useCasePages, useDecideCase } from '../../api/moderation.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUrlParams } from '../../lib/useUrlParams.ts';

const STATUS_COLOR: Record<string, string> = { open: 'orange', released: 'green', dismissed: 'default', taken_down: 'red' };

function TakeDownDialog({ open, onCancel, onConfirm, pending }: { open: boolean; onCancel: () => void; onConfirm: (reason: string) => void; pending: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={t('market:takeDown.title')}
      okText={t('market:takeDown.confirm')}
      okButtonProps={{ danger: true, loading: pending, ...({ 'data-testid': 'takedown-confirm' } as Record<`data-${string}`, string>) }}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((v) => onConfirm(v.reason))}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('market:takeDown.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('market:takeDown.reason')} rules={[{ required: true, whitespace: true, message: t('market:takeDown.required') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="takedown-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CaseDrawer({ id, onClose }: { id: number | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useCase(id);
  const decide = useDecideCase();
  const [takingDown, setTakingDown] = useState(false);
  const c = q.data;
  const run = (outcome: 'release' | 'dismiss' | 'take_down', reason?: string) =>
    c &&
    decide.mutate(
      { id: c.id, outcome, ...(reason ? { reason } : {}) },
      {
        onSuccess: () => {
          setTakingDown(false);
          void message.success(t(`market:decided.${outcome}`));
          onClose();
        },
        onError: (e) => void message.error(e.message),
      },
    );
  return (
    <Drawer open={id !== undefined} onClose={onClose} width={560} title={c ? c.posting.title : t('market:case.loading')} data-testid="case-drawer">
      {c && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('market:col.employer')}>{c.posting.employerName}</Descriptions.Item>
            <Descriptions.Item label={t('market:col.division')}>{c.divisionName ?? c.divisionCode}</Descriptions.Item>
            <Descriptions.Item label={t('market:col.postingStatus')}>{t(`market:postingStatus.${c.posting.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('market:col.status')}>
              <Tag color={STATUS_COLOR[c.status]}>{t(`market:status.${c.status}`)}</Tag>
              {c.reason && <span>{c.reason}</span>}
            </Descriptions.Item>
            <Descriptions.Item label={t('market:col.page')}>
              <a href={`/m/jobs/${c.posting.code}`} target="_blank" rel="noreferrer">
                /m/jobs/{c.posting.code}
              </a>
            </Descriptions.Item>
          </Descriptions>
          {c.origin === 'screener' ? (
            <Card size="small" title={t('market:case.hits')} style={{ marginTop: 12 }}>
              {c.hits.map((h) => (
                <Tag key={`${h.rule}:${h.text}`} color="red">
                  {h.rule}: {h.text}
                </Tag>
              ))}
            </Card>
          ) : (
            <List
              style={{ marginTop: 12 }}
              size="small"
              header={t('market:case.reports', { n: c.reports.length })}
              dataSource={c.reports}
              data-testid="case-reports"
              renderItem={(r) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space>
                        <Tag>{t(`market:category.${r.category}`)}</Tag>
                        <span>{formatDateTime(r.createdAt)}</span>
                        {r.contactPhone && <span data-testid="report-phone">{r.contactPhone}</span>}
                      </Space>
                    }
                    description={<span style={{ whiteSpace: 'pre-wrap' }}>{r.text}</span>}
                  />
                </List.Item>
              )}
            />
          )}
          {c.status === 'open' && (
            <Space style={{ marginTop: 16 }}>
              <Button onClick={() => run(c.origin === 'screener' ? 'release' : 'dismiss')} loading={decide.isPending} data-testid="case-clear">
                {t(c.origin === 'screener' ? 'market:action.release' : 'market:action.dismiss')}
              </Button>
              <Button danger type="primary" onClick={() => setTakingDown(true)} data-testid="case-takedown">
                {t('market:action.takeDown')}
              </Button>
            </Space>
          )}
          <TakeDownDialog open={takingDown} pending={decide.isPending} onCancel={() => setTakingDown(false)} onConfirm={(reason) => run('take_down', reason)} />
        </>
      )}
    </Drawer>
  );
}

export function CasesPage({ origin }: { origin: CaseOrigin }) {
  const { t } = useTranslation();
  const [params, setFilter] = useUrlParams();
  const status = params.get('status') === 'closed' ? 'closed' : 'open';
  const list = useCasePages(origin, status);
  const [openId, setOpenId] = useState<number | undefined>();
  return (
    <div>
      <PageTitle
        title={t(origin === 'screener' ? 'market:queue.title' : 'market:reports.title')}
        extra={
          <Segmented
            value={status}
            onChange={(v) => setFilter('status', v === 'closed' ? 'closed' : undefined)}
            options={[
              { value: 'open', label: t('market:filter.open') },
              { value: 'closed', label: t('market:filter.closed') },
            ]}
          />
        }
      />
      <Typography.Paragraph type="secondary">{t(origin === 'screener' ? 'market:queue.help' : 'market:reports.help')}</Typography.Paragraph>
      <Card size="small">
        <PagedTable<ModerationCase>
          testId="cases-table"
          source={list}
          rowKey="id"
          columns={[
            { title: t('market:col.openedAt'), dataIndex: 'openedAt', width: 150, render: (v: string) => formatDateTime(v) },
            { title: t('market:col.division'), key: 'division', width: 120, render: (_: unknown, c: ModerationCase) => c.divisionName ?? c.divisionCode },
            {
              title: t('market:col.posting'),
              key: 'posting',
              render: (_: unknown, c: ModerationCase) => (
                <span data-testid="case-posting">
                  {c.posting.title}
                  {c.posting.imported && <Tag style={{ marginLeft: 6 }}>{t('market:imported')}</Tag>}
                </span>
              ),
            },
            { title: t('market:col.employer'), key: 'employer', render: (_: unknown, c: ModerationCase) => c.posting.employerName },
            origin === 'screener'
              ? { title: t('market:col.hits'), key: 'hits', render: (_: unknown, c: ModerationCase) => c.hits.map((h) => h.text).join('、') }
              : { title: t('market:col.reportCount'), dataIndex: 'reportCount', width: 90 },
            { title: t('market:col.status'), key: 'status', width: 100, render: (_: unknown, c: ModerationCase) => <Tag color={STATUS_COLOR[c.status]}>{t(`market:status.${c.status}`)}</Tag> },
            {
              title: '',
              key: 'open',
              width: 80,
              render: (_: unknown, c: ModerationCase) => (
                <Button size="small" onClick={() => setOpenId(c.id)} data-testid="case-open">
                  {t('market:action.open')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <CaseDrawer id={openId} onClose={() => setOpenId(undefined)} />
    </div>
  );
}
