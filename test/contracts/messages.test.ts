// Message catalogues: one per module, merged by the composition root. Error codes are unique
// across modules (clients depend on them), every message exists in both languages, every error
// code has its HTTP status, and every field of every request schema (body, query, path) carries a
// label in zh-CN and en, so a validation error names the field in the user's words.
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../src/server/modules/index.ts';
import { catalogueEntries, installCatalogue } from '../../src/server/platform/i18n.ts';
import { fieldsOf } from '../../src/server/platform/labels.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const routes: RouteOptions[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ onRoute: (r) => routes.push(r) });
});
afterAll(() => t.close());

describe('message catalogues', () => {
  it('every module with messages is installed, and keys stay unique across modules', () => {
    const owners = new Set(catalogueEntries().map((e) => e.owner));
    for (const m of MODULES) if (m.messages) expect(owners.has(m.name), m.name).toBe(true);
    expect(owners.has('platform')).toBe(true);
    // a second module claiming an existing code is refused
    expect(() => installCatalogue('intruder', { not_found: { zh: '没有', en: 'none', status: 404 } })).toThrow(/already platform's/);
  });

  it('every message has zh-CN and en text, with the same placeholders', () => {
    for (const e of catalogueEntries()) {
      expect(e.text.zh.trim(), e.key).not.toBe('');
      expect(e.text.en.trim(), e.key).not.toBe('');
      const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(slots(e.text.en), e.key).toEqual(slots(e.text.zh));
      expect(/[\u4e00-\u9fff]/.test(e.text.en), `${e.key}: English text with Chinese in it`).toBe(false);
    }
  });

  it('error codes keep their statuses (the one code → status table)', () => {
    const status = Object.fromEntries(catalogueEntries().filter((e) => e.text.status).map((e) => [e.key, e.text.status]));
    expect(status).toMatchObject({
      validation_failed: 400,
      not_found: 404,
      forbidden: 403,
      unauthenticated: 401,
      session_expired: 401,
      login_failed: 401,
      sms_code_failed: 401,
      account_locked: 423,
      sms_code_too_frequent: 429,
      import_failed: 400,
      payload_too_large: 413,
      unsupported_media_type: 415,
      service_unavailable: 503,
      internal_error: 500,
    });
  });
});

describe('field labels', () => {
  it('every field of every request schema is labelled in zh-CN and en', () => {
    const missing: string[] = [];
    const api = routes.filter((r) => r.url.startsWith('/api/v1/'));
    expect(api.length).toBeGreaterThan(20);
    for (const r of api) {
      const schema = r.schema as Record<string, unknown> | undefined;
      for (const part of ['body', 'querystring', 'params'] as const) {
        for (const f of fieldsOf(schema?.[part])) {
          if (!f.label?.zh || !f.label?.en) missing.push(`${[r.method].flat().join(',')} ${r.url} ${part}.${f.path.join('.')}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('every request body is a strict object: a field the route does not take is refused, never dropped', () => {
    const lenient: string[] = [];
    let checked = 0;
    for (const r of routes.filter((x) => x.url.startsWith('/api/v1/'))) {
      const body = (r.schema as Record<string, unknown> | undefined)?.body as { _zod?: { def: { type: string; catchall?: { _zod: { def: { type: string } } } } } } | undefined;
      if (!body?._zod) continue;
      const def = body._zod.def;
      checked++;
      if (def.type === 'object' && def.catchall?._zod.def.type !== 'never') lenient.push(`${[r.method].flat().join(',')} ${r.url}`);
    }
    expect(checked).toBeGreaterThanOrEqual(9);
    expect(lenient).toEqual([]);
  });

  it('labels reach validation errors of the body, the query and the path, in both languages', async () => {
    const prov = await t.login('prov');
    const body = await t.send('POST', '/api/v1/code-tables/occupations/import', { rows: [{ code: 'x', name: '某职业' }] }, prov);
    expect(body.statusCode).toBe(400);
    expect(body.json().error.details[0]).toMatchObject({ field: 'rows.0.code', message: expect.stringMatching(/^职业代码：/) });
    const query = await t.get('/api/v1/agencies?limit=0', prov, { 'accept-language': 'en' });
    expect(query.json().error.details[0]).toMatchObject({ field: 'limit', message: expect.stringMatching(/^page size: /) });
    const path = await t.get('/api/v1/agencies/abc', prov);
    expect(path.json().error.details[0]).toMatchObject({ field: 'id', message: expect.stringMatching(/^编号：/) });
  });
});
