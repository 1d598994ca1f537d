// Search facets (issue 10, decision 0043) through GET /api/v1/postings/search/facets on real
// PostgreSQL: case 06 (facet counts equal the items a full walk returns, on every page), case 03
// (收银员 counted once in 玉溪 after day 1, on a database of its own), the buckets (prefecture,
// major group, salary bands per unit, 面议, unresolved places), open postings only, the fallback to
// any word exactly where search falls back, and the sampled branch (forced: the test database is
// small). Other files share the worker's database: assertions are about this file's postings (a
// marker word) or compare facets with search over the same rows, never about totals.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { importPostingRows } from '../../../../test/helpers/postings.ts';
import { cloneTemplate } from '../../../../test/helpers/db.ts';
import { unique } from '../../../../test/helpers/factories.ts';
import { sharedAvailable, sharedPath } from '../../../../test/helpers/shared-inputs.ts';
import { ManualClock } from '../../platform/clock.ts';
import { readUpload } from '../../platform/sheets/read.ts';
import * as s from './schemas.ts';
import * as market from './service.ts';

const CTX = { requestId: 'facets-test', ip: 'local', locale: 'zh-CN' as const };
const CASES = 'cases/postings-and-search';
const clock = new ManualClock('2025-03-10T02:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

const load = importPostingRows;

const query = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
const search = (params: Record<string, string | number>, app = t) => app.get(`/api/v1/postings/search?${query(params)}`);

type Facets = {
  total: number;
  approximate: boolean;
  sampleSize?: number;
  samplePercent?: number;
  match: 'all' | 'any';
  prefectures: Array<{ code: string | null; name: string | null; count: number }>;
  occupations: Array<{ code: string | null; name: string | null; count: number }>;
  salaryBands: Array<{ unit: string | null; band: { min: number | null; max: number | null } | null; count: number }>;
};

async function facets(params: Record<string, string | number>, app = t): Promise<Facets> {
  const res = await app.get(`/api/v1/postings/search/facets?${query(params)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Each facet's buckets add up to the total (exact counts). */
function expectConsistent(f: Facets) {
  for (const list of [f.prefectures, f.occupations, f.salaryBands]) expect(list.reduce((a, x) => a + x.count, 0)).toBe(f.total);
  for (const list of [f.prefectures, f.occupations, f.salaryBands]) expect(list.every((x) => x.count > 0)).toBe(true);
}

/** Follows `next` to the end; returns the ids and the cursor of every page after the first. */
async function walk(params: Record<string, string | number>, app = t): Promise<{ ids: number[]; cursors: string[] }> {
  const ids: number[] = [];
  const cursors: string[] = [];
  let cursor: string | null = null;
  for (let page = 1; page < 500; page++) {
    const res = await search(cursor ? { ...params, cursor } : params, app);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    ids.push(...body.items.map((h: { id: number }) => h.id));
    cursor = body.next;
    if (!cursor) return { ids, cursors };
    cursors.push(cursor);
  }
  throw new Error('walk did not end');
}

describe.skipIf(!sharedAvailable(`${CASES}/06-relevance-ties.json`))('case 06: facet counts equal the items returned', () => {
  const c = JSON.parse(readFileSync(sharedPath(CASES, '06-relevance-ties.json'), 'utf8'));
  type P = { key: string; company: string; title: string; description: string; salaryMin: number; salaryMax: number };
  const params = { q: '叉车', division: '530112', sort: 'relevance', limit: 4 };

  const platform = `F06${unique()}`;

  beforeAll(async () => {
    await load(t, platform, (c.postings as P[]).map((p) => ({ id: p.key, title: p.title, company: p.company, description: p.description, region: '昆明·西山区', min: p.salaryMin, max: p.salaryMax, validUntil: '2099-12-31' })));
  });
  // search.test.ts reads the first 50 open postings of 530112 in the same worker's database: leave it as many as before
  afterAll(() => t.deps.db.updateTable('postings').set({ status: 'closed' }).where('source_platform', '=', platform).execute());

  it('q=叉车&division=530112: the total is the number of distinct items a full walk returns, on every page (the cursor ignored), by relevance and by newest', async () => {
    for (const sort of ['relevance', 'newest']) {
      const { ids, cursors } = await walk({ ...params, sort });
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThanOrEqual(27);
      for (const cursor of [undefined, ...cursors]) {
        const f = await facets(cursor ? { ...params, sort, cursor } : { ...params, sort });
        expect(f).toMatchObject({ total: ids.length, approximate: false, match: 'all' });
        expect(f.sampleSize).toBeUndefined();
        expect(f.prefectures).toEqual([{ code: '530100', name: '昆明市', count: ids.length }]);
        expectConsistent(f);
      }
    }
  }, 60_000);
});

describe('case 03: the re-post counted once', () => {
  const DIR = join(import.meta.dirname, '../../../../test/fixtures/cases/postings-and-search');
  const EXPECTED = JSON.parse(readFileSync(join(DIR, '03-reimport.expected.json'), 'utf8'));
  let own: Awaited<ReturnType<typeof cloneTemplate>>;
  let t3: TestApp;
  beforeAll(async () => {
    // a database of its own: the demo's county postings hold a 收银员 in 玉溪 (元江), closed here
    own = await cloneTemplate('facets03');
    t3 = await createTestApp({ clock: new ManualClock('2025-03-10T02:00:00Z'), database: own });
    await t3.deps.db.updateTable('postings').set({ status: 'closed' }).where('status', '=', 'published').execute();
  });
  afterAll(async () => {
    await t3?.close();
    await own?.drop();
  });

  it('after day 1: facet_prefecture_530400_for_q_收银员 is 1 (51JOB_yq03a4, the same ad as 51JOB_yq03a3, is not a second posting), as search finds', async () => {
    const read = await readUpload({ format: 'csv', data: readFileSync(join(DIR, '03a-import-day1.csv')), spec: market.POSTINGS_SPEC });
    if (!read.ok) throw new Error(read.refused);
    const report = await market.importPostings(t3.deps, null, read, CTX);
    expect(report.new).toBe(EXPECTED.after_day1.report.new);
    const f = await facets({ q: '收银员' }, t3);
    expect(f.prefectures.find((p) => p.code === '530400')).toEqual({ code: '530400', name: '玉溪市', count: EXPECTED.after_day1.facet_prefecture_530400_for_q_收银员 });
    expect(f.total).toBe(1);
    expect((await walk({ q: '收银员', division: '530402' }, t3)).ids).toHaveLength(1);
    // every open posting of day 1, by prefecture: 3 in 昆明 (one placed at the prefecture only), 1 in 玉溪
    const everything = await facets({}, t3);
    expect(everything.total).toBe(EXPECTED.after_day1.postings_visible_in_search);
    expect(everything.prefectures).toEqual([
      { code: '530100', name: '昆明市', count: 3 },
      { code: '530400', name: '玉溪市', count: 1 },
    ]);
    // amounts without a unit (the file says none) are never banded as 元/月
    expect(everything.salaryBands).toEqual([{ unit: null, band: null, count: 4 }]);
  }, 60_000);
});

describe('buckets, filters and open postings', () => {
  const marker = `zk${unique()}`;
  const made: Record<string, { id: number; divisionCode: string }> = {};
  /** The demo employer's prefecture (昆明): 4 digits. */
  const prefecture = () => (made.month4500 as { divisionCode: string }).divisionCode.slice(0, 4);
  const make = async (key: string, body: object) => {
    const employer = await t.login('employer-km');
    const res = await t.send('POST', '/api/v1/postings', { title: `装卸工 ${marker}`, description: '负责装卸。', validUntil: '2025-04-30', ...body }, employer);
    expect(res.statusCode, res.body).toBe(201);
    const pub = await t.send('POST', `/api/v1/postings/${res.json().id}/publish`, undefined, employer);
    expect(pub.statusCode, pub.body).toBe(200);
    made[key] = pub.json();
  };

  beforeAll(async () => {
    await make('month4500', { salaryMin: 4000, salaryMax: 5000, salaryUnit: 'MONTH', occupationCode: '4' });
    await make('month8000', { salaryMin: 7000, salaryMax: 9000, salaryUnit: 'MONTH', occupationCode: '4' });
    await make('monthFrom6000', { salaryMin: 6000, salaryUnit: 'MONTH', occupationCode: '6' });
    await make('day225', { salaryMin: 200, salaryMax: 250, salaryUnit: 'DAY' });
    await make('hourTo14', { salaryMax: 14, salaryUnit: 'HOUR' });
    await make('piece', { salaryMin: 5, salaryMax: 10, salaryUnit: 'PIECE' });
    await make('negotiable', {});
    // an imported one whose place did not resolve (全国), and one ended, one closed: not counted
    await load(t, `F07${unique()}`, [{ id: 'nowhere', title: `保洁员 ${marker}`, company: '某某保洁服务有限公司', region: '全国', validUntil: '2025-04-30' }]);
    await make('closed', { salaryMin: 3000, salaryMax: 3500, salaryUnit: 'MONTH' });
    await make('ended', { salaryMin: 3000, salaryMax: 3500, salaryUnit: 'MONTH' });
    const official = await t.login('prov');
    expect((await t.send('POST', `/api/v1/postings/${made.closed?.id}/close`, undefined, official)).statusCode).toBe(200);
    await t.deps.db.updateTable('postings').set({ valid_through: market.lastInstant('2025-03-09') }).where('id', '=', made.ended?.id as number).execute();
  });

  it('prefectures (the unresolved place last, code null), major groups with their names (none: null), salary bands per unit by the middle of the range, 面议 apart', async () => {
    const f = await facets({ q: marker });
    expect(f).toMatchObject({ total: 8, approximate: false, match: 'all' });
    expect(f.prefectures).toEqual([
      { code: `${prefecture()}00`, name: '昆明市', count: 7 },
      { code: null, name: null, count: 1 },
    ]);
    expect(f.occupations).toEqual([
      { code: '4', name: '社会生产服务和生活服务人员', count: 2 },
      { code: '6', name: '生产制造及有关人员', count: 1 },
      { code: null, name: null, count: 5 },
    ]);
    expect(f.salaryBands).toEqual([
      { unit: 'MONTH', band: { min: 3000, max: 5000 }, count: 1 },
      { unit: 'MONTH', band: { min: 5000, max: 8000 }, count: 1 },
      { unit: 'MONTH', band: { min: 8000, max: 12000 }, count: 1 },
      { unit: 'DAY', band: { min: 200, max: 300 }, count: 1 },
      { unit: 'HOUR', band: { min: null, max: 15 }, count: 1 },
      { unit: 'PIECE', band: null, count: 1 },
      { unit: null, band: null, count: 2 },
    ]);
    expectConsistent(f);
    expect((await walk({ q: marker, limit: 3 })).ids).toHaveLength(f.total);
  });

  it('the search\'s filters apply alike; an empty set answers zero and empty lists; bad input is the search\'s 400', async () => {
    expect((await facets({ q: marker, salaryUnit: 'MONTH' })).total).toBe(3);
    expect((await facets({ q: marker, salaryUnit: 'MONTH', salaryMin: 5500 })).salaryBands).toEqual([
      { unit: 'MONTH', band: { min: 5000, max: 8000 }, count: 1 },
      { unit: 'MONTH', band: { min: 8000, max: 12000 }, count: 1 },
    ]);
    expect((await facets({ q: marker, occupation: '4' })).occupations).toEqual([{ code: '4', name: '社会生产服务和生活服务人员', count: 2 }]);
    expect((await facets({ q: marker, division: prefecture() })).total).toBe(7);
    expect(await facets({ q: marker, division: '5325' })).toEqual({ total: 0, approximate: false, match: 'all', prefectures: [], occupations: [], salaryBands: [] });
    for (const [params, field] of [[{ q: marker, salaryMin: 5000 }, 'salaryUnit'], [{ q: 'x'.repeat(201) }, 'q'], [{ limit: 0 }, 'limit'], [{ division: 'abc' }, 'division']] as const) {
      const res = await t.get(`/api/v1/postings/search/facets?${query(params)}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual([field]);
    }
    // public: no sign-in, a garbage cursor ignored
    expect((await t.get(`/api/v1/postings/search/facets?${query({ q: marker, cursor: 'abc' })}`)).statusCode).toBe(200);
  });
});

