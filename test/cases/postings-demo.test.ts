// The demo's postings (issue 9: "the demo database gets invented postings across Yunnan's
// counties"; the real ads are never shipped). The test database is cloned from a template seeded by
// seedDemo, so what is checked here is what `npm start` shows on first run.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenPostingText } from '../../src/server/modules/market/screener/screen.ts';
import { countyPostingsCsv, DEMO_SOURCE, seedMarketDemo } from '../../src/server/seed/market-demo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('demo postings', () => {
  it('every active Yunnan county has an open invented posting placed in that county', async () => {
    const counties = await t.deps.db.selectFrom('divisions').select('code').where('code', 'like', '53%').where('level', '=', 'county').where('active', '=', true).execute();
    expect(counties.length).toBeGreaterThan(120);
    const placed = await t.deps.db
      .selectFrom('postings')
      .select(['division_code', sql<number>`count(*)::int`.as('n')])
      .where('source_platform', '=', DEMO_SOURCE)
      .where('status', '=', 'published')
      .groupBy('division_code')
      .execute();
    const byCounty = new Map(placed.map((r) => [r.division_code, r.n]));
    expect(counties.filter((c) => !byCounty.has(c.code)).map((c) => c.code)).toEqual([]);
    // nothing landed outside the county it was written for (an unresolved place would be 000000 or a prefecture)
    expect([...byCounty.keys()].filter((code) => !counties.some((c) => c.code === code))).toEqual([]);
  });

  it('the demo employers publish in their own county through the market service; one posting stays a draft', async () => {
    // the seed's own: other test files of this worker add employers' postings to the same database
    // later, all with higher ids than the seed's last (its county imports come after its employers')
    const seedEnd = (await t.deps.db.selectFrom('postings').select((eb) => eb.fn.max('id').as('max')).where('source_platform', '=', DEMO_SOURCE).executeTakeFirstOrThrow()).max as number;
    const rows = await t.deps.db
      .selectFrom('postings as p')
      .where('p.id', '<', seedEnd)
      .innerJoin('employers as e', (j) => j.onRef('e.division_code', '=', 'p.division_code').onRef('e.id', '=', 'p.employer_id'))
      .select(['p.status', 'p.title', 'e.name', 'p.epidemic_supplies', 'e.epidemic_supplies_producer', 'p.salary_unit'])
      .execute();
    expect(rows.filter((r) => r.status === 'published').length).toBeGreaterThanOrEqual(8);
    expect(rows.filter((r) => r.status === 'draft').map((r) => r.title)).toEqual(['质检员']);
    for (const r of rows) {
      expect(r.salary_unit).toBe('MONTH');
      expect(r.epidemic_supplies).toBe(r.epidemic_supplies_producer);
    }
    // each publication wrote its feed creation
    const created = await sql<{ n: number }>`select count(*)::int as n from posting_changes c join postings p on p.division_code = c.division_code and p.id = c.posting_id where p.employer_id is not null and p.id < ${seedEnd} and c.kind = 'created'`.execute(t.deps.db);
    expect(created.rows[0]?.n).toBe(rows.filter((r) => r.status === 'published').length);
  });

  it('every published demo posting passes the screener; the one with an age limit waits in 五华区\'s queue', async () => {
    // the seed's own rows (other files of this worker add postings, some with such words on purpose)
    const seedEnd = (await t.deps.db.selectFrom('postings').select((eb) => eb.fn.max('id').as('max')).where('source_platform', '=', DEMO_SOURCE).executeTakeFirstOrThrow()).max as number;
    const rows = await t.deps.db.selectFrom('postings').select(['id', 'title', 'description', 'status']).where('id', '<=', seedEnd).execute();
    expect(rows.length).toBeGreaterThan(100);
    const published = rows.filter((r) => r.status === 'published');
    expect(published.filter((r) => screenPostingText(r).verdict !== 'pass').map((r) => r.title)).toEqual([]);
    const held = rows.filter((r) => r.status === 'screened');
    expect(held.map((r) => r.title)).toEqual(['仓库理货员']);
    const c = await t.deps.db.selectFrom('moderation_cases').select(['division_code', 'origin', 'status', 'hits']).where('posting_id', '=', held[0]?.id as number).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ division_code: '530102', origin: 'screener', status: 'open', hits: [{ category: 'age', text: '年龄18-45岁' }] });
  });

  it('the public list serves them with a monthly salary and their county', async () => {
    const res = await t.get('/api/v1/public/postings?county=532322&limit=10');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ divisionCode: string; salary: { unit: string } | null }>;
    expect(items.length).toBeGreaterThan(0);
    for (const x of items) {
      expect(x.divisionCode).toBe('532322');
      expect(x.salary?.unit).toBe('MONTH');
    }
  });

  it('seeding again changes nothing', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from postings`.execute(t.deps.db);
    expect(await seedMarketDemo(t.deps, new Map())).toBe(0);
    const after = await sql<{ n: number }>`select count(*)::int as n from postings`.execute(t.deps.db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('the invented file is the same for the same counties and day, with one row per county and two at a seat', () => {
    const counties = [
      { code: '532301', name: '楚雄市', prefecture: '楚雄彝族自治州', seat: true },
      { code: '532322', name: '双柏县', prefecture: '楚雄彝族自治州', seat: false },
    ];
    const a = countyPostingsCsv(counties, '2026-11-30');
    expect(a).toBe(countyPostingsCsv(counties, '2026-11-30'));
    const lines = a.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 3);
    expect(lines[1]).toContain('楚雄彝族自治州·楚雄市');
    expect(lines[3]).toContain('双柏');
    expect(lines[3]).toMatch(/,2026-11-\d\d$/);
  });
});
