// The jurisdiction summary on an official's desk: counted per county in SQL, rolled up to the
// divisions below the official's own. Uses 开远市 (532502), which no other suite writes to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { agencyInput, createAccount, creditCode, mobile, unique } from '../../../../test/helpers/factories.ts';

const PASSWORD = 'Summary-test-2020';
const COUNTY = '532502';
let t: TestApp;
let prov: string;
let prefecture: string;
let county: string;

beforeAll(async () => {
  t = await createTestApp();
  prov = await t.login('prov');
  prefecture = await t.login(await createAccount(t.deps, { role: 'prefecture', official_division: '532500', password: PASSWORD }), PASSWORD);
  county = await t.login(await createAccount(t.deps, { role: 'county', official_division: COUNTY, password: PASSWORD }), PASSWORD);
});
afterAll(() => t.close());

type Line = { code: string; name: string; agencies: number; agenciesPublic: number; employers: number; epidemicSuppliesProducers: number };
type Summary = Line & { divisionCode: string; byDivision: Line[] };

async function summary(cookie: string): Promise<Summary> {
  const res = await t.get('/api/v1/registry/summary', cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const lineOf = (s: Summary, code: string) => s.byDivision.find((l) => l.code === code) as Line;

describe('GET /api/v1/registry/summary', () => {
  it('rolls counts up to the divisions below each official, and totals equal the sum of lines', async () => {
    const before = { prov: await summary(prov), prefecture: await summary(prefecture), county: await summary(county) };
    expect(before.prov.byDivision).toHaveLength(16);
    expect(before.prefecture.byDivision.map((l) => l.code)).toContain(COUNTY);
    expect(before.county.byDivision.map((l) => l.code)).toEqual([COUNTY]);

    const a = await t.send('POST', '/api/v1/agencies', { ...agencyInput(COUNTY), kind: 'public' }, prov);
    expect(a.statusCode, a.body).toBe(201);
    const e = await t.send(
      'POST',
      '/api/v1/employers',
      { creditCode: creditCode(COUNTY), name: `开远防护用品厂${unique()}`, industryCode: '2770', divisionCode: COUNTY, address: '开远市 1 号', contactName: '测试', contactPhone: mobile(), epidemicSuppliesProducer: true },
      prov,
    );
    expect(e.statusCode, e.body).toBe(201);

    const after = { prov: await summary(prov), prefecture: await summary(prefecture), county: await summary(county) };
    expect(lineOf(after.prov, '532500').agencies - lineOf(before.prov, '532500').agencies).toBe(1);
    expect(lineOf(after.prefecture, COUNTY).agenciesPublic - lineOf(before.prefecture, COUNTY).agenciesPublic).toBe(1);
    expect(after.county.agencies - before.county.agencies).toBe(1);
    expect(after.county.employers - before.county.employers).toBe(1);
    expect(after.county.epidemicSuppliesProducers - before.county.epidemicSuppliesProducers).toBe(1);
    for (const s of Object.values(after)) {
      expect(s.byDivision.reduce((n, l) => n + l.agencies, 0)).toBe(s.agencies);
      expect(s.byDivision.reduce((n, l) => n + l.employers, 0)).toBe(s.employers);
    }
    // a neighbouring prefecture's desk does not move
    const km = await summary(await t.login('km'));
    expect(km.byDivision.map((l) => l.code)).not.toContain(COUNTY);
  });
});