describe('the fallback to any word, where search falls back', () => {
  it('two words found together by fewer than `limit` postings: counts of postings with any of them, as the walk returns; with a page they fill, of both', async () => {
    const a = `za${unique()}`;
    const b = `zb${unique()}`;
    await load(t, `F08${unique()}`, [
      { id: 'both', title: '理货员', company: '昆明测试商贸有限公司', description: `${a} ${b}`, validUntil: '2099-12-31' },
      { id: 'a1', title: '理货员', company: '昆明测试商贸有限公司二', description: a, validUntil: '2099-12-31' },
      { id: 'a2', title: '理货员', company: '昆明测试商贸有限公司三', description: a, validUntil: '2099-12-31' },
      { id: 'none', title: '理货员', company: '昆明测试商贸有限公司四', description: '无关', validUntil: '2099-12-31' },
    ]);
    for (const [limit, match, total] of [[20, 'any', 3], [2, 'any', 3], [1, 'all', 1]] as const) {
      const f = await facets({ q: `${a} ${b}`, limit });
      expect(f, `limit ${limit}`).toMatchObject({ match, total });
      expect((await walk({ q: `${a} ${b}`, limit })).ids, `limit ${limit}`).toHaveLength(total);
    }
    // one word never falls back
    expect(await facets({ q: `${b}` })).toMatchObject({ match: 'all', total: 1 });
    // the sampled branch decides by counting the first page (the sample alone cannot say)
    const sampled = await market.searchFacets(t.deps, s.searchFacetsQuery.parse({ q: `${a} ${b}` }), { samplePercent: 100 });
    expect(sampled).toMatchObject({ match: 'any', total: 3, approximate: true, sampleSize: 3, samplePercent: 100 });
  });
});

