// Job search (issue 10, decision 0041) through GET /api/v1/postings/search on real PostgreSQL:
// the shared cases 05 (symbols in queries) and 06 (relevance ties while paging), open postings
// only (expired at the Beijing day's end, closed, taken down: never), filters, cursors that pin
// the walk, snippets as text, documents written by every write path and the reindex step.
// Other files share the database: every assertion is about this file's own postings (found by
// their source platform or a marker word), never about totals.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { type ImportedRow, importPostingRows } from '../../../../test/helpers/postings.ts';
import { unique } from '../../../../test/helpers/factories.ts';
import { sharedAvailable, sharedPath } from '../../../../test/helpers/shared-inputs.ts';
import { ManualClock } from '../../platform/clock.ts';
import * as market from './service.ts';

const _CTX = { requestId: 'search-test', ip: 'local', locale: 'zh-CN' as const };
const CASES = 'cases/postings-and-search';
/** The search schema's longest q (schemas.ts: text(200)): longer is a 400 naming q. */
const SEARCH_Q_MAX = 200;
const clock = new ManualClock('2025-03-10T02:00:00Z');
let t: TestApp;
/** The same database, relevance always walking tiers (as above YUNQIAO_SEARCH_RANK_ALL_MAX matches at province scale). */
let tiered: TestApp;
let prov: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  tiered = await createTestApp({ clock, env: { YUNQIAO_SEARCH_RANK_ALL_MAX: '0' } });
  prov = await t.login('prov');
});
afterAll(async () => {
  await tiered.close();
  await t.close();
});

/** The plan a cursor carries: x (every match ranked), t (tiers), n (newest). */
const planOf = (cursor: string): string => {
  const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  return c[0] === 'n' ? 'n' : c[3];
};

type Row = ImportedRow;
/** Imports rows in one batch (one statement: one published_at for all); returns source id → posting id. */
const load = (platform: string, rows: Row[]) => importPostingRows(t, platform, rows);

const query = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
const search = (params: Record<string, string | number>, app: TestApp = t) => app.get(`/api/v1/postings/search?${query(params)}`);

type Hit = { id: number; title: string; company: string; snippet: string; highlights: [number, number][]; titleHighlights: [number, number][] };

/** Follows `next` to the end; every page must answer 200. */
async function walk(params: Record<string, string | number>, between?: (page: number) => Promise<void>, app: TestApp = t): Promise<Hit[]> {
  const out: Hit[] = [];
  let cursor: string | null = null;
  for (let page = 1; page < 500; page++) {
    const res = await search(cursor ? { ...params, cursor } : params, app);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    out.push(...body.items);
    cursor = body.next;
    if (!cursor) return out;
    await between?.(page);
  }
  throw new Error('walk did not end');
}

