// The search analyzer (issue 10's first layer): folding, jargon kept whole, place names as people
// type them, symbols and widths (case postings-and-search 05), queries with no words, lexemes
// that PostgreSQL's to_tsvector('simple') keeps as they are, and the speed over real ads. The
// divisions come from the test database (the reference module's table, as the app will read it);
// matching is checked twice: by the token rule (every term's phrase side by side in one field,
// or one of its alternatives) and by PostgreSQL's @@ on the real tsvector and tsquery.
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDbUrl } from '../../../../../test/helpers/db.ts';
import { sharedAvailable, sharedPath } from '../../../../../test/helpers/shared-inputs.ts';
import type { DivisionInput } from '../ingest/region.ts';
import {
  createSearchAnalyzer,
  jargonEntries,
  normalizeForSearch,
  QUERY_LIMITS,
  type QueryTerm,
  type SearchAnalyzer,
  segmenter,
  tsqueryText,
  type WeightedTokens,
  weightedTexts,
} from './analyze.ts';

let client: pg.Client;
let analyzer: SearchAnalyzer;

beforeAll(async () => {
  client = new pg.Client({ connectionString: appDbUrl() });
  await client.connect();
  const divisions = (await client.query<DivisionInput>('SELECT code, name, level, parent_code, active FROM divisions')).rows;
  analyzer = createSearchAnalyzer({ divisions, province: '530000' });
});
afterAll(async () => {
  await client?.end();
});

type Posting = { title: string; company?: string; skills?: string; benefits?: string; description?: string; divisionCode?: string };

/** Whether `doc` matches every term: the phrase at consecutive positions of one field, or one alternative anywhere. */
function matches(terms: readonly QueryTerm[], doc: WeightedTokens): boolean {
  const fields = [doc.A, doc.B, doc.C, doc.D];
  const has = (phrase: readonly string[]) => fields.some((f) => f.some((_, i) => phrase.every((l, k) => f[i + k] === l)));
  return terms.length > 0 && terms.every((t) => has(t.phrase) || t.alternatives.some((a) => has([a])));
}

const VECTOR = `setweight(to_tsvector('simple', $1), 'A') || setweight(to_tsvector('simple', $2), 'B') || setweight(to_tsvector('simple', $3), 'C') || setweight(to_tsvector('simple', $4), 'D')`;

/** PostgreSQL's answer: the posting's weighted tsvector @@ to_tsquery('simple', the terms' text). */
async function pgMatches(terms: readonly QueryTerm[], doc: WeightedTokens, mode: 'all' | 'any' = 'all'): Promise<boolean> {
  const w = weightedTexts(doc);
  const r = await client.query<{ m: boolean }>(`SELECT (${VECTOR}) @@ to_tsquery('simple', $5) AS m`, [w.A, w.B, w.C, w.D, tsqueryText(terms, mode)]);
  return r.rows[0]?.m === true;
}

const words = (q: string) => analyzer.queryTokens(q).map((t) => [...t.phrase, ...t.alternatives]);
const all = (doc: WeightedTokens) => [...doc.A, ...doc.B, ...doc.C, ...doc.D];

describe('normalizeForSearch', () => {
  it('folds widths and case, removes invisible characters, collapses whitespace', () => {
    expect(normalizeForSearch('Ｃ＋＋')).toBe('c++');
    expect(normalizeForSearch('ｃ＃')).toBe('c#');
    expect(normalizeForSearch('ＪＡＶＡ　开发')).toBe('java 开发');
    expect(normalizeForSearch('（包吃住）')).toBe('(包吃住)');
    expect(normalizeForSearch('\u200b普\u200d工\ufeff')).toBe('普工');
    expect(normalizeForSearch('  Node.JS\t\n 全栈 ')).toBe('node.js 全栈');
    expect(normalizeForSearch('')).toBe('');
    expect(normalizeForSearch(null)).toBe('');
  });
});

