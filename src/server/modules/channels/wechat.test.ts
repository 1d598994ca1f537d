// The WeChat adapter (decision 0047) without WeChat: the simulated account (dev, tests), and the
// HTTPS one against a stand-in of WeChat's API on loopback — the web authorisation's address, the
// code exchanged for an openid, a template message sent with an access token fetched once and
// fetched again when WeChat says it expired, WeChat's refusals as WechatError with their errcode.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpWechat, createSimulatedWechat, WechatError, withWechat } from './wechat.ts';
import type { MessageSink, OutgoingMessage } from './adapters.ts';

describe('simulated WeChat', () => {
  it('sends the phone straight back with a code; the same code gives the same openid', async () => {
    const w = createSimulatedWechat();
    const url = new URL(w.authorizeUrl('https://yq.example.gov.cn/api/v1/alerts/wechat/callback', '12T999S0123456789abcdef01234567'), 'https://x');
    expect(url.pathname).toBe('/api/v1/alerts/wechat/callback');
    const code = url.searchParams.get('code') as string;
    expect(url.searchParams.get('state')).toBe('12T999S0123456789abcdef01234567');
    const openid = await w.openidOf(code);
    expect(openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(await w.openidOf(code)).toBe(openid);
    expect(await w.openidOf(`${code}x`)).not.toBe(openid);
    await expect(w.openidOf('bad code!')).rejects.toBeInstanceOf(WechatError);
  });
});

describe('WeChat over HTTPS (a stand-in on loopback)', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ path: string; query: URLSearchParams; body: unknown }> = [];
  let tokens = 0;
  let expireNext = false;

  const read = (req: IncomingMessage) => new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => resolve(s));
  });

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      const raw = await read(req);
      seen.push({ path: u.pathname, query: u.searchParams, body: raw ? JSON.parse(raw) : null });
      res.setHeader('content-type', 'application/json');
      if (u.pathname === '/cgi-bin/token') return res.end(JSON.stringify({ access_token: `TOKEN${++tokens}`, expires_in: 7200 }));
      if (u.pathname === '/sns/oauth2/access_token') {
        if (u.searchParams.get('code') === 'used') return res.end(JSON.stringify({ errcode: 40163, errmsg: 'code been used' }));
        return res.end(JSON.stringify({ access_token: 'web', expires_in: 7200, openid: `openid-of-${u.searchParams.get('code')}`, scope: 'snsapi_base' }));
      }
      if (u.pathname === '/cgi-bin/message/template/send') {
        if (expireNext) {
          expireNext = false;
          return res.end(JSON.stringify({ errcode: 42001, errmsg: 'access_token expired' }));
        }
        return res.end(JSON.stringify({ errcode: 0, errmsg: 'ok', msgid: 1 }));
      }
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const config = () => ({ appId: 'wx0123456789abcdef', appSecret: 'secret-of-the-account', templateId: 'TPL1', apiBase: base, authorizeBase: 'https://open.weixin.qq.com' });
  const message: OutgoingMessage = { idempotencyKey: 'k1', channel: 'wechat', recipient: 'oOPENID', template: 'alerts_digest', payload: { url: 'https://yq.example.gov.cn/m/alerts', data: { first: { value: '为您推荐 3 个新职位' } } }, divisionCode: '530102', createdAt: '2031-05-13T00:00:00.000Z' };

  it('the authorisation address asks for snsapi_base with the callback and state', () => {
    const url = new URL(createHttpWechat(config()).authorizeUrl('https://yq.example.gov.cn/api/v1/alerts/wechat/callback', 'S1'));
    expect(`${url.origin}${url.pathname}`).toBe('https://open.weixin.qq.com/connect/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({ appid: 'wx0123456789abcdef', redirect_uri: 'https://yq.example.gov.cn/api/v1/alerts/wechat/callback', response_type: 'code', scope: 'snsapi_base', state: 'S1' });
    expect(url.hash).toBe('#wechat_redirect');
  });

  it('exchanges a code for the openid; a used code is refused with its errcode', async () => {
    const w = createHttpWechat(config());
    expect(await w.openidOf('abc123')).toBe('openid-of-abc123');
    const call = seen.find((x) => x.path === '/sns/oauth2/access_token');
    expect(Object.fromEntries(call?.query ?? [])).toEqual({ appid: 'wx0123456789abcdef', secret: 'secret-of-the-account', code: 'abc123', grant_type: 'authorization_code' });
    await expect(w.openidOf('used')).rejects.toMatchObject({ errcode: 40163 });
  });

  it('sends a template message, the token fetched once and again after WeChat says it expired', async () => {
    const w = createHttpWechat(config());
    tokens = 0;
    seen.length = 0;
    await w.sink.deliver(message);
    await w.sink.deliver(message);
    expect(tokens).toBe(1);
    const sent = seen.filter((x) => x.path === '/cgi-bin/message/template/send');
    expect(sent).toHaveLength(2);
    expect(sent[0]?.query.get('access_token')).toBe('TOKEN1');
    expect(sent[0]?.body).toEqual({ touser: 'oOPENID', template_id: 'TPL1', url: 'https://yq.example.gov.cn/m/alerts', data: { first: { value: '为您推荐 3 个新职位' } } });
    expectNext();
    await w.sink.deliver(message);
    expect(tokens).toBe(2);
    expect(seen.filter((x) => x.path === '/cgi-bin/message/template/send').at(-1)?.query.get('access_token')).toBe('TOKEN2');
  });

  it('WeChat not reached is a WechatError without errcode (the outbox retries)', async () => {
    const w = createHttpWechat({ ...config(), apiBase: 'http://127.0.0.1:9' });
    await expect(w.openidOf('abc')).rejects.toMatchObject({ errcode: null });
  });

  it('the outbox sink sends wechat messages to WeChat when an account is configured, the rest to the file', async () => {
    const other: OutgoingMessage[] = [];
    const file: MessageSink = { name: 'file', deliver: async (m) => void other.push(m) };
    expect(withWechat(file, { wechat: null })).toBe(file);
    const routed = withWechat(file, { wechat: config() });
    seen.length = 0;
    await routed.deliver({ ...message, channel: 'sms', recipient: '13800000001' });
    await routed.deliver(message);
    expect(other.map((m) => m.channel)).toEqual(['sms']);
    expect(seen.some((x) => x.path === '/cgi-bin/message/template/send')).toBe(true);
  });

  function expectNext() {
    expireNext = true;
  }
});
