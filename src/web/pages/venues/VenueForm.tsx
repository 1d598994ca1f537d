// The venue form (新增场所 / 修改场所): area and m² per person (capacity previewed as the server
// computes it, floor(area / m² per person)), stay limit, slot length, hygiene window and schedule.
// Fields left empty on create take the deployment's defaults; an edit sends only what changed.
import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import type { NewVenue, Venue, VenuePatch } from '../../api/types.ts';
import { useRefreshVenues } from '../../api/venues.ts';
import { showFormError } from '../../components/formErrors.ts';
import { useFormRules } from '../../components/formRules.ts';

type Values = {
  name: string;
  address: string;
  areaM2: number | null;
  m2PerPerson: number | null;
  dwellLimitMinutes: number | null;
  slotMinutes: number | null;
  hygieneFrom: string;
  hygieneTo: string;
  cleaningPerDay: number | null;
  ventilationPerDay: number | null;
  disinfectionPerDay: number | null;
};

const FIELDS = ['name', 'address', 'areaM2', 'm2PerPerson', 'dwellLimitMinutes', 'slotMinutes', 'hygieneFrom', 'hygieneTo', 'cleaningPerDay', 'ventilationPerDay', 'disinfectionPerDay'] as const;
const NUMBERS = ['areaM2', 'm2PerPerson', 'dwellLimitMinutes', 'slotMinutes', 'cleaningPerDay', 'ventilationPerDay', 'disinfectionPerDay'] as const;
const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** The people an area holds, as the server's generated column counts them: floor(area / m² per person). */
export function capacityOf(areaM2: number | null | undefined, m2PerPerson: number | null | undefined): number | null {
  if (!areaM2 || !m2PerPerson || m2PerPerson <= 0) return null;
  return Math.floor(Math.round(areaM2 * 10) / 10 / (Math.round(m2PerPerson * 10) / 10));
}

function valuesOf(v: Venue): Values {
  return {
    name: v.name,
    address: v.address,
    areaM2: v.areaM2,
    m2PerPerson: v.m2PerPerson,
    dwellLimitMinutes: v.dwellLimitMinutes,
    slotMinutes: v.slotMinutes,
    hygieneFrom: v.hygiene.from,
    hygieneTo: v.hygiene.to,
    cleaningPerDay: v.hygiene.cleaningPerDay,
    ventilationPerDay: v.hygiene.ventilationPerDay,
    disinfectionPerDay: v.hygiene.disinfectionPerDay,
  };
}

/** The body of a create: empty optional fields left out (the server's defaults apply). */
function createBody(v: Values): NewVenue {
  const body: Record<string, unknown> = { name: v.name, address: v.address, areaM2: v.areaM2 };
  for (const k of NUMBERS) if (k !== 'areaM2' && v[k] !== null && v[k] !== undefined) body[k] = v[k];
  if (v.hygieneFrom) body.hygieneFrom = v.hygieneFrom.trim();
  if (v.hygieneTo) body.hygieneTo = v.hygieneTo.trim();
  return body as NewVenue;
}

/** The body of an edit: only the fields that differ from the venue as loaded (null when nothing does). */
function patchBody(before: Values, v: Values): VenuePatch | null {
  const body: Record<string, unknown> = {};
  for (const k of FIELDS) {
    const value = typeof v[k] === 'string' ? (v[k] as string).trim() : v[k];
    if (value !== null && value !== '' && value !== before[k]) body[k] = value;
  }
  return Object.keys(body).length ? (body as VenuePatch) : null;
}

export function VenueForm({ venue, onClose, onCreated }: { venue?: Venue; onClose: () => void; onCreated?: (v: Venue) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const rules = useFormRules();
  const refresh = useRefreshVenues();
  const [alert, setAlert] = useState<string | null>(null);
  const area = Form.useWatch('areaM2', form);
  const perPerson = Form.useWatch('m2PerPerson', form);
  // without an m² per person on a new venue the deployment's default applies, which the page does not know
  const capacity = capacityOf(area, perPerson ?? venue?.m2PerPerson);
  const initial = venue ? valuesOf(venue) : undefined;

  const save = useMutation({
    mutationFn: async (v: Values): Promise<Venue | null> => {
      if (!venue) return unwrap(api.POST('/api/v1/prevention/venues', { body: createBody(v) }));
      const body = patchBody(initial as Values, v);
      if (!body) return null;
      return unwrap(api.PATCH('/api/v1/prevention/venues/{id}', { params: { path: { id: String(venue.id) } }, body }));
    },
    onSuccess: async (saved) => {
      await refresh();
      onClose();
      if (saved && !venue) onCreated?.(saved);
    },
    onError: (e) => setAlert(showFormError(form, e, FIELDS)),
  });

  const timeRule = { pattern: TIME, message: t('venues:venue.timeInvalid') };
  const hint = venue ? undefined : t('venues:venue.defaultHint');

  return (
    <Modal
      open
      title={venue ? t('venues:venue.edit') : t('venues:venue.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'venue-submit' }}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => {
          setAlert(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="name" label={t('venues:venue.field.name')} rules={[rules.required]}>
          <Input maxLength={100} data-testid="venue-name" />
        </Form.Item>
        <Form.Item name="address" label={t('venues:venue.field.address')} rules={[rules.required]}>
          <Input maxLength={200} data-testid="venue-address" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="areaM2" label={t('venues:venue.field.areaM2')} rules={[rules.required]} style={{ flex: '1 1 160px' }}>
            <InputNumber min={1} max={1_000_000} step={0.1} style={{ width: '100%' }} data-testid="venue-area" />
          </Form.Item>
          <Form.Item name="m2PerPerson" label={t('venues:venue.field.m2PerPerson')} extra={hint} style={{ flex: '1 1 160px' }}>
            <InputNumber min={1} max={100} step={0.5} style={{ width: '100%' }} data-testid="venue-m2" />
          </Form.Item>
        </div>
        {capacity !== null && (
          <Typography.Paragraph type="secondary" data-testid="venue-capacity-preview" style={{ marginTop: -8 }}>
            {t('venues:venue.capacityPreview', { capacity })}
          </Typography.Paragraph>
        )}
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="dwellLimitMinutes" label={t('venues:venue.field.dwellLimitMinutes')} extra={hint} style={{ flex: '1 1 160px' }}>
            <InputNumber min={5} max={720} precision={0} style={{ width: '100%' }} data-testid="venue-dwell" />
          </Form.Item>
          <Form.Item name="slotMinutes" label={t('venues:venue.field.slotMinutes')} extra={hint} style={{ flex: '1 1 160px' }}>
            <InputNumber min={5} max={480} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="hygieneFrom" label={t('venues:venue.field.hygieneFrom')} rules={[timeRule]} style={{ flex: '1 1 160px' }}>
            <Input maxLength={5} placeholder="06:00" />
          </Form.Item>
          <Form.Item name="hygieneTo" label={t('venues:venue.field.hygieneTo')} rules={[timeRule]} style={{ flex: '1 1 160px' }}>
            <Input maxLength={5} placeholder="18:00" />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          {(['cleaningPerDay', 'ventilationPerDay', 'disinfectionPerDay'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(`venues:venue.field.${k}`)} style={{ flex: '1 1 120px' }}>
              <InputNumber min={0} max={12} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          ))}
        </div>
      </Form>
    </Modal>
  );
}