describe('the sampled branch (forced: above FACET_EXACT_MAX estimated matches on a real table)', () => {
  it('FACET_EXACT_MAX is 20,000', () => {
    expect(market.FACET_EXACT_MAX).toBe(20_000);
  });

  it('every block sampled: the exact counts, said to be approximate with the sample\'s size', async () => {
    const q = s.searchFacetsQuery.parse({});
    const exact = await market.searchFacets(t.deps, q);
    expect(exact.approximate).toBe(false);
    expect(exact.total).toBeGreaterThan(0);
    const all = await market.searchFacets(t.deps, q, { samplePercent: 100 });
    expect(all).toEqual({ ...exact, approximate: true, sampleSize: exact.total, samplePercent: 100 });
  });

  it('half the blocks: counts of the sample scaled by 2, the same on every call', async () => {
    const q = s.searchFacetsQuery.parse({});
    const exact = await market.searchFacets(t.deps, q);
    const half = await market.searchFacets(t.deps, q, { samplePercent: 50 });
    expect(half).toMatchObject({ approximate: true, samplePercent: 50 });
    const n = half.sampleSize as number;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(exact.total);
    expect(half.total).toBe(2 * n);
    // scaled by 2 with nothing to round: each facet still adds up to the total, every count even
    for (const list of [half.prefectures, half.occupations, half.salaryBands]) {
      expect(list.reduce((a, x) => a + x.count, 0)).toBe(half.total);
      expect(list.every((x) => x.count % 2 === 0)).toBe(true);
    }
    expect(await market.searchFacets(t.deps, q, { samplePercent: 50 })).toEqual(half);
  });
});
