// The SMS provider adapter (decision 0052) without the provider: Alibaba Cloud's official SDK
// against a stand-in of its SendSms API on loopback — the request it signs and sends (phone,
// signature, template code, variables, OutId), OK taken as delivered, a refusal and an unmapped
// template as SmsError, other channels left to the file sink; and the configuration it needs.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, type SmsConfig } from '../../config.ts';
import type { MessageSink, OutgoingMessage } from './adapters.ts';
import { createAliyunSms, SmsError, templateParams, withSms } from './sms.ts';

const message = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  idempotencyKey: 'login:13800000001:1',
  channel: 'sms',
  recipient: '13800000001',
  template: 'login_code',
  payload: { code: '123456', minutes: 5, nested: { no: 1 } },
  divisionCode: '530102',
  createdAt: '2026-12-02T00:00:00.000Z',
  ...over,
});

describe('Alibaba Cloud SMS (a stand-in on loopback)', () => {
  let server: Server;
  let config: SmsConfig;
  const seen: Array<{ method: string; query: URLSearchParams; authorization: string }> = [];
  let answer: Record<string, unknown> = { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'F655A8D5' };

  const drain = (req: IncomingMessage) => new Promise<void>((resolve) => req.on('data', () => {}).on('end', () => resolve()));

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      await drain(req);
      const url = new URL(req.url ?? '/', 'http://x');
      seen.push({ method: req.method ?? '', query: url.searchParams, authorization: String(req.headers.authorization ?? '') });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    config = { provider: 'aliyun', accessKeyId: 'LTAI5tTESTKEY', accessKeySecret: 'secret-of-the-test', signName: '云桥', templates: { login_code: 'SMS_465300001' }, endpoint: `http://127.0.0.1:${port}` };
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends one signed SendSms: the phone, the signature, the mapped template, the scalar variables as strings, the idempotency key as OutId', async () => {
    seen.length = 0;
    await createAliyunSms(config).deliver(message());
    expect(seen).toHaveLength(1);
    const q = seen[0]?.query as URLSearchParams;
    expect(seen[0]?.method).toBe('POST');
    expect(Object.fromEntries(q)).toMatchObject({ PhoneNumbers: '13800000001', SignName: '云桥', TemplateCode: 'SMS_465300001', OutId: 'login:13800000001:1' });
    expect(JSON.parse(q.get('TemplateParam') ?? '')).toEqual({ code: '123456', minutes: '5' });
    // signed with the AccessKey (the SDK's ACS3-HMAC-SHA256), never sent in the clear
    expect(seen[0]?.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAI5tTESTKEY,.*Signature=[0-9a-f]{64}$/);
    expect(seen[0]?.authorization).not.toContain('secret-of-the-test');
  });

  it('a refusal is an SmsError with the provider code; an unmapped template is refused without calling the provider', async () => {
    answer = { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号', RequestId: 'x' };
    const err = await createAliyunSms(config)
      .deliver(message())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsError);
    expect(err).toMatchObject({ code: 'isv.MOBILE_NUMBER_ILLEGAL', message: expect.stringContaining('非法手机号') });
    answer = { Code: 'OK', Message: 'OK' };
    seen.length = 0;
    await expect(createAliyunSms(config).deliver(message({ template: 'alerts_digest' }))).rejects.toThrow(/no provider template for alerts_digest/);
    expect(seen).toHaveLength(0);
  });

  it('an unreachable provider is an SmsError without a code', async () => {
    const closed = { ...config, endpoint: 'http://127.0.0.1:9' };
    await expect(createAliyunSms(closed).deliver(message())).rejects.toMatchObject({ code: null, message: expect.stringMatching(/not reached/) });
  });

  it('withSms sends SMS to the provider and every other channel to the base sink; without configuration the base sink alone', async () => {
    const base: OutgoingMessage[] = [];
    const file: MessageSink = { name: 'file', deliver: async (m) => void base.push(m) };
    seen.length = 0;
    const sink = withSms(file, { sms: config });
    await sink.deliver(message());
    await sink.deliver(message({ channel: 'inapp', recipient: 'account:5' }));
    expect(seen).toHaveLength(1);
    expect(base.map((m) => m.channel)).toEqual(['inapp']);
    expect(withSms(file, { sms: null })).toBe(file);
  });
});

describe('templateParams', () => {
  it('keeps strings, numbers and booleans as strings and leaves nested values out', () => {
    expect(templateParams({ a: 'x', n: 3, b: false, o: { x: 1 }, l: [1], z: null })).toEqual({ a: 'x', n: '3', b: 'false' });
  });
});

describe('SMS configuration', () => {
  const full = { YUNQIAO_SMS_PROVIDER: 'aliyun', YUNQIAO_SMS_ACCESS_KEY_ID: 'LTAI5t', YUNQIAO_SMS_ACCESS_KEY_SECRET: 's', YUNQIAO_SMS_SIGN_NAME: '云桥', YUNQIAO_SMS_TEMPLATES: '{"login_code":"SMS_1"}' };
  it('is simulated when no provider is named, and complete when one is', () => {
    expect(parseConfig({}).sms).toBeNull();
    expect(parseConfig(full).sms).toEqual({ provider: 'aliyun', accessKeyId: 'LTAI5t', accessKeySecret: 's', signName: '云桥', templates: { login_code: 'SMS_1' }, endpoint: 'https://dysmsapi.aliyuncs.com' });
  });
  it('names what a provider still needs, and refuses templates that are not a JSON object of codes', () => {
    const { YUNQIAO_SMS_SIGN_NAME: _, YUNQIAO_SMS_TEMPLATES: __, ...partial } = full;
    expect(() => parseConfig(partial)).toThrow(ConfigError);
    expect(() => parseConfig(partial)).toThrow(/YUNQIAO_SMS_SIGN_NAME, YUNQIAO_SMS_TEMPLATES/);
    expect(() => parseConfig({ ...full, YUNQIAO_SMS_TEMPLATES: '["SMS_1"]' })).toThrow(/YUNQIAO_SMS_TEMPLATES/);
    expect(() => parseConfig({ ...full, YUNQIAO_SMS_TEMPLATES: '{not json' })).toThrow(/YUNQIAO_SMS_TEMPLATES/);
    expect(() => parseConfig({ ...full, YUNQIAO_SMS_PROVIDER: 'tencent' })).toThrow(/YUNQIAO_SMS_PROVIDER/);
  });
});
