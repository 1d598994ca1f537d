// Agencies: registration in the actor's jurisdiction, the credit-code rules, changes, list
// filters and keyset pagination — through the real app on a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { agencyInput, creditCode, unique } from '../../../../test/helpers/factories.ts';

let t: TestApp;
let wh: string;
let km: string;
let prov: string;

beforeAll(async () => {
  t = await createTestApp();
  [wh, km, prov] = await Promise.all([t.login('wh'), t.login('km'), t.login('prov')]);
});
afterAll(() => t.close());

const countByCredit = async (code: string) =>
  (await t.deps.db.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n')).where('credit_code', '=', code).executeTakeFirstOrThrow()).n;

async function create(cookie: string, input: object = agencyInput('530102')) {
  const res = await t.send('POST', '/api/v1/agencies', input, cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; divisionCode: string; creditCode: string; name: string; status: string; address: string };
}

/** A valid credit code with its check character replaced by a wrong one. */
function badCheckChar(code: string): string {
  return code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
}

describe('registering an agency', () => {
  it('wh registers one in its own county: 201, in full, and audited', async () => {
    const input = agencyInput('530102');
    const res = await t.send('POST', '/api/v1/agencies', input, wh);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      name: input.name,
      divisionCode: '530102',
      divisionName: '五华区',
      kind: 'commercial',
      creditCode: input.creditCode,
      responsiblePhone: input.responsiblePhone,
      status: 'active',
      staffCount: 0,
    });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_username', 'actor_role', 'outcome', 'target_type'])
      .where('division_code', '=', '530102')
      .where('action', '=', 'registry.agency.create')
      .where('target_id', '=', String(a.id))
      .execute();
    expect(audit).toEqual([{ actor_username: 'wh', actor_role: 'county', outcome: 'ok', target_type: 'agency' }]);
  });

  it('wh cannot register one in 530302: 400 naming divisionCode, nothing written', async () => {
    const input = agencyInput('530302');
    const res = await t.send('POST', '/api/v1/agencies', input, wh);
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('validation_failed');
    expect(err.details).toEqual([{ field: 'divisionCode', message: '所在县（市、区）：所选行政区划不在您的管辖范围内' }]);
    expect(await countByCredit(input.creditCode)).toBe(0);
  });

  it('the division must be an existing county', async () => {
    for (const [code, message] of [
      ['530100', '所选行政区划不是县（市、区）级'],
      ['539999', '行政区划代码不正确'],
      ['5301', '行政区划代码不正确'],
    ] as const) {
      const res = await t.send('POST', '/api/v1/agencies', { ...agencyInput('530102'), divisionCode: code }, prov);
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'divisionCode' });
      expect(res.json().error.details[0].message).toContain(message);
    }
  });

  it('a wrong GB 32100 check character: 400 naming creditCode, in Chinese by default and English on request', async () => {
    const input = { ...agencyInput('530102'), creditCode: badCheckChar(creditCode('530102')) };
    const zh = await t.send('POST', '/api/v1/agencies', input, wh);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error).toMatchObject({
      code: 'validation_failed',
      message: '提交的数据有误，请检查标出的字段',
      details: [{ field: 'creditCode', message: '统一社会信用代码：校验位（最后一位）与前 17 位不符，请逐位核对' }],
    });
    const en = await t.send('POST', '/api/v1/agencies', input, wh, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.details).toEqual([
      { field: 'creditCode', message: 'unified social credit code: the check character (the last one) does not match the first 17; please check each character' },
    ]);
    expect(await countByCredit(input.creditCode)).toBe(0);
  });

  it('letters outside the GB 32100 alphabet (I, O, S, V, Z) are refused', async () => {
    const good = creditCode('530102');
    const res = await t.send('POST', '/api/v1/agencies', { ...agencyInput('530102'), creditCode: `${good.slice(0, 8)}O${good.slice(9)}` }, wh);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('creditCode');
  });

  it('a lower-case credit code is accepted and stored upper-case', async () => {
    const input = agencyInput('530102');
    const code = `${input.creditCode.slice(0, 8)}ma${input.creditCode.slice(10)}`;
    const a = await create(wh, { ...input, creditCode: code.toLowerCase() });
    expect(a.creditCode).toBe(input.creditCode);
  });

  it('a duplicate credit code: 400 naming creditCode, one row stays', async () => {
    const input = agencyInput('530102');
    await create(wh, input);
    const again = await t.send('POST', '/api/v1/agencies', { ...input, name: `${input.name}二` }, wh);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details).toEqual([{ field: 'creditCode', message: '统一社会信用代码：该统一社会信用代码已登记' }]);
    expect(await countByCredit(input.creditCode)).toBe(1);
  });

  it('a credit code registered in one county is refused in another: one legal entity, one registration', async () => {
    const input = agencyInput('530102');
    await create(wh, input);
    const elsewhere = await t.send('POST', '/api/v1/agencies', { ...input, name: `${input.name}分部`, divisionCode: '530103' }, km);
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.details[0].field).toBe('creditCode');
    expect(await countByCredit(input.creditCode)).toBe(1);
    const claim = await t.deps.db.selectFrom('credit_code_claims').selectAll().where('credit_code', '=', input.creditCode).execute();
    expect(claim).toMatchObject([{ kind: 'agency', owner_division: '530102' }]);
  });

  it('missing fields and a bad phone are named', async () => {
    const { name: _n, ...noName } = agencyInput('530102');
    const res = await t.send('POST', '/api/v1/agencies', { ...noName, responsiblePhone: '12345' }, wh);
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['name', 'responsiblePhone']);
  });
});

