// 预约时段: a day's time slots with places taken and free. The administrator opens slots (never
// more places than the venue's area allows: the server refuses and says why); the agency's people
// see each slot's bookings, book a walk-in by phone at the desk (one place per person per slot)
// and cancel a booking (its place is freed once, however often it is pressed).
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Radio, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import type { Booking, DeskBooking, NewSlot, Venue, VenueSlot } from '../../api/types.ts';
import { useRefreshVenues, useSlotBookings, useSlots } from '../../api/venues.ts';
import { showFormError } from '../../components/formErrors.ts';
import { useFormRules } from '../../components/formRules.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { timeRange } from './common.tsx';

export function SlotsPanel({ venue, canOpen, canBook }: { venue: Venue; canOpen: boolean; canBook: boolean }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(venue.today);
  const slots = useSlots(venue.id, date);
  const [opening, setOpening] = useState(false);

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('venues:slots.date')}</span>
        <Input type="date" value={date} onChange={(e) => setDate(e.target.value || venue.today)} style={{ width: 170 }} data-testid="slots-date" />
        {canOpen && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="slot-create">
            {t('venues:slots.create')}
          </Button>
        )}
      </Space>
      <Card size="small">
        <PagedTable<VenueSlot>
          testId="slots-table"
          source={{ rows: slots.data?.items ?? [], loading: slots.isPending, error: slots.error }}
          locale={{ emptyText: t('venues:slots.none') }}
          expandable={canBook ? { expandedRowRender: (s) => <SlotBookings slot={s} />, rowExpandable: () => true } : undefined}
          columns={[
            { title: t('venues:slots.time'), key: 'time', width: 140, render: (_: unknown, s) => timeRange(s.startsAt, s.endsAt) },
            { title: t('venues:slots.capacity'), dataIndex: 'capacity', width: 80, align: 'right' },
            { title: t('venues:slots.booked'), dataIndex: 'booked', width: 80, align: 'right', render: (n: number) => <span data-testid="slot-booked">{n}</span> },
            { title: t('venues:slots.free'), dataIndex: 'free', width: 80, align: 'right' },
            { title: '', dataIndex: 'full', width: 90, render: (full: boolean) => (full ? <Tag color="red">{t('venues:slots.full')}</Tag> : null) },
          ]}
        />
      </Card>
      {opening && <OpenSlot venue={venue} date={date} onClose={() => setOpening(false)} />}
    </div>
  );
}

type SlotValues = { startsAt: string; minutes: number | null; capacity: number | null };
const SLOT_FIELDS = ['startsAt', 'minutes', 'capacity'] as const;

/** `2020-02-10T09:00` typed in Beijing time → `2020-02-10T09:00:00+08:00`. */
const beijingIso = (local: string) => `${local.length === 16 ? `${local}:00` : local}+08:00`;

