// Safe defaults: production means no demo data and TLS cookies (unless told otherwise), and a
// server with the published demo logins listens on loopback unless HOST says otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';
import { ConfigError, listenHost, parseConfig } from './config.ts';
import { demoLoginsOpen } from './seed/demo.ts';

describe('parseConfig', () => {
  it('development: demo data on, cookies as configured', () => {
    expect(parseConfig({}).demo).toBe(true);
    expect(parseConfig({ YUNQIAO_DEMO: '0' }).demo).toBe(false);
  });

  it('digest scoring threads: every core up to 4 by default, YUNQIAO_DIGEST_THREADS when set (0: none), a refusal naming it otherwise', () => {
    const n = parseConfig({}).alerts.digestThreads;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(4);
    expect(parseConfig({ YUNQIAO_DIGEST_THREADS: '0' }).alerts.digestThreads).toBe(0);
    expect(parseConfig({ YUNQIAO_DIGEST_THREADS: '6' }).alerts.digestThreads).toBe(6);
    expect(() => parseConfig({ YUNQIAO_DIGEST_THREADS: 'two' })).toThrow(/YUNQIAO_DIGEST_THREADS/);
    expect(() => parseConfig({ YUNQIAO_DIGEST_THREADS: '-1' })).toThrow(/YUNQIAO_DIGEST_THREADS/);
  });

  it('production implies no demo data', () => {
    expect(parseConfig({ NODE_ENV: 'production', YUNQIAO_SECURE_COOKIES: '1' }).demo).toBe(false);
  });

  it('production refuses cookies without Secure unless told there is no TLS at all', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => parseConfig({ NODE_ENV: 'production', YUNQIAO_SECURE_COOKIES: '0' })).toThrow(/YUNQIAO_SECURE_COOKIES=1/);
    expect(parseConfig({ NODE_ENV: 'production', YUNQIAO_NO_TLS: '1' }).secureCookies).toBe(false);
    expect(parseConfig({ NODE_ENV: 'production', YUNQIAO_SECURE_COOKIES: '1' }).secureCookies).toBe(true);
  });
});

describe('listenHost', () => {
  it.each([
    [undefined, true, '127.0.0.1'],
    [undefined, false, '0.0.0.0'],
    ['0.0.0.0', true, '0.0.0.0'],
    ['10.1.2.3', false, '10.1.2.3'],
  ])('HOST=%s, published demo logins open: %s → %s', (host, open, expected) => {
    expect(listenHost(parseConfig(host ? { HOST: host } : {}), open)).toBe(expected);
  });
});

describe('demoLoginsOpen', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is true while the seeded demo accounts keep the published password', async () => {
    expect(await demoLoginsOpen(t.deps)).toBe(true);
  });
});

describe('YUNQIAO_TRUST_PROXY', () => {
  it('takes a hop count or a list of proxy addresses, never "all"', () => {
    expect(parseConfig({}).trustProxy).toBe(false);
    expect(parseConfig({ YUNQIAO_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(parseConfig({ YUNQIAO_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(parseConfig({ YUNQIAO_TRUST_PROXY: '10.0.0.5, 10.0.1.0/24' }).trustProxy).toEqual(['10.0.0.5', '10.0.1.0/24']);
    for (const bad of ['true', 'all', 'yes', '*']) expect(() => parseConfig({ YUNQIAO_TRUST_PROXY: bad }), bad).toThrow(/proxy hops/);
  });
});

describe('a hop count reaches the app', () => {
  it('one trusted hop: the client is the address the proxy appended', async () => {
    const { buildApp } = await import('./app.ts');
    const t = await createTestApp();
    try {
      const app = await buildApp({ ...t.deps, config: { ...t.deps.config, trustProxy: 1 } }, { serveWeb: false, logger: false });
      app.get('/whoami', { config: { access: 'public' } }, async (request) => request.ip);
      const res = await app.inject({ url: '/whoami', headers: { 'x-forwarded-for': '6.6.6.6, 1.2.3.4' } });
      expect(res.body).toBe('1.2.3.4');
      await app.close();
    } finally {
      await t.close();
    }
  });
});