describe.skipIf(!sharedAvailable(`${CASES}/05-symbols-in-queries.json`))('case 05: symbols in queries', () => {
  const c = JSON.parse(readFileSync(sharedPath(CASES, '05-symbols-in-queries.json'), 'utf8'));
  let ids: Map<string, number>;
  beforeAll(async () => {
    ids = await load(`S05${unique()}`, c.postings.map((p: { key: string; title: string; company: string; description: string }) => ({ id: p.key, title: p.title, company: p.company, description: p.description, validUntil: '2099-12-31' })));
  });

  it('each query finds its must_find postings and none of its must_not_find (every page walked)', async () => {
    for (const q of c.queries as Array<{ q: string; must_find: string[]; must_not_find: string[] }>) {
      const found = new Set((await walk({ q: q.q, limit: 20 })).map((h) => h.id));
      for (const k of q.must_find) expect(found.has(ids.get(k) as number), `${q.q} finds ${k}`).toBe(true);
      for (const k of q.must_not_find) expect(found.has(ids.get(k) as number), `${q.q} never finds ${k}`).toBe(false);
    }
  }, 60_000);

  it('普工 包吃住 is no syntax error: P11 ranks before P12', async () => {
    const items: Hit[] = (await search({ q: c.also_ranked.q, limit: 20 })).json().items;
    const at = (k: string) => items.findIndex((h) => h.id === ids.get(k));
    expect(at('P11')).toBeGreaterThanOrEqual(0);
    // P12 has 普工 only: listed after P11 when a page has room for postings with some of the words
    if (at('P12') >= 0) expect(at('P12')).toBeGreaterThan(at('P11'));
  });

  it('raw queries never answer 500: results, an empty list or, over-long only, a 400 naming q — within 1 s each', async () => {
    const raw = (c.raw_queries_never_500 as Array<string | { repeat?: string; times?: number; numbered?: string; from?: number; to?: number; sep?: string }>).map((q) => {
      if (typeof q === 'string') return q;
      if (q.repeat) return q.repeat.repeat(q.times as number);
      return Array.from({ length: (q.to as number) - (q.from as number) + 1 }, (_, i) => `${q.numbered}${(q.from as number) + i}`).join(q.sep ?? ' ');
    });
    for (const q of raw) {
      const t0 = Date.now();
      const res = await t.get(`/api/v1/postings/search?q=${encodeURIComponent(q)}&limit=20`);
      // results or an empty list; a 400 naming q only for an over-long query (the case README), none for a short one
      const overLong = [...q.trim()].length > SEARCH_Q_MAX;
      expect(res.statusCode, `${q.slice(0, 40)}: ${res.body.slice(0, 200)}`).toBe(overLong ? 400 : 200);
      expect(Date.now() - t0, q.slice(0, 40)).toBeLessThan(1000);
      if (overLong) expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['q']);
    }
  }, 60_000);

  it('words that leave no search term (% _ :* emoji, full-width ％) find nothing, and their facets count nothing', async () => {
    for (const q of ['%', '_', '％', '＿', ':*', "'", '\\', '!(', '👨\u200d👩\u200d👧']) {
      const res = await search({ q });
      expect(res.statusCode, q).toBe(200);
      expect(res.json(), q).toEqual({ items: [], next: null });
      const facets = await t.get(`/api/v1/postings/search/facets?${query({ q })}`);
      expect(facets.statusCode, q).toBe(200);
      expect(facets.json().total, q).toBe(0);
    }
  });

  it('% and _ are literal: 普工% does not match every posting', async () => {
    const found = new Set((await walk({ q: c.like_wildcards.query, limit: 100 })).map((h) => h.id));
    expect(found.has(ids.get('P01') as number)).toBe(false);
    expect(found.has(ids.get('P07') as number)).toBe(false);
  });

  it('a title and company lookup finds the posting first, whatever the bracket width or letter case', async () => {
    for (const q of ['普工（包吃住） 曲靖沾益食品有限公司', '普工(包吃住) 曲靖沾益食品有限公司', '普工（包吃住）曲靖沾益食品有限公司']) {
      expect((await search({ q, limit: 5 })).json().items[0]?.id, q).toBe(ids.get('P11'));
    }
    for (const q of ['C++开发工程师 昆明云栈网络科技有限公司', 'c++开发工程师 昆明云栈网络科技有限公司', 'Ｃ＋＋开发工程师　昆明云栈网络科技有限公司']) {
      expect((await search({ q, limit: 5 })).json().items[0]?.id, q).toBe(ids.get('P01'));
    }
  });

  it('snippets are text with the words marked by offsets; markup in a query is only text', async () => {
    const stm: Hit[] = (await search({ q: 'STM32 <b>', limit: 50 })).json().items;
    const p03 = stm.find((h) => h.id === ids.get('P03')) as Hit;
    expect(p03.snippet).toBe('精通C语言，熟悉STM32单片机。');
    expect(p03.highlights.map(([a, b]) => p03.snippet.slice(a, b))).toEqual(['STM32']);
    const plc: Hit[] = (await search({ q: 'PLC', limit: 50 })).json().items;
    const p07 = plc.find((h) => h.id === ids.get('P07')) as Hit;
    expect(p07.snippet).toBe('熟悉西门子S7-1200/S7-1500 PLC编程。');
    expect(p07.highlights.map(([a, b]) => p07.snippet.slice(a, b))).toEqual(['PLC']);
    expect(p07.titleHighlights.map(([a, b]) => p07.title.slice(a, b))).toEqual(['PLC']);
  });

  it('普工 包吃住 where only P11 and P12 are posted: both listed, P11 (both words) before P12 (普工 only)', async () => {
    // the other files' postings have both words too, enough to fill a page without P12: P11 and P12
    // loaded again in 贡山县 (533324), where no other file posts, and the search narrowed to it (last
    // in this block: the copies would share the title-and-company lookups above)
    const pair = await load(
      `S05p${unique()}`,
      (c.postings as Array<{ key: string; title: string; company: string; description: string }>).filter((p) => p.key === 'P11' || p.key === 'P12').map((p) => ({ id: p.key, title: p.title, company: p.company, description: p.description, region: '怒江·贡山', validUntil: '2099-12-31' })),
    );
    expect([...pair.keys()].sort()).toEqual(['P11', 'P12']);
    const res = await search({ q: c.also_ranked.q, division: '533324', limit: 20 });
    expect(res.statusCode, res.body).toBe(200);
    expect(c.also_ranked.P11_before_P12).toBe(true);
    expect(res.json().items.map((h: Hit) => h.id)).toEqual([pair.get('P11'), pair.get('P12')]);
  });
});

