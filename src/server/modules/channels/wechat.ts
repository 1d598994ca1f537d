// The WeChat official account (服务号), an outside service this platform cannot reach from here
// (decision 0047): an adapter with two implementations behind configuration, as the outbox's sink.
//
//   web authorisation (网页授权, snsapi_base): the phone is sent to
//     {authorizeBase}/connect/oauth2/authorize?appid&redirect_uri&response_type=code&scope=snsapi_base&state#wechat_redirect
//   and WeChat sends it back to redirect_uri?code&state; the code is exchanged for the person's
//   openid at {apiBase}/sns/oauth2/access_token (one use, five minutes);
//   a message: a template message (模板消息) POSTed to {apiBase}/cgi-bin/message/template/send with
//   the account's access token ({apiBase}/cgi-bin/token, kept until shortly before it expires).
//
// Simulated (no YUNQIAO_WECHAT_APP_ID, dev and tests): the authorisation address is the callback
// itself with a code made from the state, the openid is made from the code (the same code, the same
// openid), and messages go to the outbox file like every other channel's.
import { createHash } from 'node:crypto';
import type { WechatConfig } from '../../config.ts';
import type { MessageSink, OutgoingMessage } from '../../platform/sink.ts';

/** What WeChat answered instead (errcode, errmsg), or why it could not be asked. */
export class WechatError extends Error {
  constructor(
    message: string,
    /** WeChat's errcode; null when WeChat was not reached or answered no JSON. */
    readonly errcode: number | null,
  ) {
    super(message);
  }
}

export type WechatAdapter = {
  name: 'simulated' | 'wechat';
  /** Where the phone goes to authorise: WeChat sends it back to `redirectUri` with ?code=…&state=`state`. */
  authorizeUrl(redirectUri: string, state: string): string;
  /** The openid an authorisation code stands for; throws WechatError when WeChat refuses the code. */
  openidOf(code: string): Promise<string>;
};

/** An authorisation code as WeChat hands them out (and as the simulation makes them). */
export const WECHAT_CODE = /^[A-Za-z0-9_-]{1,128}$/;

/** The simulated account: the callback at once, openids made from the codes. */
export function createSimulatedWechat(): WechatAdapter {
  return {
    name: 'simulated',
    authorizeUrl(redirectUri, state) {
      const code = `dev${createHash('sha256').update(`wechat-code:${state}`).digest('hex').slice(0, 24)}`;
      return `${redirectUri}?code=${code}&state=${encodeURIComponent(state)}`;
    },
    async openidOf(code) {
      if (!WECHAT_CODE.test(code)) throw new WechatError('invalid code', 40029);
      // 28 characters, like a real openid
      return `o${createHash('sha256').update(`wechat-openid:${code}`).digest('base64url').slice(0, 27)}`;
    },
  };
}

type Fetch = typeof fetch;
const TIMEOUT_MS = 10_000;

async function getJson(f: Fetch, url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await f(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new WechatError(`WeChat not reached: ${String(err)}`, null);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new WechatError(`WeChat answered ${res.status} without JSON`, null);
  }
  const o = (body ?? {}) as Record<string, unknown>;
  if (typeof o.errcode === 'number' && o.errcode !== 0) throw new WechatError(`WeChat errcode ${o.errcode}: ${String(o.errmsg ?? '')}`, o.errcode);
  if (!res.ok) throw new WechatError(`WeChat answered ${res.status}`, null);
  return o;
}

/** The access-token errcodes after which a new token is fetched (invalid, expired). */
const TOKEN_STALE = new Set([40001, 40014, 42001]);

/** The real account over HTTPS (config from YUNQIAO_WECHAT_*), with its delivery as a sink for the wechat channel. */
export function createHttpWechat(config: WechatConfig, f: Fetch = fetch): WechatAdapter & { sink: MessageSink } {
  let token: { value: string; until: number } | null = null;
  const accessToken = async (): Promise<string> => {
    if (token && token.until > Date.now()) return token.value;
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: config.appId, secret: config.appSecret });
    const o = await getJson(f, `${config.apiBase}/cgi-bin/token?${q}`);
    if (typeof o.access_token !== 'string') throw new WechatError('WeChat gave no access_token', null);
    // kept until five minutes before WeChat says it expires (7,200 s)
    token = { value: o.access_token, until: Date.now() + Math.max(60, Number(o.expires_in ?? 7200) - 300) * 1000 };
    return token.value;
  };
  return {
    name: 'wechat',
    authorizeUrl(redirectUri, state) {
      const q = new URLSearchParams({ appid: config.appId, redirect_uri: redirectUri, response_type: 'code', scope: 'snsapi_base', state });
      return `${config.authorizeBase}/connect/oauth2/authorize?${q}#wechat_redirect`;
    },
    async openidOf(code) {
      if (!WECHAT_CODE.test(code)) throw new WechatError('invalid code', 40029);
      const q = new URLSearchParams({ appid: config.appId, secret: config.appSecret, code, grant_type: 'authorization_code' });
      const o = await getJson(f, `${config.apiBase}/sns/oauth2/access_token?${q}`);
      if (typeof o.openid !== 'string' || !o.openid) throw new WechatError('WeChat gave no openid', null);
      return o.openid;
    },
    sink: {
      name: 'wechat',
      async deliver(message: OutgoingMessage) {
        const p = message.payload;
        const body = {
          touser: message.recipient,
          template_id: config.templateId ?? '',
          ...(typeof p.url === 'string' ? { url: p.url } : {}),
          data: (p.data as Record<string, unknown> | undefined) ?? { first: { value: String(p.text ?? '') } },
        };
        const send = async () => getJson(f, `${config.apiBase}/cgi-bin/message/template/send?access_token=${encodeURIComponent(await accessToken())}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        try {
          await send();
        } catch (err) {
          if (!(err instanceof WechatError) || err.errcode === null || !TOKEN_STALE.has(err.errcode)) throw err;
          token = null;
          await send();
        }
      },
    },
  };
}

const adapters = new WeakMap<object, WechatAdapter>();

/** The deployment's WeChat adapter: real when YUNQIAO_WECHAT_APP_ID is set, else simulated; one per config. */
export function wechatOf(config: { wechat: WechatConfig | null }): WechatAdapter {
  let a = adapters.get(config);
  if (!a) {
    a = config.wechat ? createHttpWechat(config.wechat) : createSimulatedWechat();
    adapters.set(config, a);
  }
  return a;
}

/**
 * The outbox's sink: `base` (the file sink) for every channel, except wechat messages when a real
 * account is configured, which go to WeChat.
 */
export function withWechat(base: MessageSink, config: { wechat: WechatConfig | null }): MessageSink {
  if (!config.wechat) return base;
  const wechat = wechatOf(config) as WechatAdapter & { sink?: MessageSink };
  const real = wechat.sink;
  if (!real) return base;
  return { name: `${base.name}+wechat`, deliver: (m) => (m.channel === 'wechat' ? real.deliver(m) : base.deliver(m)) };
}