function OpenSlot({ venue, date, onClose }: { venue: Venue; date: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SlotValues>();
  const rules = useFormRules();
  const refresh = useRefreshVenues();
  const [alert, setAlert] = useState<string | null>(null);
  const open = useMutation({
    mutationFn: (v: SlotValues) => {
      const body: NewSlot = { startsAt: beijingIso(v.startsAt), capacity: v.capacity ?? 0 };
      if (v.minutes) body.minutes = v.minutes;
      return unwrap(api.POST('/api/v1/prevention/venues/{id}/slots', { params: { path: { id: String(venue.id) } }, body }));
    },
    onSuccess: async () => {
      await refresh();
      onClose();
    },
    onError: (e) => setAlert(showFormError(form, e, SLOT_FIELDS)),
  });
  return (
    <Modal open title={t('venues:slots.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={open.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'slot-submit' }}>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form<SlotValues>
        form={form}
        layout="vertical"
        initialValues={{ startsAt: `${date}T09:00`, minutes: venue.slotMinutes, capacity: Math.min(venue.capacity, 10) }}
        onFinish={(v) => {
          setAlert(null);
          open.mutate(v);
        }}
      >
        <Form.Item name="startsAt" label={t('venues:slots.startsAt')} rules={[rules.required]}>
          <Input type="datetime-local" data-testid="slot-starts" />
        </Form.Item>
        <Form.Item name="minutes" label={t('venues:slots.minutes')}>
          <InputNumber min={5} max={480} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="capacity" label={t('venues:slots.capacity')} rules={[rules.required]} extra={t('venues:venue.capacityPreview', { capacity: venue.capacity })}>
          <InputNumber min={1} max={100_000} precision={0} style={{ width: '100%' }} data-testid="slot-capacity" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SlotBookings({ slot }: { slot: VenueSlot }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const bookings = useSlotBookings(slot.id);
  const refresh = useRefreshVenues();
  const [walkIn, setWalkIn] = useState(false);
  const cancel = useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/prevention/bookings/{id}', { params: { path: { id: String(id) } } })),
    onSuccess: () => refresh(),
    onError: (e) => void message.error(e.message),
  });
  const started = Date.parse(slot.startsAt) <= Date.now();

  return (
    <div data-testid="slot-bookings">
      <Space style={{ marginBottom: 8 }}>
        <strong>{t('venues:slots.bookings')}</strong>
        {!started && !slot.full && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setWalkIn(true)} data-testid="booking-walk-in">
            {t('venues:slots.walkIn')}
          </Button>
        )}
      </Space>
      <Table<Booking>
        size="small"
        rowKey="id"
        pagination={false}
        loading={bookings.isPending}
        dataSource={bookings.data?.items ?? []}
        locale={{ emptyText: t('venues:slots.noBookings') }}
        columns={[
          { title: t('venues:door.name'), dataIndex: 'name', width: 100 },
          { title: t('venues:door.phone'), dataIndex: 'phone', width: 130, render: (p: string | null) => p ?? '—' },
          { title: t('venues:door.visitorType'), dataIndex: 'visitorType', width: 110, render: (v: Booking['visitorType']) => t(`venues:door.type.${v}`) },
          { title: t('venues:visits.source'), dataIndex: 'source', width: 100, render: (s: Booking['source']) => t(`venues:slots.bookingSource.${s}`) },
          { title: t('venues:slots.code'), dataIndex: 'code', width: 120 },
          {
            title: t('venues:venue.field.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: Booking['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`venues:slots.bookingStatus.${s}`)}</Tag>,
          },
          { title: t('venues:venue.field.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: t('common:table.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, b) =>
              b.status === 'active' && !started ? (
                <Popconfirm title={t('venues:slots.cancelConfirm')} onConfirm={() => cancel.mutateAsync(b.id)}>
                  <Button size="small" danger data-testid="booking-cancel">
                    {t('venues:slots.cancel')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      {walkIn && <WalkIn slot={slot} onClose={() => setWalkIn(false)} />}
    </div>
  );
}

type WalkInValues = { name: string; phone: string; visitorType: 'seeker' | 'employer' };

function WalkIn({ slot, onClose }: { slot: VenueSlot; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<WalkInValues>();
  const rules = useFormRules();
  const refresh = useRefreshVenues();
  const [alert, setAlert] = useState<string | null>(null);
  const book = useMutation({
    mutationFn: (v: WalkInValues) => {
      const body: DeskBooking = { name: v.name.trim(), phone: v.phone.trim(), visitorType: v.visitorType };
      return unwrap(api.POST('/api/v1/prevention/slots/{id}/bookings', { params: { path: { id: String(slot.id) } }, body }));
    },
    onSuccess: async () => {
      await refresh();
      onClose();
    },
    onError: (e) => setAlert(showFormError(form, e, ['name', 'phone', 'visitorType'])),
  });
  return (
    <Modal open title={t('venues:slots.walkInTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={book.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'booking-submit' }}>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} data-testid="booking-alert" />}
      <Form<WalkInValues>
        form={form}
        layout="vertical"
        initialValues={{ visitorType: 'seeker' }}
        onFinish={(v) => {
          setAlert(null);
          book.mutate(v);
        }}
      >
        <Form.Item name="name" label={t('venues:door.name')} rules={[rules.required]}>
          <Input maxLength={50} data-testid="booking-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('venues:slots.phone')} rules={[rules.required, rules.phone]}>
          <Input inputMode="tel" maxLength={20} data-testid="booking-phone" />
        </Form.Item>
        <Form.Item name="visitorType" label={t('venues:door.visitorType')}>
          <Radio.Group optionType="button" options={(['seeker', 'employer'] as const).map((k) => ({ value: k, label: t(`venues:door.type.${k}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