describe.skipIf(!sharedAvailable(`${CASES}/06-relevance-ties.json`))('case 06: relevance ties while paging', () => {
  const c = JSON.parse(readFileSync(sharedPath(CASES, '06-relevance-ties.json'), 'utf8'));
  type P = { key: string; company: string; title: string; description: string; salaryMin: number; salaryMax: number };
  const rowOf = (p: P, title = p.title): Row => ({ id: p.key, title, company: p.company, description: p.description, region: '昆明·西山区', min: p.salaryMin, max: p.salaryMax, validUntil: '2099-12-31' });
  let platform: string;
  let ids: Map<string, number>;
  let expected: Set<number>;
  const params = { q: '叉车', division: '530112', sort: 'relevance', limit: 4 };
  const ours = (hits: Hit[]) => hits.map((h) => h.id).filter((id) => [...ids.values()].includes(id));

  beforeAll(async () => {
    platform = `S06${unique()}`;
    ids = await load(platform, (c.postings as P[]).map((p) => rowOf(p)));
    expected = new Set((c.postings as P[]).filter((p) => p.key !== 'U03').map((p) => ids.get(p.key) as number));
  });

  it('loaded in one batch: one publication instant, one rank for the 25 identical ads', async () => {
    const rows = await t.deps.db.selectFrom('postings').select(['published_at', 'division_code']).where('source_platform', '=', platform).execute();
    expect(new Set(rows.map((r) => r.published_at?.toISOString())).size).toBe(1);
    expect(new Set(rows.map((r) => r.division_code))).toEqual(new Set(['530112']));
  });

  for (const [sort, limit, plan] of [['relevance', 4, 'ranked'], ['newest', 4, 'ranked'], ['relevance', 1, 'ranked'], ['relevance', 4, 'tiers'], ['relevance', 1, 'tiers']] as const) {
    it(`${sort}, limit ${limit}${plan === 'tiers' ? ', relevance tiers' : ''}: T01–T25, U01, U02 each exactly once, U03 never, the same order twice`, async () => {
      const app = plan === 'tiers' ? tiered : t;
      const firstPage = (await search({ ...params, sort, limit }, app)).json();
      expect(planOf(firstPage.next)).toBe(sort === 'newest' ? 'n' : plan === 'tiers' ? 't' : 'x');
      const first = await walk({ ...params, sort, limit }, undefined, app);
      const ids1 = first.map((h) => h.id);
      expect(new Set(ids1).size, 'no id twice').toBe(ids1.length);
      const mine = ours(first);
      expect(new Set(mine)).toEqual(expected);
      expect(mine).not.toContain(ids.get('U03'));
      expect(ours(await walk({ ...params, sort, limit }, undefined, app))).toEqual(mine);
      if (plan === 'tiers') {
        // 叉车 in the title: T01–T25 and U01, one publication instant, so by id descending; U02 has it in its description only
        const head = (c.postings as P[]).filter((p) => p.key !== 'U02' && p.key !== 'U03').map((p) => ids.get(p.key) as number);
        expect(mine).toEqual([...[...head].sort((a, b) => b - a), ids.get('U02')]);
      } else if (sort === 'relevance') {
        // U01 (叉车 in its title and description) before the tied T postings, ties by id, descending
        const ts = (c.postings as P[]).filter((p) => p.key.startsWith('T')).map((p) => ids.get(p.key) as number);
        const tOrder = mine.filter((id) => ts.includes(id));
        expect(tOrder).toEqual([...ts].sort((a, b) => b - a));
      }
    }, 60_000);
  }

  for (const plan of ['ranked', 'tiers'] as const) {
  it(`writes during the walk${plan === 'tiers' ? ' (relevance tiers)' : ''}: nothing twice, every posting still matching once, the closed one at most once`, async () => {
    const app = plan === 'tiers' ? tiered : t;
    const base = (c.postings as P[]).find((p) => p.key === 'T01') as P;
    const key = plan === 'tiers' ? 'T27' : 'T26';
    const t03 = (c.postings as P[]).find((p) => p.key === 'T03') as P;
    const t20 = ids.get(plan === 'tiers' ? 'T21' : 'T20') as number;
    const hits = await walk(
      params,
      async (page) => {
      if (page !== 2) return;
      // a 26th identical ad, T03 edited (急招 in its title: the import updates in place), T20 closed by an official
      const added = await load(platform, [{ ...rowOf(base), id: key, company: `昆明西山物流第${key.slice(1)}仓储有限公司` }, rowOf(t03, `${plan === 'tiers' ? '急聘' : '急招'}${t03.title}`)]);
      ids.set(key, added.get(key) as number);
      const closed = await t.send('POST', `/api/v1/postings/${t20}/close`, undefined, prov);
      expect(closed.statusCode, closed.body).toBe(200);
      },
      app,
    );
    const seen = hits.map((h) => h.id);
    expect(new Set(seen).size, 'no id twice').toBe(seen.length);
    for (const id of expected) if (id !== t20 && id !== ids.get('T20')) expect(seen, `posting ${id}`).toContain(id);
    expect(seen).not.toContain(ids.get('U03'));
    // and afterwards T20 is gone, T26 and the edited T03 are there
    const after = (await walk(params, undefined, app)).map((h) => h.id);
    expect(after).not.toContain(t20);
    expect(after).toContain(ids.get(key));
    expect(after).toContain(ids.get('T03'));
  }, 60_000);
  }

  it('bad cursors: garbage, another order\'s, another query\'s, a changed one, limit 0 or 1000: 400 naming the field', async () => {
    const relevance = (await search(params)).json().next as string;
    const newest = (await search({ ...params, sort: 'newest' })).json().next as string;
    const other = (await search({ ...params, q: '叉车 包吃住' })).json().next as string;
    const decoded = JSON.parse(Buffer.from(relevance, 'base64url').toString('utf8'));
    const tampered = Buffer.from(JSON.stringify([decoded[0], 'x'.repeat(16), ...decoded.slice(2)])).toString('base64url');
    const badRank = Buffer.from(JSON.stringify([...decoded.slice(0, 4), '1) or (1=1', ...decoded.slice(5)])).toString('base64url');
    // a number, but none a real (float4) holds: refused as a cursor, not by the database as the body
    const hugeRank = Buffer.from(JSON.stringify([...decoded.slice(0, 4), '1e400', ...decoded.slice(5)])).toString('base64url');
    // numbers and instants PostgreSQL would refuse to read back (a real's underflow, year 0): the cursor's fault, not the body's
    const tinyRank = Buffer.from(JSON.stringify([...decoded.slice(0, 4), '1e-50', ...decoded.slice(5)])).toString('base64url');
    const yearZero = Buffer.from(JSON.stringify([...decoded.slice(0, 5), '0000-01-01T00:00:00Z', ...decoded.slice(6)])).toString('base64url');
    expect(relevance && newest && other).toBeTruthy();
    for (const [cursor, p] of [['abc', params], [newest, params], [relevance, { ...params, sort: 'newest' }], [other, params], [relevance, { ...params, division: '530102' }], [tampered, params], [badRank, params], [hugeRank, params], [tinyRank, params], [yearZero, params]] as const) {
      const res = await search({ ...p, cursor });
      expect(res.statusCode, `${cursor.slice(0, 20)}: ${res.body}`).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['cursor']);
    }
    for (const limit of [0, 1000]) {
      const res = await search({ ...params, limit });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['limit']);
    }
  });
});

