// The posting reader beyond the shared case files (those are test/cases/postings-ingest.test.ts):
// other inputs of the same kinds, the rules' edges, and properties over the whole division table
// shipped in data/reference (no database, no ../shared).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../platform/i18n.ts';
import { describeProblem } from '../../../platform/import-rules.ts';
import { readNationalDivisions, readYunnanDivisions } from '../../reference/loader.ts';
import list from './title-occupations.json' with { type: 'json' };
import {
  beijingIso,
  buildRegionIndex,
  cleanPostingLine,
  cleanPostingText,
  type DivisionInput,
  ingestMessages,
  monthlyEquivalent,
  occupationFromTitle,
  parsePostingDate,
  parseSalary,
  parseSalaryText,
  type RegionIndex,
  readPostingRecord,
  readValidUntil,
  resolveRegion,
  titleKey,
} from './index.ts';
import { divisionNames } from './region.ts';

const REFERENCE = join(import.meta.dirname, '../../../../../data/reference');
let rows: DivisionInput[];
let regions: RegionIndex;

beforeAll(async () => {
  // as the reference loader merges them: the national table, the province's extract over it
  const merged = new Map<string, DivisionInput>();
  for (const r of await readNationalDivisions(REFERENCE)) merged.set(r.code, r);
  for (const r of await readYunnanDivisions(REFERENCE)) merged.set(r.code, r);
  // an abolished division stays in the table, inactive (decision 0022)
  merged.set('530422', { code: '530422', name: '澄江县', level: 'county', parent_code: '530400', active: false });
  rows = [...merged.values()];
  regions = buildRegionIndex(rows);
});

describe('parseSalary: the form, the columns and the edges', () => {
  const cases: [string, Parameters<typeof parseSalary>[0], Record<string, unknown>][] = [
    ['a form with its unit picker', { min: '4000', max: '6000', unit: 'MONTH' }, { min: 4000, max: 6000, unit: 'MONTH' }],
    ['a unit written 元/天', { min: '200', max: '', unit: '元/天' }, { min: 200, max: null, unit: 'DAY' }],
    ['a unit in Chinese, full-width amounts', { min: '２５', max: '３５', unit: '小时' }, { min: 25, max: 35, unit: 'HOUR' }],
    ['a unit and no amount: 面议', { min: '', max: '', unit: 'MONTH' }, { min: null, max: null, unit: null }],
    ['columns with thousands separators', { min: '8,000.00', max: '12,000' }, { min: 8000, max: 12000, unit: null }],
    ['min 0 and max 50 (LIEPIN): max kept, unit unknown', { min: '0', max: '50' }, { min: null, max: 50, unit: null }],
    ['the unit word alone in the description', { min: '3000', max: '5000', context: ['每月保底', '计件工资，多劳多得'] }, { unit: 'PIECE' }],
    ['two unit words and no matching amount: unknown', { min: '150', max: '200', context: ['日结或按时薪计'] }, { unit: null }],
    ['几薪 alone makes it monthly', { min: '6000', max: '8000', months: '14' }, { unit: 'MONTH', monthsPaid: 14 }],
    ['a salary text with months from the 几薪 column', { text: '8-10k', months: '13' }, { min: 8000, max: 10000, unit: 'MONTH', monthsPaid: 13 }],
    ['8000-1.2万: the minimum as written is larger, so the 万 is only the maximum’s', { text: '8000-1.2万' }, { min: 8000, max: 12000, unit: 'MONTH' }],
    ['3000起', { text: '3000起' }, { min: 3000, max: null, unit: 'MONTH' }],
    ['200元 alone: no unit guessed', { text: '200元' }, { min: null, max: null, unit: null, unread: '200元' }],
    ['100-150元/小时', { text: '100-150元/小时' }, { min: 100, max: 150, unit: 'HOUR' }],
    ['工资面议 with 13薪', { text: '工资面议·13薪' }, { min: null, negotiable: true, monthsPaid: 13 }],
    ['an amount before 薪 is no month count', { text: '底薪3000薪资另议' }, { min: 3000, max: null, unit: 'MONTH', monthsPaid: null }],
  ];
  it.each(cases)('%s', (_name, input, want) => {
    const r = parseSalary(input);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.salary).toMatchObject(want);
  });

  const refused: [string, Parameters<typeof parseSalary>[0], string, string][] = [
    ['a unit not listed', { min: '1', max: '2', unit: '周' }, 'salaryUnit', '计薪单位无法识别：周（可选：小时、天、件、月、年）'],
    ['a unit named like an object member', { min: '1', max: '2', unit: 'constructor' }, 'salaryUnit', '计薪单位无法识别：constructor（可选：小时、天、件、月、年）'],
    ['a unit named __proto__', { min: '1', max: '2', unit: '__proto__' }, 'salaryUnit', '计薪单位无法识别：__proto__（可选：小时、天、件、月、年）'],
    ['not a number', { min: '五千', max: '' }, 'salaryMin', '不是金额：五千（请填写数字，单位为元）'],
    ['a negative number', { min: '-100', max: '200' }, 'salaryMin', '不是金额：-100（请填写数字，单位为元）'],
    ['months out of range', { min: '5000', max: '6000', months: '30' }, 'monthsPaid', '每年发薪月数应为 1 到 24 的整数：30'],
    ['months not whole', { min: '5000', max: '6000', months: '13.5' }, 'monthsPaid', '每年发薪月数应为 1 到 24 的整数：13.5'],
    ['min > max in a form', { min: '9000', max: '6000', unit: 'MONTH' }, 'salaryMin', '最低薪资 9000 大于最高薪资 6000'],
    ['min > max in a text, quoted', { text: '1.5-1.2万' }, 'salaryText', '薪资“1.5-1.2万”中最低薪资 15000 大于最高薪资 12000'],
  ];
  it.each(refused)('refused: %s', (_name, input, field, message) => {
    const r = parseSalary(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.field).toBe(field);
    expect(t('zh-CN', r.problem.key, r.problem.params)).toBe(message);
    expect(t('en', r.problem.key, r.problem.params)).not.toBe(r.problem.key);
  });

  it('monthly equivalents: 21.75 days and 174 hours a month (劳社部发〔2008〕3号), a year in 12, none per piece or unknown', () => {
    const eq = (min: number | null, max: number | null, unit: 'HOUR' | 'DAY' | 'PIECE' | 'MONTH' | 'YEAR' | null) => monthlyEquivalent({ min, max, unit });
    expect(eq(20, 30, 'HOUR')).toEqual({ min: 3480, max: 5220 });
    expect(eq(150, null, 'DAY')).toEqual({ min: 3263, max: null });
    expect(eq(100_000, 130_000, 'YEAR')).toEqual({ min: 8333, max: 10833 });
    expect(eq(6000, 8000, 'MONTH')).toEqual({ min: 6000, max: 8000 });
    expect(eq(5, 10, 'PIECE')).toBeNull();
    expect(eq(30, 40, null)).toBeNull();
    expect(eq(null, null, null)).toBeNull();
  });

  it('a text that names no salary reads as nothing, not as 0', () => {
    for (const s of ['', '  ', '待遇优厚', '0-0', '0']) {
      const r = parseSalaryText(s);
      expect(r.ok && [r.salary.min, r.salary.max, r.salary.unit]).toEqual([null, null, null]);
    }
  });
});

