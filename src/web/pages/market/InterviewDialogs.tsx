// The interview dialogs of the employer's desk (decision 0049): 安排面试 from an application (a time
// in Beijing time, the length, an https meeting link, a note), 改期 (the same form over a live
// interview) and 取消面试 (a reason required). The server judges every value: its 400 names the field
// and the message shows under it (showFormError); anything else (409 interview_exists, …) above the form.
import { Alert, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Interview, useCancelInterview, useRescheduleInterview, useScheduleInterview } from '../../api/interviews.ts';
import { showFormError } from '../../components/formErrors.ts';
import { useFormRules } from '../../components/formRules.ts';

type SlotValues = { startsAt: Dayjs | null; durationMinutes: number; meetingUrl: string; note?: string };
const SLOT_FIELDS = ['startsAt', 'durationMinutes', 'meetingUrl', 'note'] as const;

/**
 * The picker shows Beijing wall-clock time whatever the browser's zone: its fields are read as
 * Asia/Shanghai (UTC+8, no daylight saving) — `2026-12-05 10:00` → `2026-12-05T10:00:00+08:00`.
 */
export const beijingIsoOf = (d: Dayjs) => `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
/** The server's `…+08:00` time as the picker's wall-clock value. */
export const pickerValueOf = (beijingIso: string) => dayjs(beijingIso.slice(0, 16));

/** Default slot for a new interview: tomorrow 10:00 Beijing time. */
function tomorrowTen(): Dayjs {
  const beijingToday = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return dayjs(`${beijingToday}T10:00`).add(1, 'day');
}

function SlotForm({ form, initial, onFinish }: { form: ReturnType<typeof Form.useForm<SlotValues>>[0]; initial: SlotValues; onFinish: (v: SlotValues) => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  return (
    <Form<SlotValues> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} data-testid="interview-form">
      <Form.Item name="startsAt" label={t('market:interview.startsAt')} rules={[rules.required]} extra={t('market:interview.beijingTime')}>
        <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} data-testid="interview-starts-at" />
      </Form.Item>
          <Form.Item name="durationMinutes" label={t('market:interview.duration')} rules={[rules.required]}>
            <InputNumber min={10} max={240} step={5} suffix={t('market:interview.minutes')} data-testid="interview-duration" />
          </Form.Item>
          <Form.Item name="meetingUrl" label={t('market:interview.meetingUrl')} rules={[rules.required]} extra={t('market:interview.meetingUrlHint')}>
            <Input placeholder="https://meeting.tencent.com/dm/…" maxLength={500} data-testid="interview-meeting-url" />
          </Form.Item>
          <Form.Item name="note" label={t('market:interview.note')}>
            <Input.TextArea rows={3} maxLength={500} placeholder={t('market:interview.notePlaceholder')} data-testid="interview-note" />
          </Form.Item>
    </Form>
  );
}

/** 安排面试 for one application (shortlisted, or at the interview stage without a live interview). */
export function ScheduleDialog({ applicationId, applicant, onClose, onDone }: { applicationId: number; applicant: string; onClose: () => void; onDone: (iv: Interview) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SlotValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const schedule = useScheduleInterview();
  function submit(v: SlotValues) {
    if (!v.startsAt) return;
    setAlert(null);
    schedule.mutate(
      { applicationId, body: { startsAt: beijingIsoOf(v.startsAt), durationMinutes: v.durationMinutes, meetingUrl: v.meetingUrl.trim(), note: v.note?.trim() ? v.note : null } },
      { onSuccess: onDone, onError: (e) => setAlert(showFormError(form, e, SLOT_FIELDS)) },
    );
  }
  return (
    <Modal open title={t('market:interview.scheduleTitle', { name: applicant })} okText={t('market:interview.scheduleOk')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={schedule.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'interview-submit' }}>
      {alert && <Alert data-testid="interview-form-error" type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <SlotForm form={form} initial={{ startsAt: tomorrowTen(), durationMinutes: 30, meetingUrl: '', note: '' }} onFinish={submit} />
    </Modal>
  );
}

/** 改期: the employer moves a live interview (and may change the length, link and note). */
export function RescheduleDialog({ interview, onClose, onDone }: { interview: Interview; onClose: () => void; onDone: (iv: Interview) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SlotValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const reschedule = useRescheduleInterview();
  function submit(v: SlotValues) {
    if (!v.startsAt) return;
    setAlert(null);
    reschedule.mutate(
      { id: interview.id, body: { startsAt: beijingIsoOf(v.startsAt), durationMinutes: v.durationMinutes, meetingUrl: v.meetingUrl.trim(), note: v.note?.trim() ? v.note : null } },
      { onSuccess: onDone, onError: (e) => setAlert(showFormError(form, e, SLOT_FIELDS)) },
    );
  }
  return (
    <Modal open title={t('market:interview.rescheduleTitle', { title: interview.postingTitle })} okText={t('market:interview.rescheduleOk')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={reschedule.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'interview-submit' }}>
      {alert && <Alert data-testid="interview-form-error" type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <SlotForm form={form} initial={{ startsAt: pickerValueOf(interview.startsAt), durationMinutes: interview.durationMinutes, meetingUrl: interview.meetingUrl, note: interview.note ?? '' }} onFinish={submit} />
    </Modal>
  );
}

/** 取消面试 with a reason (required); the other side is told. */
export function CancelDialog({ interview, onClose, onDone }: { interview: Interview; onClose: () => void; onDone: (iv: Interview) => void }) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<{ reason: string }>();
  const [alert, setAlert] = useState<string | null>(null);
  const cancel = useCancelInterview();
  return (
    <Modal open title={t('market:interview.cancelTitle', { title: interview.postingTitle })} okText={t('market:interview.cancelOk')} okButtonProps={{ danger: true, 'data-testid': 'interview-cancel-submit' }} onCancel={onClose} onOk={() => form.submit()} confirmLoading={cancel.isPending} destroyOnHidden>
      {alert && <Alert data-testid="interview-form-error" type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setAlert(null);
          cancel.mutate({ id: interview.id, reason: v.reason.trim() }, { onSuccess: onDone, onError: (e) => setAlert(showFormError(form, e, ['reason'])) });
        }}
      >
        <Form.Item name="reason" label={t('market:interview.cancelReason')} rules={[rules.required, { whitespace: true, message: t('common:form.required') }]} extra={t('market:interview.cancelHint')}>
          <Input.TextArea rows={2} maxLength={200} data-testid="interview-cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