describe('changing an agency', () => {
  it('PATCH status by the county: 200, audited, and the list filter sees it', async () => {
    const a = await create(wh);
    const res = await t.send('PATCH', `/api/v1/agencies/${a.id}`, { status: 'suspended' }, wh);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('suspended');
    const row = await t.deps.db.selectFrom('agencies').select(['status']).where('division_code', '=', '530102').where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('suspended');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('actor_username')
      .where('division_code', '=', '530102')
      .where('action', '=', 'registry.agency.update')
      .where('target_id', '=', String(a.id))
      .execute();
    expect(audit).toEqual([{ actor_username: 'wh' }]);
    const list = await t.get(`/api/v1/agencies?status=suspended&q=${encodeURIComponent(a.name)}`, wh);
    expect(list.json().items.map((x: { id: number }) => x.id)).toEqual([a.id]);
  });

  it('an unknown status is 400; divisionCode is not changeable: trying is a 400 naming it, nothing changed', async () => {
    const a = await create(wh);
    const bad = await t.send('PATCH', `/api/v1/agencies/${a.id}`, { status: 'deleted' }, wh);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('status');
    const moved = await t.send('PATCH', `/api/v1/agencies/${a.id}`, { divisionCode: '530103', address: '新地址 2 号' }, km);
    expect(moved.statusCode, moved.body).toBe(400);
    expect(moved.json().error.details).toEqual([{ field: 'divisionCode', message: expect.any(String) }]);
    expect((await t.get(`/api/v1/agencies/${a.id}`, km)).json()).toMatchObject({ divisionCode: '530102', address: a.address });
  });

  it('an id beyond bigint answers 400 (not a database error)', async () => {
    const res = await t.get('/api/v1/agencies/99999999999999999999999', wh);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('id');
  });
});

describe('listing agencies', () => {
  it('filters by q, kind and division, within scope', async () => {
    const token = `筛选${unique()}`;
    const a1 = await create(km, { ...agencyInput('530102'), name: `${token}甲`, kind: 'public' });
    const a2 = await create(km, { ...agencyInput('530103'), name: `${token}乙`, kind: 'commercial' });
    await create(prov, { ...agencyInput('530302'), name: `${token}丙`, kind: 'public' });
    const ids = async (cookie: string, query: string) => {
      const res = await t.get(`/api/v1/agencies?q=${encodeURIComponent(token)}${query}`, cookie);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((x: { id: number }) => x.id);
    };
    expect(await ids(km, '')).toEqual([a1.id, a2.id]);
    expect(await ids(km, '&kind=public')).toEqual([a1.id]);
    expect(await ids(km, '&division=530103')).toEqual([a2.id]);
    expect(await ids(km, '&division=5303')).toEqual([]); // a filter outside scope finds nothing
    expect(await ids(prov, '')).toHaveLength(3);
    expect(await ids(prov, '&division=53&kind=public')).toHaveLength(2);
    expect(await ids(wh, '')).toEqual([a1.id]);
    // LIKE wildcards in q are literal
    expect(await ids(km, '%')).toEqual([]);
  });

  it('a bad filter value is 400 naming it', async () => {
    for (const [q, field] of [['kind=both', 'kind'], ['division=53010', 'division'], ['limit=0', 'limit'], ['limit=201', 'limit']] as const) {
      const res = await t.get(`/api/v1/agencies?${q}`, wh);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.details[0].field).toBe(field);
    }
  });

  it('pages with a cursor: no duplicates, no gaps, next null at the end', async () => {
    const county = '530629'; // a county no other test registers agencies in
    const token = `翻页${unique()}`;
    const created: number[] = [];
    for (let i = 0; i < 7; i++) created.push((await create(prov, { ...agencyInput(county), name: `${token}-${i}` })).id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/agencies?division=${county}&q=${encodeURIComponent(token)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.get(url, prov);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: { id: number }[]; next: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((x) => x.id));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 10);
    expect(cursor).toBeNull();
    expect(pages).toBe(4);
    expect(seen).toEqual(created.sort((a, b) => a - b));
    // exactly a page's worth left: the last full page already says next = null
    const exact = await t.get(`/api/v1/agencies?division=${county}&q=${encodeURIComponent(token)}&limit=7`, prov);
    expect(exact.json().items).toHaveLength(7);
    expect(exact.json().next).toBeNull();
  });

  it('a forged cursor is 400 naming cursor', async () => {
    for (const c of ['not-base64!', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('["530102","x"]').toString('base64url')]) {
      const res = await t.get(`/api/v1/agencies?cursor=${c}`, wh);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].field).toBe('cursor');
    }
  });

  it('lists mask the responsible phone; the detail page shows it in full', async () => {
    const input = agencyInput('530102');
    const a = await create(wh, input);
    const list = await t.get(`/api/v1/agencies?q=${encodeURIComponent(input.name)}`, wh);
    expect(list.json().items[0].responsiblePhone).toBe(`${input.responsiblePhone.slice(0, 3)}****${input.responsiblePhone.slice(-4)}`);
    const detail = await t.get(`/api/v1/agencies/${a.id}`, wh);
    expect(detail.json().responsiblePhone).toBe(input.responsiblePhone);
  });
});