describe('resolveRegion beyond the case file', () => {
  const cases: [string, string | null, string | null][] = [
    ['昆明五华区', '530102', 'county'], // run together, short form then a full name
    ['澄江县', '530481', 'county'], // the old name of a renamed county: its short form
    ['海南·海口', '460100', 'prefecture'], // an ambiguous first part settled by the next
    ['北京·朝阳区', '110105', 'county'],
    ['西安', '610100', 'prefecture'], // 西安区 (辽源, 牡丹江) without its 区 yields to 西安市
    ['中山·南头镇', '442000', 'county'], // 中山 has no counties: the national table lists the city again as its own county-level row
    ['朝阳', '211300', 'prefecture'], // 朝阳市 and 朝阳县 inside it; 朝阳区 (北京, 长春) yield
    ['中国·昆明', '530100', 'prefecture'], // a leading word that is no place is passed over
    ['东方明珠', null, null], // 东方 is 东方市 only when a name inside it follows
    ['广西·南宁', '450100', 'prefecture'],
    ['内蒙古·呼和浩特', '150100', 'prefecture'],
    ['巴音郭楞', '652800', 'prefecture'], // 巴音郭楞蒙古自治州: 蒙古 without 族
    ['云南省·楚雄州·禄丰市', '532302', 'county'],
    ['昆明 五华区', '530102', 'county'],
    ['昆明／西山区', '530112', 'county'],
    ['在家办公', null, null],
    ['自治区直辖县级行政单位', null, null],
  ];
  it.each(cases)('%s → %s', (text, code, level) => {
    const r = resolveRegion(regions, text);
    expect([r.code, r.level]).toEqual([code, level]);
  });

  it('keeps the cleaned text and the part it did not resolve', () => {
    expect(resolveRegion(regions, ' 昆明·官渡区·世纪城\u200B ')).toEqual({ code: '530111', level: 'county', text: '昆明·官渡区·世纪城', rest: '世纪城' });
    expect(resolveRegion(regions, '云南省昆明市呈贡区吴家营街道')).toMatchObject({ code: '530114', rest: '吴家营街道' });
  });

  it('never resolves a name to a county that the name is not: every name and short form of every division, alone', () => {
    const nameOf = new Map(rows.map((r) => [r.code, r]));
    const wrong: string[] = [];
    for (const r of rows) {
      if (r.active === false || !['province', 'prefecture', 'county'].includes(r.level)) continue;
      for (const [name] of divisionNames(r.name, r.level as 'province' | 'prefecture' | 'county')) {
        const got = resolveRegion(regions, name);
        if (got.level !== 'county') continue;
        const d = nameOf.get(got.code) as DivisionInput;
        if (!divisionNames(d.name, 'county').some(([n]) => n === name)) wrong.push(`${name} → ${got.code} ${d.name}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a prefecture whose short name is also a county inside it resolves to the prefecture, everywhere in the table', () => {
    const prefectures = rows.filter((r) => r.level === 'prefecture' && r.active !== false);
    const checked: string[] = [];
    for (const p of prefectures) {
      for (const [name] of divisionNames(p.name, 'prefecture')) {
        const inside = rows.filter((c) => c.parent_code === p.code && c.level === 'county' && divisionNames(c.name, 'county').some(([n, w]) => n === name && w === 2));
        if (!inside.length) continue;
        checked.push(name);
        expect(resolveRegion(regions, name).code, `${name}: ${p.name} and ${inside.map((c) => c.name).join('、')}`).toBe(p.code);
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['红河', '大理', '文山']));
  });

  it('one index answers the same text with the same answer (memoised per distinct text)', () => {
    const a = resolveRegion(regions, '红河州·蒙自市');
    expect(resolveRegion(regions, '红河州·蒙自市')).toBe(a);
    expect(a.code).toBe('532503');
  });
});

describe('cleanPostingText and cleanPostingLine', () => {
  const cases: [string, string, string][] = [
    ['paragraphs and list items are lines', '<p>岗位职责</p><ul><li>一、接待</li><li>二、登记</li></ul>', '岗位职责\n一、接待\n二、登记'],
    ['script and style content is dropped, not shown', '介绍<script>alert("x")</script><style>p{}</style>结尾', '介绍结尾'],
    ['an entity is decoded once', '&amp;lt;b&amp;gt; 与 &quot;引号&quot; &#20013;', '&lt;b&gt; 与 "引号" 中'],
    ['an ampersand escaped several times is one', '<p>零食&amp;amp;amp;物资、茶&amp;amp咖啡</p>', '零食&物资、茶&咖啡'],
    ['plain text with < and & is no HTML', '年龄<35岁，C++ & Java，5<x>', '年龄<35岁，C++ & Java，5<x>'],
    ['CR LF, trailing spaces and runs of blank lines', '第一行  \r\n\r\n\r\n\r\n第二行\u3000\r\n', '第一行\n\n第二行'],
    ['full-width spaces inside a line stay, runs of spaces fold', '包吃住　　五险一金   双休', '包吃住　　五险一金 双休'],
    ['an inch mark and a quote stay', '27"显示器，"急招"', '27"显示器，"急招"'],
    ['a tag left open swallows nothing after it', '<b>加粗<br>下一行', '加粗\n下一行'],
  ];
  it.each(cases)('%s', (_name, raw, want) => {
    expect(cleanPostingText(raw)).toBe(want);
  });

  it('single-line fields fold line breaks and decode entities', () => {
    expect(cleanPostingLine('前端&amp;后端\n工程师&nbsp;')).toBe('前端&后端 工程师');
    expect(cleanPostingLine(undefined)).toBe('');
  });
});

describe('parsePostingDate and readValidUntil', () => {
  const cases: [string, string | null][] = [
    ['2025-03-01T09:30:00+08:00', '2025-03-01T09:30:00+08:00'],
    ['2025-03-01T01:30:00Z', '2025-03-01T09:30:00+08:00'],
    ['2025-03-01T09:30:00+0800', '2025-03-01T09:30:00+08:00'],
    ['2025-03-01 09:30:00', '2025-03-01T09:30:00+08:00'],
    ['2025-03-01 09:30', '2025-03-01T09:30:00+08:00'],
    ['2025/3/1 9:30', '2025-03-01T09:30:00+08:00'],
    ['２０２５－０３－０１　０９：３０', '2025-03-01T09:30:00+08:00'],
    ['2025年3月1日', '2025-03-01T00:00:00+08:00'],
    ['45717.395833333336', '2025-03-01T09:30:00+08:00'],
    ['45717.3958', '2025-03-01T09:29:57+08:00'], // 0.3958 of a day is 34,197 s
    ['45717', '2025-03-01T00:00:00+08:00'],
    ['', null],
  ];
  it.each(cases)('%s', (raw, want) => {
    const r = parsePostingDate(raw);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.at && beijingIso(r.at)).toBe(want);
  });

  it.each(['2025-02-30', '2025-03-01 24:00', '2025-13-01', '100', '45717x', '1e5', '明天', '2025-03-01T09:30:00'.replace('T', 'X')])('refuses %s naming the value', (raw) => {
    const r = parsePostingDate(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(t('zh-CN', r.problem.key, r.problem.params)).toBe(`日期无法识别：${raw}（例如 2025-03-01 09:30）`);
  });

  it('a valid-until date alone means until 23:59:59 Beijing time that day (issue 9); a time is kept', () => {
    const at = (raw: string) => {
      const r = readValidUntil(raw);
      return r.ok && r.at ? beijingIso(r.at) : r;
    };
    expect(at('2025-03-31')).toBe('2025-03-31T23:59:59+08:00');
    expect(at('2025年3月31日')).toBe('2025-03-31T23:59:59+08:00');
    expect(at('45747')).toBe('2025-03-31T23:59:59+08:00');
    expect(at('2025-03-31 12:00')).toBe('2025-03-31T12:00:00+08:00');
    expect(readValidUntil('')).toEqual({ ok: true, at: null });
  });
});

describe('occupationFromTitle and the committed list', () => {
  it('finds the commonest titles however they are spaced, cased or annotated', () => {
    expect(titleKey(' Java 开发工程师（五险一金）')).toBe('java开发工程师');
    expect(occupationFromTitle('Ｊａｖａ开发工程师【急招】')).toBe('2-02');
    expect(occupationFromTitle('普工')).toBe('6');
    expect(occupationFromTitle('护士')).toBe('2-05');
    expect(occupationFromTitle('一个没人写过的职位名称')).toBeNull();
  });

  it('gives the code at the finest level loaded: the medium group, else the major group, else none', () => {
    expect(occupationFromTitle('护士', new Set(['2', '2-05']))).toBe('2-05');
    expect(occupationFromTitle('护士', new Set(['1', '2', '3', '4', '5', '6', '7', '8']))).toBe('2');
    expect(occupationFromTitle('护士', new Set())).toBeNull();
  });

  it('holds only derived title → code pairs with valid codes of the groups it names, each title once', () => {
    const file = list as { groups: Record<string, string>; entries: Record<string, unknown>[] };
    expect(file.entries.length).toBeGreaterThan(100);
    const titles = new Set<string>();
    for (const e of file.entries) {
      expect(Object.keys(e).sort()).toEqual(['code', 'count', 'group', 'title']);
      expect(e.code).toMatch(/^\d(-\d{2}){0,3}$/);
      expect(file.groups[e.code as string]).toBe(e.group);
      expect(titleKey(e.title as string)).toBe(e.title);
      expect(titles.has(e.title as string)).toBe(false);
      titles.add(e.title as string);
    }
  });
});

describe('readPostingRecord', () => {
  const ctx = () => ({ regions, kind: 'import' as const });

  it('an import row: source, employer from 招聘公司 else 公司, region, salary, dates, occupation', () => {
    const r = readPostingRecord(
      { sourceId: ' BOSS_1 ', platform: 'BOSS', url: 'https://example.invalid/1', title: 'Java开发工程师', company: '云南某某科技有限公司', employer: '', region: '昆明·五华区', salaryMin: '8000.00', salaryMax: '12000.00', months: '13', publishedAt: '45717.395833333336', description: '负责开发&amp;维护<br />第二行' },
      5,
      ctx(),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.posting).toMatchObject({
      line: 5,
      source: { platform: 'BOSS', id: 'BOSS_1', url: 'https://example.invalid/1' },
      employerName: '云南某某科技有限公司',
      divisionCode: '530102',
      divisionLevel: 'county',
      salary: { min: 8000, max: 12000, unit: 'MONTH', monthsPaid: 13 },
      monthlyEquivalent: { min: 8000, max: 12000 },
      occupationCode: '2-02',
      description: '负责开发&维护\n第二行',
      validThrough: null,
    });
    expect(r.posting.firstPublishedAt && beijingIso(r.posting.firstPublishedAt)).toBe('2025-03-01T09:30:00+08:00');
  });

  it('lists every problem of a record at once, each naming its line, column and field', () => {
    const r = readPostingRecord({ sourceId: '', platform: 'BOSS', title: '', company: '', salaryMin: 'abc', publishedAt: '2025-02-30', headcount: '三个' }, 42, ctx());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.row, p.column, p.field, p.key])).toEqual([
      [42, '职位', 'title', 'posting_value_required'],
      [42, '职位自编号', 'sourceId', 'posting_value_required'],
      [42, '招聘公司', 'employerName', 'posting_value_required'],
      [42, '最低薪资', 'salaryMin', 'posting_salary_not_number'],
      [42, '招聘人数', 'headcount', 'posting_headcount_invalid'],
      [42, '首次发布时间', 'firstPublishedAt', 'posting_date_invalid'],
    ]);
    expect(r.problems.map((p) => describeProblem('zh-CN', p))).toEqual([
      '第 42 行，职位：必填',
      '第 42 行，职位自编号：必填',
      '第 42 行，招聘公司：必填',
      '第 42 行，最低薪资：不是金额：abc（请填写数字，单位为元）',
      '第 42 行，招聘人数：招聘人数应为 1 到 100000 的整数：三个',
      '第 42 行，首次发布时间：日期无法识别：2025-02-30（例如 2025-03-01 09:30）',
    ]);
    expect(describeProblem('en', r.problems[0] as (typeof r.problems)[0])).toBe('row 42, 职位: required');
  });

  it('a title or company of HTML tags only is told apart from a blank one: posting_markup_only', () => {
    const r = readPostingRecord({ sourceId: 'X1', platform: 'BOSS', title: '<script>alert(1)</script>', company: '<b></b>&nbsp;' }, 7, ctx());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.field, p.key])).toEqual([
      ['title', 'posting_markup_only'],
      ['employerName', 'posting_markup_only'],
    ]);
    expect(describeProblem('zh-CN', r.problems[0] as (typeof r.problems)[0])).toBe('第 7 行，职位：只有 HTML 标记，去掉标记后没有文字');
  });

  it('a form: no source, the employer is the caller’s; headcount, unit picker and valid-until checked', () => {
    const ok = readPostingRecord({ title: '  收银员 ', salaryMin: '20', salaryMax: '25', salaryUnit: 'HOUR', headcount: '３人', validUntil: '2025-03-31', region: '红河' }, 0, { regions, kind: 'form' });
    expect(ok.ok && ok.posting).toMatchObject({ source: null, employerName: '', title: '收银员', headcount: 3, salary: { unit: 'HOUR', min: 20, max: 25 }, divisionCode: '532500', occupationCode: '4-01' });
    expect(ok.ok && ok.posting.validThrough && beijingIso(ok.posting.validThrough)).toBe('2025-03-31T23:59:59+08:00');
    const bad = readPostingRecord({ title: 'x'.repeat(101), publishedAt: '2025-04-01', validUntil: '2025-03-31', headcount: '0.5' }, 0, { regions, kind: 'form' });
    expect(bad.ok ? [] : bad.problems.map((p) => [p.field, p.key, p.params ?? {}])).toEqual([
      ['title', 'posting_text_too_long', { max: 100 }],
      ['headcount', 'posting_headcount_invalid', { value: '0.5' }],
      ['validThrough', 'posting_valid_until_before_published', { until: '2025-03-31', published: '2025-04-01' }],
    ]);
    const some = readPostingRecord({ title: '保洁员', headcount: '若干' }, 0, { regions, kind: 'form' });
    expect(some.ok && some.posting.headcount).toBeNull();
  });

  it('an unresolved 地区 is no problem: the text is kept and the record loads', () => {
    const r = readPostingRecord({ sourceId: 'x1', platform: 'P', title: '普工', company: '某厂', region: '全国' }, 2, ctx());
    expect(r.ok && [r.posting.divisionCode, r.posting.regionText]).toEqual([null, '全国']);
  });
});

describe('messages', () => {
  it('every message has both languages and its placeholders in both', () => {
    for (const [key, m] of Object.entries(ingestMessages)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
      expect(m.zh, key).not.toBe('');
      expect(m.en, key).not.toBe('');
      expect(names(m.en), key).toEqual(names(m.zh));
      expect(/[\u4e00-\u9fff]/.test(m.en), `${key}: English text with Chinese in it`).toBe(false);
      expect(t('en', key)).toBe(m.en);
    }
  });
});
