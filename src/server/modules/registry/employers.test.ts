// Employers: registration with a GB/T 4754-2017 class, the epidemic-supplies flag a bureau sets,
// and an employer account that sees only itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { creditCode, mobile, unique } from '../../../../test/helpers/factories.ts';

let t: TestApp;
let wh: string;
let km: string;
let employerKm: string;
let ownId: number;

beforeAll(async () => {
  t = await createTestApp();
  [wh, km, employerKm] = await Promise.all([t.login('wh'), t.login('km'), t.login('employer-km')]);
  ownId = (await t.get('/api/v1/me', employerKm)).json().employerId;
});
afterAll(() => t.close());

const employerInput = (division = '530102') => ({
  creditCode: creditCode(division),
  name: `测试用人单位${unique()}`,
  industryCode: '2770',
  divisionCode: division,
  address: '测试路 1 号',
  contactName: '联系人',
  contactPhone: mobile(),
});

async function create(cookie: string, input: object = employerInput()) {
  const res = await t.send('POST', '/api/v1/employers', input, cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; name: string; epidemicSuppliesProducer: boolean; divisionCode: string };
}

const countByCredit = async (code: string) =>
  Number((await t.deps.db.selectFrom('employers').select((eb) => eb.fn.countAll<number>().as('n')).where('credit_code', '=', code).executeTakeFirstOrThrow()).n);

describe('registering an employer', () => {
  it('wh registers one with a four-digit industry class: 201, names resolved, audited', async () => {
    const input = employerInput();
    const res = await t.send('POST', '/api/v1/employers', input, wh);
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({
      name: input.name,
      divisionCode: '530102',
      divisionName: '五华区',
      industryCode: '2770',
      industryName: '卫生材料及医药用品制造',
      contactPhone: input.contactPhone,
      epidemicSuppliesProducer: false,
      status: 'active',
    });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('actor_username')
      .where('division_code', '=', '530102')
      .where('action', '=', 'registry.employer.create')
      .where('target_id', '=', String(e.id))
      .execute();
    expect(audit).toEqual([{ actor_username: 'wh' }]);
  });

  it('the industry must be an existing GB/T 4754 class (four digits): sections, groups and unknown codes are 400', async () => {
    for (const industryCode of ['C', '27', '277', '9999', '27700', '']) {
      const input = { ...employerInput(), industryCode };
      const res = await t.send('POST', '/api/v1/employers', input, wh);
      expect(res.statusCode, industryCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'industryCode' });
      expect(await countByCredit(input.creditCode)).toBe(0);
    }
    const res = await t.send('POST', '/api/v1/employers', { ...employerInput(), industryCode: '9999' }, wh, { 'accept-language': 'en' });
    expect(res.json().error.details[0].message).toMatch(/^industry: /);
  });

  it('out of scope (400 naming divisionCode) and a duplicate credit code (400 naming creditCode) write nothing', async () => {
    const outside = employerInput('530302');
    const res = await t.send('POST', '/api/v1/employers', outside, wh);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'divisionCode', message: '所在县（市、区）：所选行政区划不在您的管辖范围内' });
    expect(await countByCredit(outside.creditCode)).toBe(0);

    const input = employerInput();
    await create(wh, input);
    const dup = await t.send('POST', '/api/v1/employers', { ...input, name: `${input.name}二` }, km);
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details[0].field).toBe('creditCode');
    expect(await countByCredit(input.creditCode)).toBe(1);
  });

  it('an employer account cannot register employers', async () => {
    const input = employerInput();
    expect((await t.send('POST', '/api/v1/employers', input, employerKm)).statusCode).toBe(403);
    expect(await countByCredit(input.creditCode)).toBe(0);
  });
});

describe('the epidemic-supplies flag (防疫物资生产企业)', () => {
  it('a bureau sets it on registration or later; the list filter finds it; audited', async () => {
    const flagged = await create(km, { ...employerInput('530103'), epidemicSuppliesProducer: true });
    expect(flagged.epidemicSuppliesProducer).toBe(true);

    const plain = await create(wh);
    const res = await t.send('PATCH', `/api/v1/employers/${plain.id}`, { epidemicSuppliesProducer: true }, wh);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().epidemicSuppliesProducer).toBe(true);
    const row = await t.deps.db.selectFrom('employers').select('epidemic_supplies_producer').where('division_code', '=', '530102').where('id', '=', plain.id).executeTakeFirstOrThrow();
    expect(row.epidemic_supplies_producer).toBe(true);

    const list = await t.get('/api/v1/employers?epidemicSuppliesProducer=true&limit=200', km);
    const ids = list.json().items.map((x: { id: number }) => x.id);
    expect(ids).toEqual(expect.arrayContaining([flagged.id, plain.id]));
    for (const x of list.json().items) expect(x.epidemicSuppliesProducer).toBe(true);
    const notFlagged = await t.get(`/api/v1/employers?epidemicSuppliesProducer=false&q=${encodeURIComponent(plain.name)}`, km);
    expect(notFlagged.json().items).toEqual([]);

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('detail')
      .where('division_code', '=', '530102')
      .where('action', '=', 'registry.employer.update')
      .where('target_id', '=', String(plain.id))
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ fields: ['epidemicSuppliesProducer'] });
  });

  it('the employer cannot set its own flag (403), and nothing changes', async () => {
    const res = await t.send('PATCH', `/api/v1/employers/${ownId}`, { epidemicSuppliesProducer: false }, employerKm);
    expect(res.statusCode).toBe(403);
    const row = await t.deps.db.selectFrom('employers').select('epidemic_supplies_producer').where('id', '=', ownId).executeTakeFirstOrThrow();
    expect(row.epidemic_supplies_producer).toBe(true); // the demo producer
  });
});

describe('what an employer account sees', () => {
  it('employer-km sees only itself in /employers, and its own detail in full', async () => {
    await create(wh); // another employer in the same county
    const list = await t.get('/api/v1/employers?limit=200', employerKm);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ next: null });
    expect(list.json().items.map((x: { id: number }) => x.id)).toEqual([ownId]);
    const own = await t.get(`/api/v1/employers/${ownId}`, employerKm);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ name: '昆明康泰医用防护用品有限公司', contactPhone: '13888100001' });
  });

  it('another employer in the same county is 404 to it, exactly as a missing one', async () => {
    const neighbour = await create(wh);
    const res = await t.get(`/api/v1/employers/${neighbour.id}`, employerKm);
    const missing = await t.get('/api/v1/employers/987654321', employerKm);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(missing.json());
  });

  it('lists mask contact phones; an agency lists only employers that authorised it (decision 0038), its staff none', async () => {
    const input = employerInput();
    await create(wh, input);
    const list = await t.get(`/api/v1/employers?q=${encodeURIComponent(input.name)}`, wh);
    expect(list.json().items[0].contactPhone).toBe(`${input.contactPhone.slice(0, 3)}****${input.contactPhone.slice(-4)}`);
    const agency = await t.get(`/api/v1/employers?q=${encodeURIComponent(input.name)}`, await t.login('agency-wh'));
    expect(agency.statusCode, agency.body).toBe(200);
    expect(agency.json().items).toEqual([]); // the new employer authorised no one
    expect((await t.get('/api/v1/employers', await t.login('staff-wh'))).statusCode).toBe(403);
  });
});