describe('open postings only', () => {
  it('valid until a date is open until 23:59:59 Beijing that day; yesterday\'s, closed and taken-down postings are never found', async () => {
    const marker = `zq${unique()}`;
    clock.set('2025-03-10T15:30:00Z'); // 23:30 Beijing time, 2025-03-10
    try {
      const ids = await load(`S07${unique()}`, [
        { id: 'today', title: '仓库管理员', company: '昆明测试仓储有限公司', description: `今天截止 ${marker}`, validUntil: '2025-03-10' },
        { id: 'yesterday', title: '仓库管理员', company: '昆明测试仓储有限公司二', description: `昨天截止 ${marker}`, validUntil: '2025-03-11' },
        { id: 'closed', title: '仓库管理员', company: '昆明测试仓储有限公司三', description: `已关闭 ${marker}`, validUntil: '2099-12-31' },
        { id: 'down', title: '仓库管理员', company: '昆明测试仓储有限公司四', description: `已下架 ${marker}`, validUntil: '2099-12-31' },
      ]);
      const official = await t.login('prov'); // the session of 10:00 has idled out by 23:30
      // 'yesterday' ended at the end of 2025-03-09 (set after the import: the reader refuses a past date), before the expiry job ran
      await t.deps.db.updateTable('postings').set({ valid_through: market.lastInstant('2025-03-09') }).where('id', '=', ids.get('yesterday') as number).execute();
      expect((await t.send('POST', `/api/v1/postings/${ids.get('closed')}/close`, undefined, official)).statusCode).toBe(200);
      expect((await t.send('POST', `/api/v1/postings/${ids.get('down')}/take-down`, { reason: '虚假信息' }, official)).statusCode).toBe(200);
      for (const sort of ['relevance', 'newest']) {
        expect((await walk({ q: marker, sort })).map((h) => h.id)).toEqual([ids.get('today')]);
      }
      clock.set('2025-03-10T16:00:00Z'); // 00:00 Beijing, 2025-03-11: today's has ended
      expect(await walk({ q: marker })).toEqual([]);
    } finally {
      clock.set('2025-03-10T02:00:00Z');
    }
  });
});