describe('jargon', () => {
  const ISSUE = ['普工', '包吃住', '五险一金', '叉车工', '双休', '长白班', '电焊工', '缝纫工', '月结', '日结'];

  it("keeps the issue's jargon whole in a posting and in a query, alone or run together", () => {
    const doc = analyzer.documentTokens({ title: '招聘普工叉车工电焊工缝纫工', benefits: '包吃住五险一金双休长白班月结日结' });
    for (const w of ISSUE) {
      expect(all(doc)).toContain(w);
      expect(words(w)).toEqual([[w]]);
    }
    expect(words('普工包吃住')).toEqual([['普工'], ['包吃住']]);
    expect(words('叉车工日结')).toEqual([['叉车工'], ['日结']]);
  });

  it('every word of jargon.dict.txt is one word now and was cut into pieces by the default dictionary', () => {
    const plain = Jieba.withDict(dict);
    const entries = jargonEntries();
    expect(entries.length).toBeGreaterThan(100);
    for (const { word } of entries) {
      expect(segmenter().cut(word, false), word).toEqual([word]);
      expect(plain.cut(word, false).length, `${word} is whole without the jargon`).toBeGreaterThan(1);
    }
  });

  it('takes no characters from longer neighbours (the frequencies are low enough)', () => {
    const plain = Jieba.withDict(dict);
    for (const s of ['组装工艺', '喷漆工作', '冲压工艺设计', '汽车工程师', '叉车工作', '今日结算', '每月结算', '打磨工具', '生产工艺', '主播放', '后端口']) {
      expect(segmenter().cut(s, false), s).toEqual(plain.cut(s, false));
    }
  });

  it('a lone character beside other words is not required; alone it is', () => {
    expect(words('在昆明招普工')).toEqual([['昆明', 'dv530100'], ['普工']]);
    expect(words('普工 的')).toEqual([['普工']]);
    expect(words('车')).toEqual([['车']]);
    expect(words('云栈科技')).toEqual([['云', '栈'], ['科技']]);
  });

  it('a query for a word inside a longer posting word finds it (电焊 in 电焊工, 叉车 in 叉车工)', () => {
    const doc = analyzer.documentTokens({ title: '电焊工', description: '叉车工，包吃住' });
    expect(matches(analyzer.queryTokens('电焊'), doc)).toBe(true);
    expect(matches(analyzer.queryTokens('叉车'), doc)).toBe(true);
    expect(matches(analyzer.queryTokens('吃住'), doc)).toBe(true);
  });
});

describe('place names', () => {
  const at = (divisionCode: string, title = '普工') => analyzer.documentTokens({ title, divisionCode });

  it('a prefecture by its full name and its short forms names the same division', () => {
    for (const q of ['昆明市', '昆明']) expect(analyzer.queryTokens(q)).toEqual([{ phrase: [q], alternatives: ['dv530100'] }]);
    for (const q of ['红河哈尼族彝族自治州', '红河州', '红河']) expect(analyzer.queryTokens(q)).toEqual([{ phrase: [q], alternatives: ['dv532500'] }]);
    expect(analyzer.queryTokens('大理州')).toEqual([{ phrase: ['大理州'], alternatives: ['dv532900'] }]);
  });

  it('a county with and without its suffix names the county; 红河 is the prefecture, 红河县 the county', () => {
    for (const q of ['五华区', '五华']) expect(analyzer.queryTokens(q)).toEqual([{ phrase: [q], alternatives: ['dv530102'] }]);
    for (const q of ['宣威市', '宣威']) expect(analyzer.queryTokens(q)).toEqual([{ phrase: [q], alternatives: ['dv530381'] }]);
    for (const q of ['石林彝族自治县', '石林']) expect(analyzer.queryTokens(q)).toEqual([{ phrase: [q], alternatives: ['dv530126'] }]);
    expect(analyzer.queryTokens('红河县')).toEqual([{ phrase: ['红河县'], alternatives: ['dv532529'] }]);
  });

  it('a posting carries its county and every division above; a place query finds postings there whatever their text', async () => {
    expect(at('530102').D).toEqual(['dv530102', 'dv530100', 'dv530000']);
    expect(at('532503').D).toEqual(['dv532503', 'dv532500', 'dv530000']);
    for (const [q, inside, outside] of [
      ['红河 普工', '532503', '530102'],
      ['红河州普工', '532529', '530381'],
      ['红河哈尼族彝族自治州 普工', '532501', '530100'],
      ['昆明 普工', '530102', '532503'],
      ['五华 普工', '530102', '530103'],
      ['宣威普工', '530381', '530302'],
      ['云南 普工', '530381', '110101'],
    ] as const) {
      const terms = analyzer.queryTokens(q);
      expect(matches(terms, at(inside)), `${q} in ${inside}`).toBe(true);
      expect(matches(terms, at(outside)), `${q} not in ${outside}`).toBe(false);
      expect(await pgMatches(terms, at(inside))).toBe(true);
      expect(await pgMatches(terms, at(outside))).toBe(false);
    }
  });

  it('a place written in a posting is found by any of its names (a Kunming posting that names 红河州)', async () => {
    const doc = analyzer.documentTokens({ title: '销售代表', description: '负责红河州市场，常驻蒙自', divisionCode: '530102' });
    for (const q of ['红河', '红河州', '红河哈尼族彝族自治州', '蒙自市', '蒙自']) {
      expect(matches(analyzer.queryTokens(q), doc), q).toBe(true);
      expect(await pgMatches(analyzer.queryTokens(q), doc), q).toBe(true);
    }
    expect(matches(analyzer.queryTokens('宣威'), doc)).toBe(false);
  });

  it('outside the province a short form is no place (五华 is not Guangdong’s 五华县 here; 北京 stays a word)', () => {
    expect(analyzer.queryTokens('北京')).toEqual([{ phrase: ['北京'], alternatives: [] }]);
    expect(analyzer.places.byName.get('五华')?.code).toBe('530102');
  });
});

