// Message catalogues: one per module, merged by the composition root. Error codes are unique
// across modules (clients depend on them), every message exists in both languages, every error
// code has its HTTP status, and every field of every request schema (body, query, path) carries a
// label in zh-CN and en, so a validation error names the field in the user's words.
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodIssueDetail } from '../../src/server/http/errors.ts';
import { MODULES } from '../../src/server/modules/index.ts';
import { text } from '../../src/server/platform/fields.ts';
import { catalogueEntries, installCatalogue, isMessageKey, t as say } from '../../src/server/platform/i18n.ts';
import { fieldsOf, label } from '../../src/server/platform/labels.ts';
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
      sms_code_daily_limit: 429,
      rate_limited: 429,
      import_failed: 400,
      payload_too_large: 413,
      body_too_large: 413,
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

  it('every write declares its body (noBody when it takes none), unless its body is a file', () => {
    const undeclared = routes
      .filter((r) => r.url.startsWith('/api/v1/') && [r.method].flat().some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m)))
      .filter((r) => !(r.schema as Record<string, unknown> | undefined)?.body && !r.bodyLimit)
      .map((r) => `${[r.method].flat().join(',')} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('a write that takes no fields refuses one sent anyway, naming it; no body and {} are fine', async () => {
    const cookie = await t.login('wh');
    const extra = await t.send('POST', '/api/v1/auth/logout', { x: 1 }, cookie);
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.details.map((d: { field: string }) => d.field)).toEqual(['x']);
    expect((await t.get('/api/v1/me', cookie)).statusCode).toBe(200);
    expect((await t.send('POST', '/api/v1/auth/logout', {}, cookie)).statusCode).toBe(204);
    expect((await t.send('POST', '/api/v1/auth/logout', undefined, await t.login('wh'))).statusCode).toBe(204);
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

// Every request schema of every route, driven with values of the wrong type, missing values and
// over-long ones: each refusal must map to a catalogue message (never zod's own English text) and
// read as plain words in both languages — no regex, no "received"/"expected"/"Invalid", no type
// names in the Chinese text, no placeholder left unfilled.
describe('validation messages a clerk can read', () => {
  const REGEX_FRAGMENT = /\^|\$|\\[dswDSW]|\[0-9|\[a-z|\{\d+(,\d*)?\}|\(\?[:=!]|\.\*|\.\+|\|\|/i;
  const ZOD_WORDS = /\b(received|expected|invalid)\b/i;
  const TYPE_WORDS = /\b(string|number|boolean|object|array|undefined|null|NaN|int|bigint|nonoptional|Infinity|tuple|record|enum|literal)\b/i;
  const LEFTOVER = /\{\w+\}/;

  const WRONG: unknown[] = [undefined, null, 42, 1.5, -1, true, 'x', '', '１２', 'x'.repeat(5_000), {}, [], ['x'], { a: 1 }];

  /** `value` placed at `path` inside an otherwise empty part; a nested path sits in a one-element list. */
  const placed = (path: string[], value: unknown): Record<string, unknown> => {
    const [head, ...rest] = path as [string, ...string[]];
    return { [head]: rest.length ? [placed(rest, value)] : value };
  };

  it('every issue of every request schema maps to our catalogue, in words, both languages', () => {
    const bad: string[] = [];
    let issues = 0;
    const api = routes.filter((r) => r.url.startsWith('/api/v1/'));
    for (const r of api) {
      const schema = r.schema as Record<string, unknown> | undefined;
      for (const part of ['body', 'querystring', 'params'] as const) {
        const s = schema?.[part];
        if (!(s instanceof z.ZodType)) continue;
        const fields = fieldsOf(s).map((f) => f.path);
        const inputs: unknown[] = [undefined, null, [], 'text', 42, {}, { unknownField: 1 }];
        for (const path of fields) for (const v of WRONG) inputs.push(placed(path, v));
        for (const path of fields.filter((p) => p.length === 1)) inputs.push({ [path[0] as string]: Array.from({ length: 5_001 }, () => ({})) });
        for (const input of inputs) {
          const parsed = z.safeParse(s, input, { reportInput: true });
          if (parsed.success) continue;
          for (const issue of parsed.error.issues) {
            issues++;
            for (const locale of ['zh-CN', 'en'] as const) {
              const d = zodIssueDetail(locale, issue);
              const where = `${[r.method].flat().join(',')} ${r.url} ${part} ${JSON.stringify(input)?.slice(0, 60)} → ${issue.code} ${d.field}`;
              if (!isMessageKey(d.key)) {
                bad.push(`${where}: not a catalogue key: ${d.key}`);
                continue;
              }
              const text = say(locale, d.key, d.params);
              const problems = [
                REGEX_FRAGMENT.test(text) && 'regex',
                ZOD_WORDS.test(text) && 'zod word',
                locale === 'zh-CN' && TYPE_WORDS.test(text) && 'type word',
                LEFTOVER.test(text) && 'unfilled placeholder',
                locale === 'zh-CN' && !/[\u4e00-\u9fff]/.test(text) && 'no Chinese',
              ].filter(Boolean);
              if (problems.length) bad.push(`${where} [${locale}] ${problems.join(', ')}: ${text}`);
            }
          }
        }
      }
    }
    expect(issues).toBeGreaterThan(1_000);
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it('a missing value is "必填" / "required", a wrong type names the type wanted in words, a long text its limit', () => {
    const schema = z.strictObject({ name: label(text(5), '姓名', 'name'), n: label(z.number(), '数量', 'count'), kind: label(z.enum(['public', 'commercial']), '类型', 'type') });
    const words = (input: unknown, locale: 'zh-CN' | 'en' = 'zh-CN') => {
      const r = z.safeParse(schema, input, { reportInput: true });
      return r.success ? [] : r.error.issues.map((i) => { const d = zodIssueDetail(locale, i); return `${d.field}: ${say(locale, d.key, d.params)}`; });
    };
    expect(words({})).toEqual(['name: 必填', 'n: 必填', 'kind: 必填']);
    expect(words({ name: 42, n: 'x', kind: 'private' })).toEqual(['name: 应为文字', 'n: 应为数字', 'kind: 应为以下之一：public、commercial']);
    expect(words({ name: '一二三四五六', n: 1, kind: 'public' }, 'en')).toEqual(['name: may have at most 5 characters']);
    expect(words({ name: '\u200B ', n: 1, kind: 'public' })).toEqual(['name: 必填']);
  });
});
