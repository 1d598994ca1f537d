// 消杀记录: a day's hygiene slots (done, missed, due, upcoming) as the venue's schedule splits its
// window, and the logs; the agency's people log a cleaning, ventilation or disinfection now (the
// server's clock stamps it and decides which slot it fills). Missed slots are flagged in red.
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import type { HygieneDay, HygieneKind, HygieneSlot, Venue } from '../../api/types.ts';
import { useHygieneDay, useRefreshVenues } from '../../api/venues.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { clock, HygieneStatusTag, timeRange } from './common.tsx';

const KINDS = ['disinfection', 'ventilation', 'cleaning'] as const satisfies readonly HygieneKind[];
const PER_DAY = { cleaning: 'cleaningPerDay', ventilation: 'ventilationPerDay', disinfection: 'disinfectionPerDay' } as const;

export function HygienePanel({ venue, canLog }: { venue: Venue; canLog: boolean }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(venue.today);
  const day = useHygieneDay(venue.id, date);
  const [logging, setLogging] = useState<HygieneKind | null>(null);
  const missed = day.data?.slots.filter((s) => s.status === 'missed').length ?? 0;
  const isToday = date === venue.today;

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('venues:hygiene.date')}</span>
        <Input type="date" value={date} max={venue.today} onChange={(e) => setDate(e.target.value || venue.today)} style={{ width: 170 }} data-testid="hygiene-date" />
        {canLog &&
          isToday &&
          KINDS.filter((k) => venue.hygiene[PER_DAY[k]] > 0).map((k) => (
            <Button key={k} onClick={() => setLogging(k)} data-testid={`hygiene-log-${k}`}>
              {t('venues:hygiene.record', { kind: t(`venues:hygiene.kind.${k}`) })}
            </Button>
          ))}
      </Space>
      <QueryError error={day.error} />
      {missed > 0 && <Alert type="error" showIcon title={t('venues:hygiene.missedAlert', { count: missed })} style={{ marginBottom: 12 }} data-testid="hygiene-missed-alert" />}
      <Card size="small" title={t('venues:hygiene.slots')} style={{ marginBottom: 12 }}>
        <Table<HygieneSlot>
          data-testid="hygiene-slots"
          size="small"
          pagination={false}
          loading={day.isPending}
          dataSource={day.data?.slots ?? []}
          rowKey={(s) => `${s.kind}-${s.slot}`}
          rowClassName={(s) => (s.status === 'missed' ? 'hygiene-missed' : '')}
          columns={[
            { title: t('venues:hygiene.kindLabel'), dataIndex: 'kind', width: 100, render: (k: HygieneKind) => t(`venues:hygiene.kind.${k}`) },
            { title: t('venues:hygiene.slotTime'), key: 'time', width: 140, render: (_: unknown, s) => timeRange(s.from, s.to) },
            { title: t('venues:hygiene.statusLabel'), dataIndex: 'status', width: 110, render: (st: HygieneSlot['status']) => <HygieneStatusTag status={st} /> },
            { title: t('venues:hygiene.doneAt'), dataIndex: 'doneAt', width: 100, render: (v: string | null) => clock(v) },
          ]}
        />
      </Card>
      <Card size="small" title={t('venues:hygiene.logs')}>
        <Table<HygieneDay['logs'][number]>
          data-testid="hygiene-logs"
          size="small"
          pagination={false}
          loading={day.isPending}
          dataSource={day.data?.logs ?? []}
          rowKey="id"
          columns={[
            { title: t('venues:hygiene.kindLabel'), dataIndex: 'kind', width: 100, render: (k: HygieneKind) => t(`venues:hygiene.kind.${k}`) },
            { title: t('venues:hygiene.doneAt'), dataIndex: 'doneAt', width: 160, render: (v: string) => formatDateTime(v) },
            { title: t('venues:hygiene.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
      {logging && <LogHygiene venue={venue} kind={logging} onClose={() => setLogging(null)} />}
    </div>
  );
}

function LogHygiene({ venue, kind, onClose }: { venue: Venue; kind: HygieneKind; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshVenues();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const kindLabel = t(`venues:hygiene.kind.${kind}`);
  const log = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/prevention/venues/{id}/hygiene', { params: { path: { id: String(venue.id) } }, body: { kind, note: note.trim() } })),
    onSuccess: async () => {
      await refresh();
      void message.success(t('venues:hygiene.recorded'));
      onClose();
    },
    onError: (e) => setError(e.message),
  });
  return (
    <Modal open title={t('venues:hygiene.recordTitle', { kind: kindLabel })} onCancel={onClose} onOk={() => log.mutate()} confirmLoading={log.isPending} okButtonProps={{ 'data-testid': 'hygiene-submit' }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label={t('venues:hygiene.note')}>
          <Input maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} data-testid="hygiene-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
