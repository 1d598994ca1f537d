// 事件详情: one incident's timeline (each stage with its time and who recorded it, the escalations
// with their deadlines) and the buttons of the stages the caller may record now (the server says
// which: `mayRecord`). Never a health value.
import { App, Button, Card, Descriptions, Input, Popconfirm, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type RecordedStage, useIncident, useRecordStep } from '../../api/incidents.ts';
import { parseId } from '../../api/queries.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { StageTag } from './StageTag.tsx';

export default function IncidentDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = parseId(useParams().id);
  const q = useIncident(id);
  const record = useRecordStep(id ?? 0);
  const [note, setNote] = useState('');

  if (q.isPending) return <PageLoading />;
  if (q.error || !q.data) return <QueryError error={q.error} />;
  const d = q.data;

  const press = (stage: RecordedStage) =>
    record.mutate(
      { stage, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          setNote('');
          void message.success(t('incidents:recorded', { stage: t(`incidents:stage.${stage}`) }));
        },
        onError: (e) => void message.error(e.message),
      },
    );

  const items = [
    ...d.steps.map((s) => ({
      key: `step-${s.stage}`,
      color: s.stage === 'ruled_out' ? 'gray' : 'blue',
      children: (
        <div data-testid="incident-step" data-stage={s.stage}>
          <strong>{t(`incidents:stage.${s.stage}`)}</strong> · {formatDateTime(s.at)} · {s.bySystem ? t('incidents:bySystem') : s.byName}
          {s.note ? <div style={{ color: '#666' }}>{s.note}</div> : null}
        </div>
      ),
    })),
    ...d.escalations.map((e) => ({
      key: `esc-${e.stage}-${e.level}`,
      color: 'red',
      children: (
        <div data-testid="incident-escalation">
          {t('incidents:escalated', { level: t(`incidents:level.${e.level}`), stage: t(`incidents:stage.${e.stage}`), deadline: formatDateTime(e.deadlineAt), at: formatDateTime(e.escalatedAt) })}
        </div>
      ),
    })),
  ];

  return (
    <div>
      <PageTitle title={t('incidents:detailTitle', { id: d.id })} extra={d.late ? <Tag color="red" data-testid="incident-late">{t('incidents:late.yes')}</Tag> : undefined} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('incidents:field.stage')}>
            <StageTag stage={d.stage} />
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents:field.trigger')}>{t(`incidents:trigger.${d.trigger}`)}</Descriptions.Item>
          <Descriptions.Item label={t('incidents:field.subject')}>{d.subject.erased ? t('incidents:subject.erased') : `${d.subject.name ?? ''}${d.subject.phone ? ` · ${d.subject.phone}` : ''}`}</Descriptions.Item>
          <Descriptions.Item label={t('incidents:field.agency')}>{d.agencyName}</Descriptions.Item>
          <Descriptions.Item label={t('incidents:field.division')}>{d.divisionName}</Descriptions.Item>
          <Descriptions.Item label={t('incidents:field.detectedAt')}>{formatDateTime(d.detectedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('incidents:field.nextDeadline')}>
            {d.nextStage && d.nextDeadlineAt ? `${t(`incidents:stage.${d.nextStage}`)} · ${formatDateTime(d.nextDeadlineAt)}` : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('incidents:timeline')} style={{ marginBottom: 12 }}>
        <Timeline items={items} />
      </Card>
      {d.mayRecord.length > 0 && (
        <Card size="small" title={t('incidents:record')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={2} placeholder={t('incidents:notePlaceholder')} data-testid="incident-note" />
            <Space wrap>
              {d.mayRecord.map((stage) => (
                <Popconfirm key={stage} title={t('incidents:confirm', { stage: t(`incidents:stage.${stage}`) })} onConfirm={() => press(stage)} okButtonProps={{ 'data-testid': 'confirm-step' } as Record<`data-${string}`, string>}>
                  <Button type={stage === 'ruled_out' ? 'default' : 'primary'} loading={record.isPending} data-testid={`record-${stage}`}>
                    {t(`incidents:action.${stage}`)}
                  </Button>
                </Popconfirm>
              ))}
            </Space>
          </Space>
        </Card>
      )}
    </div>
  );
}
