// Crafted input never gets a 5xx: NUL characters (PostgreSQL text cannot hold them), cursors with
// numbers or dates that are none, a body of the wrong shape. Each is a 400 naming the field. (The
// hardening issue's fuzzer will generate these by the thousand; these are its first seeds.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import contentDisposition from 'content-disposition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/server/http/pagination.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

// copies of ../shared/cases/uploads-and-text files, so a clone anywhere runs them
const CASES = join(import.meta.dirname, '../fixtures/cases');

let t: TestApp;
let prov: string;
let agencyWh: string;
let whAgency: number;
beforeAll(async () => {
  t = await createTestApp();
  prov = await t.login('prov');
  agencyWh = await t.login('agency-wh');
  whAgency = (await t.get('/api/v1/me', agencyWh)).json().agencyId;
});
afterAll(() => t.close());

const field = (res: { statusCode: number; json: () => { error: { details?: { field?: string }[] } } }) => {
  expect(res.statusCode).toBe(400);
  return res.json().error.details?.[0]?.field;
};

describe('NUL characters', () => {
  it('in a JSON body, also before sign-in', async () => {
    expect(field(await t.send('POST', '/api/v1/auth/login', { username: 'prov\u0000', password: 'x' }))).toBe('username');
    expect(field(await t.send('PATCH', '/api/v1/agencies/1', { address: 'a\u0000b' }, prov))).toBe('address');
    expect(field(await t.send('POST', '/api/v1/code-tables/occupations/import', { rows: [{ code: '8', name: '名\u0000' }] }, prov))).toBe('rows.0.name');
  });

  it('in a query string', async () => {
    for (const url of ['/api/v1/agencies?q=%00', '/api/v1/employers?q=a%00', '/api/v1/audit?action=%00']) {
      expect(field(await t.get(url, prov)), url).toBe(url.includes('action') ? 'action' : 'q');
    }
  });

  it('and the message says what is wrong, in the user\'s language', async () => {
    const res = await t.get('/api/v1/agencies?q=%00', prov, { 'accept-language': 'en' });
    expect(res.json().error.details[0].message).toBe('search text: must not contain a NUL character');
  });
});

describe('cursors', () => {
  it('a fractional, huge or negative id, a bad division or a date that is none is a 400 naming the cursor', async () => {
    const bad = [
      ['/api/v1/agencies', ['530102', 1.5]],
      ['/api/v1/agencies', ['530102', 1e300]],
      ['/api/v1/employers', ['530102', -1]],
      ['/api/v1/employers', ['53010', 1]],
      [`/api/v1/agencies/${whAgency}/staff`, [1.5]],
      ['/api/v1/audit', ['yesterday', '530102', 1]],
      ['/api/v1/audit', ['2024-13-45T00:00:00Z', '530102', 1]],
    ] as const;
    for (const [path, parts] of bad) {
      const cookie = path.includes('/staff') ? agencyWh : prov;
      const res = await t.get(`${path}?cursor=${encodeCursor([...parts])}`, cookie);
      expect(field(res), `${path} ${JSON.stringify(parts)}`).toBe('cursor');
      // and says what to do, not only that something is wrong
      expect(res.json().error.details[0].message).toBe('分页游标：分页游标无效（可能已过期或被改动），请从第一页重新查询');
    }
  });

  it('a page size typed with full-width digits counts as the number it shows', async () => {
    const res = await t.get('/api/v1/agencies?limit=%EF%BC%92', prov); // ２
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toHaveLength(2);
  });
});

describe('bodies of the wrong shape', () => {
  it('an array or null where an object belongs names the body', async () => {
    for (const body of [[], null, 'text', 42]) {
      const res = await t.send('PATCH', '/api/v1/agencies/1', body, prov);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details[0].field).toBe('body');
      expect(res.json().error.details[0].message).toMatch(/^请求内容：/);
    }
  });
});