describe('symbols and widths (case postings-and-search 05)', () => {
  const CASE = 'cases/postings-and-search/05-symbols-in-queries.json';
  const available = sharedAvailable(CASE);
  type Case = {
    postings: { key: string; title: string; company: string; description: string }[];
    queries: { q: string; must_find: string[]; must_not_find: string[] }[];
    also_ranked: { q: string };
    raw_queries_never_500: (string | { repeat: string; times: number } | { numbered: string; from: number; to: number; sep: string })[];
  };
  const read = (): Case => JSON.parse(readFileSync(sharedPath(CASE), 'utf8'));

  it.skipIf(!available)("each query's terms are in the postings it must find and not in those it must not find, by the token rule and by PostgreSQL", async () => {
    const c = read();
    const docs = new Map(c.postings.map((p) => [p.key, analyzer.documentTokens({ ...p, divisionCode: '530102' })]));
    for (const { q, must_find, must_not_find } of c.queries) {
      const terms = analyzer.queryTokens(q);
      expect(terms.length, q).toBeGreaterThan(0);
      for (const key of must_find) {
        expect(matches(terms, docs.get(key) as WeightedTokens), `${q} finds ${key}`).toBe(true);
        expect(await pgMatches(terms, docs.get(key) as WeightedTokens), `${q} finds ${key} in PostgreSQL`).toBe(true);
      }
      for (const key of must_not_find) {
        expect(matches(terms, docs.get(key) as WeightedTokens), `${q} does not find ${key}`).toBe(false);
        expect(await pgMatches(terms, docs.get(key) as WeightedTokens), `${q} does not find ${key} in PostgreSQL`).toBe(false);
      }
    }
  });

  it('C++ is never c, C# never c; full-width forms give the same terms as half-width ones', () => {
    expect(words('C++')).toEqual([['cplusplus']]);
    expect(words('C#')).toEqual([['csharp']]);
    expect(words('Ｃ＋＋')).toEqual(words('c++'));
    expect(words('ｃ＃')).toEqual(words('C#'));
    expect(words('．ＮＥＴ')).toEqual(words('.NET'));
    expect(words('Node.js')).toEqual(words('nodejs'));
    expect(words('C/C++')).toEqual([['c', 'cplusplus']]);
    expect(words('TCP/IP')).toEqual([['tcpip']]);
    const cpp = analyzer.documentTokens({ title: 'C++开发', description: '熟悉C++11/14' });
    expect(all(cpp)).not.toContain('c');
    expect(all(analyzer.documentTokens({ title: 'C#开发' }))).not.toContain('c');
  });

  it.skipIf(!available)('普工 包吃住 is a valid query; with any-term matching the posting with both words ranks first', async () => {
    const c = read();
    const terms = analyzer.queryTokens(c.also_ranked.q);
    expect(tsqueryText(terms)).toBe("'普工' & '包吃住'");
    const p11 = analyzer.documentTokens({ ...(c.postings.find((p) => p.key === 'P11') as Posting) });
    const p12 = analyzer.documentTokens({ ...(c.postings.find((p) => p.key === 'P12') as Posting) });
    expect(await pgMatches(terms, p11)).toBe(true);
    expect(await pgMatches(terms, p12)).toBe(false);
    expect(await pgMatches(terms, p12, 'any')).toBe(true);
    const rank = async (doc: WeightedTokens) => {
      const w = weightedTexts(doc);
      const r = await client.query<{ r: number }>(`SELECT ts_rank(${VECTOR}, to_tsquery('simple', $5)) AS r`, [w.A, w.B, w.C, w.D, tsqueryText(terms, 'any')]);
      return Number(r.rows[0]?.r);
    };
    expect(await rank(p11)).toBeGreaterThan(await rank(p12));
  });

  it.skipIf(!available)('every raw query gives terms (or none) that PostgreSQL parses; long ones are capped', async () => {
    const c = read();
    const queries = c.raw_queries_never_500.map((q) =>
      typeof q === 'string'
        ? q
        : 'repeat' in q
          ? q.repeat.repeat(q.times)
          : Array.from({ length: q.to - q.from + 1 }, (_, i) => `${q.numbered}${q.from + i}`).join(q.sep),
    );
    for (const q of queries) {
      const terms = analyzer.queryTokens(q);
      expect(terms.length).toBeLessThanOrEqual(QUERY_LIMITS.terms);
      const text = tsqueryText(terms);
      if (!terms.length) continue;
      const r = await client.query<{ q: string }>(`SELECT to_tsquery('simple', $1)::text AS q`, [text]);
      expect(r.rows[0]?.q, q.slice(0, 40)).not.toBe('');
    }
    expect(words('普工 '.repeat(4000))).toEqual([['普工']]);
    expect(words('C++'.repeat(200))).toEqual([['cplusplus']]);
  });

  it('punctuation-only, symbol-only and empty queries give no terms and no error', () => {
    for (const q of ['', '   ', '！！！', '（', '\\', '|', '&', '!', ':*', "'", '%', '_', '<->', '\u200b', '。，、；', '++', '#', '...', '---', '///']) {
      expect(analyzer.queryTokens(q), JSON.stringify(q)).toEqual([]);
      expect(tsqueryText(analyzer.queryTokens(q))).toBe('');
    }
    expect(words('普工%')).toEqual([['普工']]);
    expect(words('100%')).toEqual([['100']]);
  });

  it("an employer's own job code in a title is found as typed, in any width or case, and no other code is", async () => {
    const doc = analyzer.documentTokens({ title: '普工（JX-2024-031）', description: '流水线作业', divisionCode: '530102' });
    for (const q of ['JX-2024-031', 'jx-2024-031', 'ＪＸ－２０２４－０３１', 'JX-2024-031 普工']) {
      expect(matches(analyzer.queryTokens(q), doc), q).toBe(true);
      expect(await pgMatches(analyzer.queryTokens(q), doc), q).toBe(true);
    }
    expect(matches(analyzer.queryTokens('JX-2024-032'), doc)).toBe(false);
    expect(await pgMatches(analyzer.queryTokens('JX-2024-032'), doc)).toBe(false);
  });
});

