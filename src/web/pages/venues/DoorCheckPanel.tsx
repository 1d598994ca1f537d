// 入口查验: the door check. Visitor type, name (phone and booking code optional), mask yes/no and
// the temperature as the person at the door types it — checked here with the server's own parser
// (shared/temperature.ts: 36,5 and ３６．５ and 36.5℃ are 36.5; 365 asks for the decimal point;
// 98.6 asks for °C) and sent as typed, so the server decides alike. A failed check (no mask, 37.3 °C
// and above) is recorded and shown as refused, with the incident a fever opened; a full venue
// writes nothing and says so.
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Result, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseTemperature } from '../../../shared/temperature.ts';
import { api, unwrap } from '../../api/client.ts';
import type { EntryCheck, EntryCheckResult, Venue, VisitorType } from '../../api/types.ts';
import { useRefreshVenues } from '../../api/venues.ts';
import { showFormError } from '../../components/formErrors.ts';
import { useFormRules } from '../../components/formRules.ts';

const TYPES = ['seeker', 'employer', 'staff'] as const satisfies readonly VisitorType[];
const FIELDS = ['visitorType', 'name', 'phone', 'mask', 'temperature', 'bookingCode'] as const;

type Values = { visitorType: VisitorType; name: string; phone?: string; mask: boolean; temperature: string; bookingCode?: string };

export function DoorCheckPanel({ venue }: { venue: Venue }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const rules = useFormRules();
  const refresh = useRefreshVenues();
  const [alert, setAlert] = useState<string | null>(null);
  const [result, setResult] = useState<EntryCheckResult | null>(null);
  const check = useMutation({
    mutationFn: (v: Values) => {
      const body: EntryCheck = { visitorType: v.visitorType, name: v.name.trim(), mask: v.mask, temperature: v.temperature };
      if (v.phone?.trim()) body.phone = v.phone.trim();
      if (v.bookingCode?.trim()) body.bookingCode = v.bookingCode.trim();
      return unwrap(api.POST('/api/v1/prevention/venues/{id}/entry-checks', { params: { path: { id: String(venue.id) } }, body }));
    },
    onSuccess: async (r) => {
      setResult(r);
      await refresh();
    },
    onError: (e) => setAlert(showFormError(form, e, FIELDS)),
  });

  const temperatureRule = {
    validator: async (_rule: unknown, value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') throw new Error(t('common:form.required'));
      const parsed = parseTemperature(value);
      if (!parsed.ok) throw new Error(t(`venues:door.temperatureProblem.${parsed.key}`));
    },
  };

  function next() {
    setResult(null);
    setAlert(null);
    form.resetFields();
  }

  if (result) return <CheckResult result={result} onNext={next} />;

  return (
    <Card size="small" style={{ maxWidth: 560 }}>
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} data-testid="door-alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ visitorType: 'seeker', mask: true }}
        onFinish={(v) => {
          setAlert(null);
          check.mutate(v);
        }}
      >
        <Form.Item name="visitorType" label={t('venues:door.visitorType')} rules={[rules.required]}>
          <Radio.Group data-testid="door-type" optionType="button" options={TYPES.map((k) => ({ value: k, label: t(`venues:door.type.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('venues:door.name')} rules={[rules.required]}>
          <Input maxLength={50} data-testid="door-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('venues:door.phone')} rules={[rules.phone]}>
          <Input inputMode="tel" maxLength={20} data-testid="door-phone" />
        </Form.Item>
        <Form.Item name="mask" label={t('venues:door.mask')} rules={[rules.required]}>
          <Radio.Group
            data-testid="door-mask"
            optionType="button"
            options={[
              { value: true, label: t('venues:door.maskYes') },
              { value: false, label: t('venues:door.maskNo') },
            ]}
          />
        </Form.Item>
        <Form.Item name="temperature" label={t('venues:door.temperature')} rules={[temperatureRule]} validateTrigger="onBlur">
          <Input inputMode="decimal" maxLength={20} placeholder={t('venues:door.temperaturePlaceholder')} data-testid="door-temperature" />
        </Form.Item>
        <Form.Item name="bookingCode" label={t('venues:door.bookingCode')}>
          <Input maxLength={20} data-testid="door-booking" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={check.isPending} data-testid="door-submit">
          {t('venues:door.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function CheckResult({ result, onNext }: { result: EntryCheckResult; onNext: () => void }) {
  const { t } = useTranslation();
  const admitted = result.outcome === 'admitted';
  return (
    <Card size="small" style={{ maxWidth: 560 }} data-testid="door-result" data-outcome={result.outcome}>
      <Result
        status={admitted ? 'success' : 'error'}
        title={admitted ? t('venues:door.admitted') : t('venues:door.refused')}
        subTitle={t('venues:door.occupancyNow', { inside: result.inside, capacity: result.capacity })}
        extra={
          <Button type="primary" onClick={onNext} data-testid="door-next">
            {t('venues:door.next')}
          </Button>
        }
      >
        {result.refusalReasons.length > 0 && (
          <div style={{ marginBottom: 12 }} data-testid="door-reasons">
            {result.refusalReasons.map((r) => (
              <Tag key={r} color="red">
                {t(`venues:door.reason.${r}`)}
              </Tag>
            ))}
          </div>
        )}
        {result.incidentId !== null && <Alert type="warning" showIcon title={t('venues:door.incidentOpened', { id: result.incidentId })} style={{ marginBottom: 12 }} />}
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'name', label: t('venues:door.name'), children: result.name },
            { key: 'type', label: t('venues:door.visitorType'), children: t(`venues:door.type.${result.visitorType}`) },
            { key: 'mask', label: t('venues:door.mask'), children: result.mask ? t('venues:door.maskYes') : t('venues:door.maskNo') },
            { key: 'temperature', label: t('venues:door.temperature'), children: <span data-testid="door-result-temperature">{result.temperature?.toFixed(1) ?? '—'}</span> },
          ]}
        />
      </Result>
    </Card>
  );
}
