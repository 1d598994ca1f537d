// 事件详情: one incident's timeline (each stage with its time and who recorded it, the escalations
// with their deadlines), the trigger's context (the venue of a door refusal; a risk-area stay's
// area, its level and the shared days) and the buttons of the stages the caller may record now (the
// server says which: `mayRecord`). Never a health value.
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

/** What triggered it, beyond its category, from the detail's allow-listed keys; null when it says nothing more. */
function contextOf(detail: Record<string, string | number>, t: (key: string, params?: Record<string, string | number>) => string): string | null {
  if (detail.areaName !== undefined) {
    const area = detail.sub !== undefined ? `${detail.areaName} ${detail.sub}` : String(detail.areaName);
    const level = detail.level !== undefined ? t(`screening:level.${detail.level}`) : '';
    return detail.overlapFrom !== undefined ? t('incidents:context.riskArea', { area, level, from: detail.overlapFrom, to: detail.overlapTo ?? detail.overlapFrom }) : area;
  }
  if (detail.venueName !== undefined) return String(detail.venueName);
  return null;
}

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
  const context = contextOf(d.detail, t);

  const press = (stage: RecordedStage) =>
    record.mutate(
      { stage, ...(note.trim() && !d.subject.erased ? { note: note.trim() } : {}) },
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
          {context ? (
            <Descriptions.Item label={t('incidents:field.context')}>
              <span data-testid="incident-context">{context}</span>
            </Descriptions.Item>
          ) : null}
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
            {d.subject.erased ? (
              // the server keeps no note once the subject is erased: it could name them again (decision 0030)
              <div style={{ color: '#666' }} data-testid="incident-note-erased">
                {t('incidents:noteErased')}
              </div>
            ) : (
              <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={2} placeholder={t('incidents:notePlaceholder')} data-testid="incident-note" />
            )}
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