describe('lexemes PostgreSQL keeps as given', () => {
  it("to_tsvector('simple', …) of a posting's tokens has exactly those lexemes at those positions", async () => {
    const docs = [
      analyzer.documentTokens({ title: 'C++/C#/.NET/ASP.NET/Node.js/Vue.js/HTML5/5G/3D/PLC/S7-1200/TCP/IP 工程师', description: 'c++11、g++、f#、vb.net、python3.8、8000.00元、1+x证书、java+python、𠮷野家、〇号、JX-2024-031、138-1234-5678' }),
      analyzer.documentTokens({ title: '普工（包吃住）', benefits: '五险一金,双休,长白班', description: '红河州蒙自市，日结', divisionCode: '532503' }),
    ];
    for (const doc of docs) for (const field of [doc.A, doc.B, doc.C, doc.D]) await expectKept(field);
  });
});

/** Asserts that to_tsvector('simple', tokens joined by spaces) holds each token at its position (1-based) and nothing else. */
async function expectKept(tokens: readonly string[]): Promise<void> {
  const r = await client.query<{ lexeme: string; positions: number[] }>(`SELECT lexeme, positions FROM unnest(to_tsvector('simple', $1))`, [tokens.join(' ')]);
  const expected = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    expected.set(t, [...(expected.get(t) ?? []), Math.min(i + 1, 16383)]);
  });
  const got = new Map(r.rows.map((row) => [row.lexeme, row.positions]));
  expect(got).toEqual(expected);
}