describe('filters', () => {
  it('division (any level), salary overlap by unit, education, posted within, priority, open to, occupation', async () => {
    const marker = `zf${unique()}`;
    // the template loads the major groups only (a code not loaded is refused by the table's key)
    const occupation = { code: '4' };
    // a session per clock move: one signed in ten days before has expired
    const make = async (body: object) => {
      const employer = await t.login('employer-km');
      const res = await t.send('POST', '/api/v1/postings', { title: `装卸工 ${marker}`, description: '负责装卸。', validUntil: '2025-04-30', ...body }, employer);
      expect(res.statusCode, res.body).toBe(201);
      const pub = await t.send('POST', `/api/v1/postings/${res.json().id}/publish`, undefined, employer);
      expect(pub.statusCode, pub.body).toBe(200);
      return pub.json() as { id: number; epidemicSupplies: boolean; divisionCode: string };
    };
    const a = await make({ salaryMin: 4000, salaryMax: 5000, salaryUnit: 'MONTH', education: '高中', priorityGroups: ['migrant'], occupationCode: occupation.code });
    const b = await make({ salaryMin: 7000, salaryMax: 9000, salaryUnit: 'MONTH', education: '大专', priorityGroups: ['graduate'] });
    const d = await make({ salaryMin: 200, salaryMax: 250, salaryUnit: 'DAY', education: '不限' });
    clock.set('2025-03-20T02:00:00Z');
    let later: { id: number };
    try {
      later = await make({ salaryMin: 6000, salaryUnit: 'MONTH' });
    } finally {
      clock.set('2025-03-10T02:00:00Z');
    }
    clock.set('2025-03-21T02:00:00Z');
    try {
      const ids = async (extra: Record<string, string | number>) => (await walk({ q: marker, ...extra })).map((h) => h.id).sort((x, y) => x - y);
      const all = [a.id, b.id, d.id, later.id].sort((x, y) => x - y);
      expect(await ids({})).toEqual(all);
      expect(await ids({ division: a.divisionCode })).toEqual(all);
      expect(await ids({ division: a.divisionCode.slice(0, 4) })).toEqual(all);
      expect(await ids({ division: '5325' })).toEqual([]);
      // 5500–6500 a month overlaps 6000– (no maximum) only; 4500– overlaps a, b and later; a day's wage never
      expect(await ids({ salaryMin: 5500, salaryMax: 6500, salaryUnit: 'MONTH' })).toEqual([later.id]);
      expect(await ids({ salaryMin: 4500, salaryUnit: 'MONTH' })).toEqual([a.id, b.id, later.id].sort((x, y) => x - y));
      expect(await ids({ salaryMax: 300, salaryUnit: 'DAY' })).toEqual([d.id]);
      expect((await search({ q: marker, salaryMin: 5000 })).json().error.details.map((x: { field: string }) => x.field)).toEqual(['salaryUnit']);
      expect(await ids({ education: '大专' })).toEqual([b.id]);
      expect(await ids({ postedWithin: 3 })).toEqual([later.id]);
      expect(await ids({ openTo: 'graduate' })).toEqual([b.id]);
      expect(await ids({ openTo: 'migrant' })).toEqual([a.id]);
      expect(await ids({ occupation: '4' })).toEqual([a.id]);
      expect(await ids({ occupation: '5' })).toEqual([]);
      expect(await ids({ priority: 'true' })).toEqual(a.epidemicSupplies ? all : []);
      // newest: the later one first
      expect((await walk({ q: marker, sort: 'newest' }))[0]?.id).toBe(later.id);
    } finally {
      clock.set('2025-03-10T02:00:00Z');
    }
  });

  it('boost=true puts priority postings (M3: open to graduates or migrant workers) first among equally relevant ones, in both plans; relevance only', async () => {
    const marker = `zb${unique()}`;
    const make = async (body: object) => {
      const employer = await t.login('employer-km');
      const res = await t.send('POST', '/api/v1/postings', { title: `搬运工 ${marker}`, description: '负责搬运。', validUntil: '2025-04-30', ...body }, employer);
      expect(res.statusCode, res.body).toBe(201);
      const pub = await t.send('POST', `/api/v1/postings/${res.json().id}/publish`, undefined, employer);
      expect(pub.statusCode, pub.body).toBe(200);
      return (pub.json() as { id: number }).id;
    };
    const priority = await make({ priorityGroups: ['migrant'] });
    clock.set('2025-03-10T03:00:00Z');
    let plain: number;
    try {
      plain = await make({});
    } finally {
      clock.set('2025-03-10T02:00:00Z');
    }
    // the demo employer makes epidemic-prevention supplies: its postings copy that; here only the group makes one a priority posting
    await t.deps.db.updateTable('postings').set({ epidemic_supplies: false }).where('id', 'in', [priority, plain]).execute();
    for (const app of [t, tiered]) {
      const order = async (extra: Record<string, string>) => (await walk({ q: marker, ...extra }, undefined, app)).map((h) => h.id);
      // one rank (the same words), so the newer first; boosted, the priority one first
      expect(await order({})).toEqual([plain, priority]);
      expect(await order({ boost: 'true' }), app === t ? 'ranked' : 'tiers').toEqual([priority, plain]);
      expect(await order({ boost: 'true', sort: 'newest' })).toEqual([plain, priority]);
      expect(await order({ boost: 'false' })).toEqual([plain, priority]);
    }
    const bad = await search({ q: marker, boost: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((x: { field: string }) => x.field)).toEqual(['boost']);
  });

  it('no words: every open posting of the filters, by newest when asked: by the date each shows (its first publication), a re-publication not brought to the top', async () => {
    // one published long ago and published again just now (closed and re-opened, or re-imported)
    const first = await t.deps.db.selectFrom('postings').select(['id', 'division_code']).where('division_code', '=', '530112').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    const latest = await t.deps.db.selectFrom('postings').select((eb) => eb.fn.max('published_at').as('at')).executeTakeFirstOrThrow();
    await t.deps.db.updateTable('postings').set({ first_published_at: new Date('2025-01-02T01:00:00Z'), published_at: new Date((latest.at as Date).getTime() + 60_000) }).where('division_code', '=', first.division_code).where('id', '=', first.id).execute();
    const items: Array<{ id: number; publishedAt: string }> = (await search({ division: '530112', sort: 'newest', limit: 50 })).json().items;
    expect(items.map((h) => h.id)).toContain(first.id);
    expect(items.length).toBeGreaterThan(0);
    const times = items.map((h) => Date.parse(h.publishedAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });
});

describe('the stored document follows every write', () => {
  it('an edit of a published posting re-indexes it in the same statement: the new word finds it, the old one no more', async () => {
    const employerKm = await t.login('employer-km');
    const oldWord = `zo${unique()}`;
    const newWord = `zn${unique()}`;
    const created = await t.send('POST', '/api/v1/postings', { title: `理货员 ${oldWord}`, validUntil: '2025-04-30' }, employerKm);
    const id = created.json().id;
    expect((await walk({ q: oldWord })).map((h) => h.id)).toEqual([]); // a draft is never found
    expect((await t.send('POST', `/api/v1/postings/${id}/publish`, undefined, employerKm)).statusCode).toBe(200);
    expect((await walk({ q: oldWord })).map((h) => h.id)).toEqual([id]);
    expect((await t.send('PATCH', `/api/v1/postings/${id}`, { description: `补充说明 ${newWord}` }, employerKm)).statusCode).toBe(200);
    expect((await walk({ q: newWord })).map((h) => h.id)).toEqual([id]);
    expect((await t.send('PATCH', `/api/v1/postings/${id}`, { title: '理货员' }, employerKm)).statusCode).toBe(200);
    expect((await walk({ q: oldWord })).map((h) => h.id)).toEqual([]);
    expect((await walk({ q: newWord })).map((h) => h.id)).toEqual([id]);
  });

  it('the reindex step writes missing or stale documents in batches, the same as the write paths did, and nothing when none is stale', async () => {
    const platform = `S08${unique()}`;
    const ids = await load(platform, Array.from({ length: 7 }, (_, i) => ({ id: `R${i}`, title: `包装工${i}`, company: '昆明测试食品有限公司', description: 'C++ 与 C# 都不用，包吃住。' })));
    const docs = () => t.deps.db.selectFrom('postings').select(['id', 'search_document', 'search_version']).where('source_platform', '=', platform).orderBy('id').execute();
    const before = await docs();
    expect(before.every((r) => r.search_version === 1 && r.search_document)).toBe(true);
    await market.reindexSearch(t.deps); // whatever other files left stale
    await t.deps.db.updateTable('postings').set({ search_document: null, search_version: null }).where('source_platform', '=', platform).execute();
    await t.deps.db.updateTable('postings').set({ search_version: 0 }).where('id', '=', ids.get('R0') as number).execute();
    expect(await market.reindexSearch(t.deps, { batch: 3 })).toBe(7);
    expect(await docs()).toEqual(before);
    expect(await market.reindexSearch(t.deps)).toBe(0);
  });
});
