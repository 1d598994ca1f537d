// SMS through a real provider, an outside service this platform cannot reach from here: Alibaba
// Cloud's SMS service (阿里云短信服务, dysmsapi 2017-05-25, `SendSms`) through its official SDK,
// behind configuration (YUNQIAO_SMS_PROVIDER=aliyun and YUNQIAO_SMS_*). Unset — dev and tests — SMS
// go to the outbox file like every other channel's (simulated; the README says so).
//
// A provider sends only templates it has approved (短信模板, each with its code such as
// SMS_123456789, under an approved signature, 短信签名): YUNQIAO_SMS_TEMPLATES maps each of our
// message templates (login_code, alerts_digest, market_interview_scheduled, …) to the provider's.
// The template's variables are the message payload's scalar fields, as strings (a template uses
// the ones it names). A message whose template is not mapped is refused here, so it stays in the
// outbox as failed with that reason instead of going out as something else.
//
// Delivery is at least once: the outbox marks a row delivered after the provider said OK, so a
// crash between the two sends it again. `OutId` carries the outbox's idempotency key, so the
// provider's delivery reports (回执) can be matched to the row.
import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { Config as OpenApiConfig } from '@alicloud/openapi-client';
import type { SmsConfig } from '../../config.ts';
import type { MessageSink, OutgoingMessage } from '../../platform/sink.ts';

/** What the provider answered instead of OK (its `Code`, e.g. isv.MOBILE_NUMBER_ILLEGAL), or why it was not asked. */
export class SmsError extends Error {
  constructor(
    message: string,
    /** The provider's code; null when the provider was not reached or the message was not sent. */
    readonly code: string | null,
  ) {
    super(message);
  }
}

/** The provider's answer to one SendSms as the SDK gives it (the fields we read). */
type SendSmsAnswer = { body?: { code?: string; message?: string; bizId?: string } };
/** The part of the SDK client the sink calls (a test may hand in another). */
export type SmsClient = { sendSms(request: SendSmsRequest): Promise<SendSmsAnswer> };

/** The Alibaba Cloud SMS client for `config` (the SDK signs each request with the AccessKey). */
export function aliyunClient(config: SmsConfig): SmsClient {
  const url = new URL(config.endpoint);
  const Client = (Dysmsapi as unknown as { default?: typeof Dysmsapi }).default ?? Dysmsapi;
  return new Client(
    new OpenApiConfig({
      accessKeyId: config.accessKeyId,
      accessKeySecret: config.accessKeySecret,
      endpoint: url.host,
      protocol: url.protocol === 'http:' ? 'HTTP' : 'HTTPS',
      readTimeout: 10_000,
      connectTimeout: 5_000,
    }),
  );
}

/**
 * A message's template variables: the payload's string, number and boolean fields as strings
 * (Alibaba Cloud's TemplateParam is a JSON object of strings); nested values are left out.
 */
export function templateParams(payload: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  return out;
}

/**
 * The SMS sink: `sms` messages go to the provider (one SendSms each: PhoneNumbers the recipient,
 * SignName, TemplateCode from `config.templates`, TemplateParam, OutId the idempotency key); throws
 * SmsError when the template is not mapped or the provider answers other than OK — the outbox then
 * counts a failed attempt and retries (decision 0047's batch jobs: the other messages go on).
 */
export function createAliyunSms(config: SmsConfig, client: SmsClient = aliyunClient(config)): MessageSink {
  return {
    name: 'aliyun-sms',
    async deliver(message: OutgoingMessage) {
      const templateCode = config.templates[message.template];
      if (!templateCode) throw new SmsError(`no provider template for ${message.template} (YUNQIAO_SMS_TEMPLATES)`, null);
      const request = new SendSmsRequest({
        phoneNumbers: message.recipient,
        signName: config.signName,
        templateCode,
        templateParam: JSON.stringify(templateParams(message.payload)),
        outId: message.idempotencyKey.slice(0, 256),
      });
      let answer: SendSmsAnswer;
      try {
        answer = await client.sendSms(request);
      } catch (err) {
        throw new SmsError(`SMS provider not reached: ${err instanceof Error ? err.message : String(err)}`, null);
      }
      const code = answer.body?.code ?? null;
      if (code !== 'OK') throw new SmsError(`SMS provider refused: ${code ?? 'no code'} ${answer.body?.message ?? ''}`.trim(), code);
    },
  };
}

/**
 * The outbox's sink with SMS through the provider when one is configured (`config.sms`), every
 * other channel to `base`.
 */
export function withSms(base: MessageSink, config: { sms: SmsConfig | null }, client?: SmsClient): MessageSink {
  if (!config.sms) return base;
  const sms = createAliyunSms(config.sms, client);
  return { name: `${base.name}+${sms.name}`, deliver: (m) => (m.channel === 'sms' ? sms.deliver(m) : base.deliver(m)) };
}