describe('the real ads', () => {
  const JOBS = 'data/job-ads-2024/jobs.csv';
  const available = sharedAvailable(JOBS);
  let ads: Record<string, string>[] = [];
  beforeAll(() => {
    if (available) ads = parse(readFileSync(sharedPath(JOBS)), { columns: true });
  });

  it.skipIf(!available)('every posting is found by its own title, and by its title with its company name', () => {
    const missed: string[] = [];
    for (const ad of ads) {
      const title = ad['职位'] ?? '';
      const company = ad['公司'] ?? '';
      const doc = analyzer.documentTokens({ title, company });
      if (!analyzer.queryTokens(title).length) continue;
      if (!matches(analyzer.queryTokens(title), doc) || !matches(analyzer.queryTokens(`${title} ${company}`), doc)) missed.push(title);
    }
    expect(missed).toEqual([]);
  });

  it.skipIf(!available)('the lexemes of 1,000 real ads survive to_tsvector(simple) exactly; segmenting them is timed', async () => {
    const sample = ads.filter((a) => a['职位描述']).slice(0, 1000);
    const t0 = performance.now();
    const docs = sample.map((a) => analyzer.documentTokens({ title: a['职位'] ?? '', company: a['公司'], skills: a['技能'], benefits: a['福利'], description: a['职位描述'] }));
    const allMs = performance.now() - t0;
    // twice: the first pass also fills the memo of the words inside longer words
    const times: number[] = [];
    let count = 0;
    for (let pass = 0; pass < 2; pass++) {
      const t1 = performance.now();
      count = 0;
      for (const a of sample) count += analyzer.documentTokens({ title: '', description: a['职位描述'] }).C.length;
      times.push(performance.now() - t1);
    }
    const chars = sample.reduce((n, a) => n + (a['职位描述']?.length ?? 0), 0);
    console.log(
      `[search analyzer] 1,000 real ad descriptions (${chars.toLocaleString('en')} characters, ${count.toLocaleString('en')} lexemes): ` +
        `${times.map((t) => `${t.toFixed(0)} ms`).join(' then ')}; whole postings (title, company, skills, benefits, description), first: ${allMs.toFixed(0)} ms`,
    );
    expect(count).toBeGreaterThan(100_000);
    // one round trip per field kind: PostgreSQL's lexemes and positions against ours
    for (const pick of [(d: WeightedTokens) => d.A, (d: WeightedTokens) => d.B, (d: WeightedTokens) => d.C]) {
      const texts = docs.map((d) => pick(d).join(' '));
      const r = await client.query<{ i: string; lexeme: string; positions: number[] }>(
        `SELECT x.i, v.lexeme, v.positions FROM unnest($1::text[]) WITH ORDINALITY AS x(t, i), unnest(to_tsvector('simple', x.t)) AS v`,
        [texts],
      );
      const got = new Map<number, Map<string, number[]>>();
      for (const row of r.rows) {
        const i = Number(row.i) - 1;
        got.set(i, (got.get(i) ?? new Map()).set(row.lexeme, row.positions));
      }
      docs.forEach((d, i) => {
        const expected = new Map<string, number[]>();
        pick(d).forEach((t, k) => {
          const positions = expected.get(t) ?? [];
          // PostgreSQL keeps at most 256 positions of a lexeme, the last one for every position past 16,383
          if (positions.length < 256) positions.push(Math.min(k + 1, 16383));
          expected.set(t, [...new Set(positions)]);
        });
        expect(got.get(i) ?? new Map(), `ad ${i}`).toEqual(expected);
      });
    }
  });
});