describe('bodies are strict', () => {
  it('a field the route does not take is a 400 naming it, and changes nothing (no silent 200)', async () => {
    const agency = await t.deps.db.selectFrom('agencies').select(['id', 'division_code', 'address', 'updated_at']).where('division_code', '=', '530102').orderBy('id').executeTakeFirstOrThrow();
    const res = await t.send('PATCH', `/api/v1/agencies/${agency.id}`, { address: '新地址 1 号', divisionCode: '530302' }, prov);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ field: 'divisionCode', message: 'divisionCode：不是此处可提交的字段' }]);
    const after = await t.deps.db.selectFrom('agencies').select(['division_code', 'address', 'updated_at']).where('division_code', '=', agency.division_code).where('id', '=', agency.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ division_code: agency.division_code, address: agency.address, updated_at: agency.updated_at });
    const login = await t.send('POST', '/api/v1/auth/login', { username: 'prov', password: 'x', remember: true }, undefined, { 'accept-language': 'en' });
    expect(login.json().error.details).toEqual([{ field: 'remember', message: 'remember: is not a field this request takes' }]);
  });

  it('an empty PATCH is a 400 naming the body, audited as refused, with no update entry', async () => {
    const agency = await t.deps.db.selectFrom('agencies').select(['id', 'updated_at']).where('division_code', '=', '530102').orderBy('id').executeTakeFirstOrThrow();
    const res = await t.send('PATCH', `/api/v1/agencies/${agency.id}`, {}, prov);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ field: 'body', message: '请求内容：没有要修改的内容' }]);
    const after = await t.deps.db.selectFrom('agencies').select('updated_at').where('division_code', '=', '530102').where('id', '=', agency.id).executeTakeFirstOrThrow();
    expect(after.updated_at).toEqual(agency.updated_at);
  });
});

describe('path ids', () => {
  it('only plain positive decimal digits name a row: 0x10, 1e3, " 1", 01, +1, -1, 1.5 and 2^53 are a 400 naming the id', async () => {
    for (const raw of ['0x10', '1e3', '%201', '01', '%2B1', '-1', '1.5', '0', '9007199254740992', 'abc']) {
      const res = await t.get(`/api/v1/agencies/${raw}`, prov);
      expect(res.statusCode, raw).toBe(400);
      expect(res.json().error.details[0].field, raw).toBe('id');
    }
    const staff = await t.get(`/api/v1/agencies/${whAgency}/staff/0x1`, agencyWh);
    expect(staff.statusCode).toBe(404); // no GET route there: the path names no route
    const patch = await t.send('PATCH', `/api/v1/agencies/${whAgency}/staff/1e2`, { position: 'x' }, agencyWh);
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.details[0]).toEqual({ field: 'staffId', message: '员工编号：应为正整数编号' });
    expect((await t.get(`/api/v1/agencies/${whAgency}`, prov)).statusCode).toBe(200);
  });
});

describe('downloads', () => {
  it('an agency name with quotes survives into the roster export\'s file name (shared/cases uploads-and-text/20)', async () => {
    const input = JSON.parse(readFileSync(join(CASES, '20-agency-name-with-quote.json'), 'utf8')) as { name: string; creditCode: string };
    const created = await t.send('POST', '/api/v1/agencies', input, prov);
    expect(created.statusCode, created.body).toBe(201);
    const res = await t.get(`/api/v1/agencies/${created.json().id}/staff/export.xlsx`, prov);
    expect(res.statusCode).toBe(200);
    expect(contentDisposition.parse(String(res.headers['content-disposition'])).parameters.filename).toBe(`${input.name}-花名册.xlsx`);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('signed-in API answers are never cached; public reference data may be', async () => {
    expect((await t.get('/api/v1/agencies', prov)).headers['cache-control']).toBe('no-store');
    expect((await t.get('/api/v1/me', prov)).headers['cache-control']).toBe('no-store');
    expect((await t.get('/api/v1/divisions')).headers['cache-control']).toBeUndefined();
  });
});

describe('body limits', () => {
  it('a deeply nested body is refused before it is parsed', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'x-requested-with': 'test' }, payload: deep });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'body', message: expect.stringContaining('32') });
  });

  it('a JSON body over 2 MB is a 413; prototype keys are refused', async () => {
    const big = JSON.stringify({ username: 'x'.repeat(3 * 1024 * 1024), password: 'x' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'x-requested-with': 'test' }, payload: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain('2 MB');
    const proto = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'x-requested-with': 'test' }, payload: '{"username":"a","password":"b","__proto__":{"x":1}}' });
    expect(proto.statusCode).toBe(400);
  });
});
