import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('platform smoke', () => {
  it('answers /healthz once migrated', async () => {
    const res = await t.get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('signs in a demo official and reports scope', async () => {
    const cookie = await t.login('km');
    const me = await t.get('/api/v1/me', cookie);
    expect(me.json()).toMatchObject({ username: 'km', role: 'prefecture', scope: '5301', divisionCode: '530100' });
  });

  it('answers a body that is not JSON with a 400 naming the body, in the user\'s language', async () => {
    const bad = (lang?: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{not json', headers: { 'content-type': 'application/json', 'x-requested-with': 'test', ...(lang ? { 'accept-language': lang } : {}) } });
    const zh = await bad();
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.details).toEqual([{ field: 'body', message: '请求内容：请求内容无法解析（例如 JSON 格式错误或内容类型不对）' }]);
    expect((await bad('en')).json().error.details[0].message).toBe('request body: The request body could not be read (malformed JSON or a wrong content type)');
  });
});

describe('security headers', () => {
  it('every answer carries the Content-Security-Policy; HSTS only with secure cookies', async () => {
    const { buildApp, CONTENT_SECURITY_POLICY } = await import('../src/server/app.ts');
    const t = await createTestApp();
    try {
      const res = await t.get('/api/v1/divisions');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
      expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
      expect(res.headers['strict-transport-security']).toBeUndefined();
      const tls = await buildApp({ ...t.deps, config: { ...t.deps.config, secureCookies: true } }, { serveWeb: false, logger: false });
      const secure = await tls.inject({ url: '/api/v1/divisions' });
      expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      await tls.close();
    } finally {
      await t.close();
    }
  });
});
