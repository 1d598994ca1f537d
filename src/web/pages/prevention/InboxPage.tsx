// 消息: the desk's in-app notices (an agency's, or a bureau's own), newest first, unread marked; a
// bureau also keeps its duty phone here (every notice to its desk is also an SMS to it).
import { App, Badge, Button, Card, Form, Input, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Notice, useDutyPhone, useInboxPages, useMarkRead, useSetDutyPhone } from '../../api/incidents.ts';
import { useMe } from '../../api/queries.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUrlParams } from '../../lib/useUrlParams.ts';

function DutyPhoneCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useDutyPhone(true);
  const save = useSetDutyPhone();
  const [form] = Form.useForm<{ phone: string }>();
  const submit = (phone: string | null) =>
    save.mutate(phone, {
      onSuccess: () => {
        form.resetFields();
        void message.success(t('incidents:duty.saved'));
      },
      onError: (e) => void message.error(e.message),
    });
  return (
    <Card size="small" title={t('incidents:duty.title')} style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('incidents:duty.help')}
      </Typography.Paragraph>
      <div style={{ marginBottom: 8 }} data-testid="duty-phone-current">
        {t('incidents:duty.current')}: {q.data?.phone ?? t('incidents:duty.none')}
      </div>
      <Form form={form} layout="inline" onFinish={(v) => submit(v.phone)}>
        <Form.Item name="phone" rules={[{ required: true, message: t('incidents:duty.required') }]}>
          <Input placeholder={t('incidents:duty.placeholder')} style={{ width: 200 }} data-testid="duty-phone-input" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="duty-phone-save">
            {t('incidents:duty.save')}
          </Button>
          {q.data?.phone && <Button onClick={() => submit(null)}>{t('incidents:duty.clear')}</Button>}
        </Space>
      </Form>
    </Card>
  );
}

export default function InboxPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setFilter] = useUrlParams();
  const unread = params.get('unread') === 'true' ? true : undefined;
  const list = useInboxPages(unread);
  const markRead = useMarkRead();
  const base = me?.role === 'agency_admin' ? '/agency' : '/gov';
  const official = me && me.role !== 'agency_admin';
  const count = list.data?.pages[0] && 'unread' in list.data.pages[0] ? (list.data.pages[0] as { unread: number }).unread : 0;

  return (
    <div>
      <PageTitle
        title={
          <Space>
            {t('incidents:inbox.title')}
            <Badge count={count} data-testid="inbox-unread" />
          </Space>
        }
        extra={
          <Segmented
            value={unread ? 'unread' : 'all'}
            onChange={(v) => setFilter('unread', v === 'unread' ? 'true' : undefined)}
            options={[
              { value: 'all', label: t('incidents:inbox.all') },
              { value: 'unread', label: t('incidents:inbox.unread') },
            ]}
          />
        }
      />
      {official && <DutyPhoneCard />}
      <Card size="small">
        <PagedTable<Notice>
          testId="inbox-table"
          source={list}
          rowClassName={(n) => (n.readAt ? '' : 'inbox-unread')}
          columns={[
            { title: t('incidents:inbox.at'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
            {
              title: t('incidents:inbox.what'),
              key: 'what',
              render: (_: unknown, n: Notice) => (
                <span data-testid="inbox-notice" data-kind={n.kind} style={{ fontWeight: n.readAt ? 400 : 600 }}>
                  {t(`incidents:inbox.kind.${n.kind === 'incident_escalated' || n.kind === 'incident_stage' ? n.kind : 'incident_opened'}`, {
                    agency: n.agencyName ?? '',
                    trigger: n.trigger ? t(`incidents:trigger.${n.trigger}`) : '',
                    stage: n.stage ? t(`incidents:stage.${n.stage}`) : '',
                    due: n.dueStage ? t(`incidents:stage.${n.dueStage}`) : '',
                    level: n.level ? t(`incidents:level.${n.level}`) : '',
                    deadline: formatDateTime(n.deadlineAt),
                  })}
                </span>
              ),
            },
            {
              title: '',
              key: 'actions',
              width: 170,
              render: (_: unknown, n: Notice) => (
                <Space>
                  {n.incidentId && <Link to={`${base}/incidents/${n.incidentId}`}>{t('incidents:inbox.open')}</Link>}
                  {!n.readAt && (
                    <Button size="small" onClick={() => markRead.mutate(n.id)} data-testid="inbox-mark-read">
                      {t('incidents:inbox.markRead')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
