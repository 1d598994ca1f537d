// One posting record, whichever way it came in (issue 9: "every way a posting comes in goes through
// the same reading and normalising code"): a row of `yunqiao import postings` read by the shared
// sheet/CSV reader (platform/sheets, decision 0021) with POSTING_COLUMNS, or an employer's or
// agency's form (the same keys). Pure: the division index and the loaded occupation codes come in
// through `ctx`; nothing here reads the database or the clock.
import type { RawDetail } from '../../../http/errors.ts';
import type { ColumnSpec, SheetSpec } from '../../../platform/sheets/types.ts';
import { normaliseNumber, normaliseText } from '../../../../shared/text.ts';
import './messages.ts';
import { occupationFromTitle, type OccupationLookup } from './occupation.ts';
import { type RegionIndex, resolveRegion } from './region.ts';
import { monthlyEquivalent, parseSalary, type Salary, type SalaryProblem } from './salary.ts';
import { cleanPostingLine, cleanPostingText, parsePostingDate } from './text.ts';

/**
 * The columns of the platforms' export (the header of ../shared/data/job-ads-2024/jobs.csv) and
 * the form's keys: `key` is the raw record's key, `header` the export's column (problems name the
 * column by it). 有效期至 and the form-only keys are optional in a file.
 */
export const POSTING_COLUMNS = [
  { key: 'sourceId', header: '职位自编号', kind: 'text', optional: true },
  { key: 'platform', header: '发布平台', kind: 'text', optional: true },
  { key: 'url', header: '职位访问地址', kind: 'text', optional: true },
  { key: 'title', header: '职位', aliases: ['职位名称', '岗位名称'], kind: 'text' },
  { key: 'company', header: '公司', kind: 'text', optional: true },
  { key: 'region', header: '地区', aliases: ['工作地区', '工作地点'], kind: 'text', optional: true },
  { key: 'address', header: '地址', aliases: ['工作地址'], kind: 'text', optional: true },
  { key: 'description', header: '职位描述', aliases: ['岗位描述', '岗位职责'], kind: 'text', optional: true },
  { key: 'education', header: '学历', aliases: ['学历要求'], kind: 'text', optional: true },
  { key: 'experience', header: '所需经验', aliases: ['工作经验', '经验要求'], kind: 'text', optional: true },
  { key: 'salaryMin', header: '最低薪资', kind: 'text', optional: true },
  { key: 'salaryMax', header: '最高薪资', kind: 'text', optional: true },
  { key: 'months', header: '几薪', aliases: ['发薪月数'], kind: 'text', optional: true },
  { key: 'salaryUnit', header: '计薪单位', kind: 'text', optional: true },
  { key: 'salaryText', header: '薪资', aliases: ['薪资待遇', '月薪'], kind: 'text', optional: true },
  { key: 'publishedAt', header: '首次发布时间', aliases: ['发布时间', '发布日期'], kind: 'text', optional: true },
  { key: 'employer', header: '招聘公司', aliases: ['招聘单位', '用人单位'], kind: 'text', optional: true },
  { key: 'skills', header: '技能', kind: 'text', optional: true },
  { key: 'benefits', header: '福利', aliases: ['福利待遇'], kind: 'text', optional: true },
  { key: 'headcount', header: '招聘人数', kind: 'text', optional: true },
  { key: 'contact', header: '联系方式', kind: 'text', optional: true },
  { key: 'validUntil', header: '有效期至', aliases: ['截止日期', '有效期'], kind: 'text', optional: true },
] as const satisfies readonly ColumnSpec[];

export type PostingColumnKey = (typeof POSTING_COLUMNS)[number]['key'];

/** The reader's spec for a postings file (a 30k-row export fits; the reader stops past maxRows). */
export const POSTING_SHEET_SPEC: SheetSpec = { columns: POSTING_COLUMNS, maxRows: 200_000 };

/** Longest values kept, in characters (code points); longer is refused naming the field. The real export's longest description is 6,661. */
export const POSTING_LIMITS = { title: 100, employerName: 200, address: 200, description: 10_000, benefits: 500, skills: 500, education: 50, experience: 50, contact: 100, sourceId: 64, platform: 32, url: 2000, regionText: 100 } as const;

/** A normalised posting, ready to be compared, hashed and stored. Texts cleaned (./text.ts); '' when not given. */
export type PostingInput = {
  /** The file line where the record starts (CSV), the sheet row, or 0 for a form. */
  line: number;
  source: { platform: string; id: string; url: string } | null;
  title: string;
  /** 招聘公司, else 公司 (a form leaves it '' and the service fills the employer's name). */
  employerName: string;
  /** 地区 as cleaned, kept whether or not it resolved. */
  regionText: string;
  /** The division 地区 resolved to, or null (全国, 海南, empty …). */
  divisionCode: string | null;
  divisionLevel: 'province' | 'prefecture' | 'county' | null;
  address: string;
  description: string;
  benefits: string;
  skills: string;
  education: string;
  experience: string;
  salary: Salary;
  /** Monthly equivalent of the salary (21.75 days, 174 hours), whole yuan; null when it has none. */
  monthlyEquivalent: { min: number | null; max: number | null } | null;
  /** From the title through the committed title list, at the finest level loaded; null when none. */
  occupationCode: string | null;
  headcount: number | null;
  contact: string;
  firstPublishedAt: Date | null;
  /** The last instant open: a date alone means 23:59:59 Beijing time that day; null when not given. */
  validThrough: Date | null;
};

/** A field problem of one record: `row` the record's line, `column` the export's header ('' for the whole record), `field` the PostingInput key. */
export type PostingProblem = RawDetail & { row: number; field: string };

export type ReadContext = {
  /** Built once per import (buildRegionIndex). */
  regions: RegionIndex;
  /** Which occupation codes are loaded (the reference table): the title's code falls back to its loaded ancestor. */
  occupations?: OccupationLookup;
  /** 'import': source platform and id required, employer from 招聘公司/公司; 'form': the actor's employer, no source. */
  kind: 'import' | 'form';
};

export type ReadResult = { ok: true; posting: PostingInput } | { ok: false; problems: PostingProblem[] };

const HEADER: Readonly<Record<string, string>> = Object.fromEntries(POSTING_COLUMNS.map((c) => [c.key, c.header]));
/** The column a PostingInput field's problems name. */
const COLUMN_OF: Readonly<Record<string, string>> = { salaryMin: '最低薪资', salaryMax: '最高薪资', monthsPaid: '几薪', salaryUnit: '计薪单位', salaryText: '薪资' };

/**
 * Why a required text read as empty: nothing written (posting_value_required), or only HTML tags
 * and entities that cleaning removed (`<b></b>`, `<script>…</script>`, `&nbsp;`: posting_markup_only).
 */
export function emptyKey(raw: string | null | undefined): 'posting_value_required' | 'posting_markup_only' {
  return normaliseText(raw ?? '') ? 'posting_markup_only' : 'posting_value_required';
}

/**
 * Reads one record: `raw` by POSTING_COLUMNS key (a reader's row cells, or a form's body as
 * strings), `line` where the record starts (problems are numbered by it), `ctx` as above.
 *
 * Returns the normalised posting, or every problem found (not only the first), each naming the
 * line, the column (the export's header) and the field, with a message key of ./messages.ts:
 * posting_value_required (职位; for an import also 职位自编号, 发布平台 and 公司 or 招聘公司),
 * posting_markup_only (职位, 公司: a value that was HTML tags or entities only, empty once cleaned),
 * posting_text_too_long {max} (POSTING_LIMITS), salary problems (./salary.ts; min > max names the
 * whole record: "第 18 行：最低薪资 9000 大于最高薪资 6000"), posting_date_invalid {value},
 * posting_headcount_invalid {value}, posting_valid_until_before_published. A 地区 that does not
 * resolve is no problem (the text is kept, the row loads). Never throws.
 */
export function readPostingRecord(raw: Readonly<Record<string, string | undefined>>, line: number, ctx: ReadContext): ReadResult {
  const problems: PostingProblem[] = [];
  const get = (k: PostingColumnKey) => raw[k] ?? '';
  const problem = (field: string, key: string, params?: Record<string, string | number>, column?: string) =>
    problems.push({ row: line, column: column ?? HEADER[field] ?? COLUMN_OF[field] ?? '', field, key, ...(params ? { params } : {}) });
  const line1 = (k: PostingColumnKey, max: number, field: string = k) => {
    const v = cleanPostingLine(get(k));
    if ([...v].length > max) problem(field, 'posting_text_too_long', { max }, HEADER[k]);
    return v;
  };
  const lines = (k: PostingColumnKey, max: number) => {
    const v = cleanPostingText(get(k));
    if ([...v].length > max) problem(k, 'posting_text_too_long', { max });
    return v;
  };

  const title = line1('title', POSTING_LIMITS.title);
  if (!title) problem('title', emptyKey(get('title')));
  let source: PostingInput['source'] = null;
  let employerName = '';
  if (ctx.kind === 'import') {
    const id = normaliseText(get('sourceId'));
    const platform = normaliseText(get('platform'));
    if (!id) problem('sourceId', 'posting_value_required');
    else if ([...id].length > POSTING_LIMITS.sourceId) problem('sourceId', 'posting_text_too_long', { max: POSTING_LIMITS.sourceId });
    if (!platform) problem('platform', 'posting_value_required');
    else if ([...platform].length > POSTING_LIMITS.platform) problem('platform', 'posting_text_too_long', { max: POSTING_LIMITS.platform });
    const url = normaliseText(get('url'));
    if ([...url].length > POSTING_LIMITS.url) problem('url', 'posting_text_too_long', { max: POSTING_LIMITS.url });
    source = { platform, id, url };
    employerName = cleanPostingLine(get('employer')) || cleanPostingLine(get('company'));
    if (!employerName) problem('employerName', emptyKey(`${get('employer')}${get('company')}`), undefined, HEADER.employer);
    else if ([...employerName].length > POSTING_LIMITS.employerName) problem('employerName', 'posting_text_too_long', { max: POSTING_LIMITS.employerName }, HEADER.employer);
  }
  const regionText = line1('region', POSTING_LIMITS.regionText, 'regionText');
  const address = line1('address', POSTING_LIMITS.address);
  const description = lines('description', POSTING_LIMITS.description);
  const benefits = line1('benefits', POSTING_LIMITS.benefits);
  const skills = line1('skills', POSTING_LIMITS.skills);
  const education = line1('education', POSTING_LIMITS.education);
  const experience = line1('experience', POSTING_LIMITS.experience);
  const contact = line1('contact', POSTING_LIMITS.contact);

  const salaryRead = parseSalary({ min: get('salaryMin'), max: get('salaryMax'), unit: get('salaryUnit'), months: get('months'), text: get('salaryText') || undefined, context: [title, description] });
  if (!salaryRead.ok) salaryProblem(salaryRead.problem, problem);

  const headcountText = normaliseNumber(get('headcount')).replace(/人$/u, '');
  let headcount: number | null = null;
  if (headcountText) {
    const n = Number(headcountText);
    if (/^\d+$/u.test(headcountText) && n >= 1 && n <= 100_000) headcount = n;
    else if (!/^(若干|不限|0)$/u.test(headcountText)) problem('headcount', 'posting_headcount_invalid', { value: get('headcount').trim() });
  }

  const published = parsePostingDate(get('publishedAt'));
  if (!published.ok) problem('firstPublishedAt', 'posting_date_invalid', published.problem.params, HEADER.publishedAt);
  const validThrough = readValidUntil(get('validUntil'));
  if (!validThrough.ok) problem('validThrough', 'posting_date_invalid', validThrough.problem.params, HEADER.validUntil);
  if (published.ok && validThrough.ok && published.at && validThrough.at && validThrough.at < published.at) {
    problem('validThrough', 'posting_valid_until_before_published', { until: get('validUntil').trim(), published: get('publishedAt').trim() }, HEADER.validUntil);
  }

  if (problems.length || !salaryRead.ok || !published.ok || !validThrough.ok) return { ok: false, problems };
  const region = resolveRegion(ctx.regions, regionText);
  const salary = salaryRead.salary;
  return {
    ok: true,
    posting: {
      line,
      source,
      title,
      employerName,
      regionText: region.text,
      divisionCode: region.code,
      divisionLevel: region.level,
      address,
      description,
      benefits,
      skills,
      education,
      experience,
      salary,
      monthlyEquivalent: monthlyEquivalent(salary),
      occupationCode: occupationFromTitle(title, ctx.occupations),
      headcount,
      contact,
      firstPublishedAt: published.at,
      validThrough: validThrough.at,
    },
  };
}

/** A salary problem as a record problem: min > max names the whole record (the message names both columns). */
function salaryProblem(p: SalaryProblem, problem: (field: string, key: string, params?: Record<string, string | number>, column?: string) => void) {
  problem(p.field, p.key, p.params, p.key === 'posting_salary_min_over_max' ? '' : undefined);
}

/** A date without a time: 2025-03-31, 2025/3/31, 2025年3月31日, or a whole Excel day number (45747). */
const DATE_ONLY = /^(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{5})$/u;

/**
 * 有效期至 → the last instant a posting is open: a date alone is that day until 23:59:59 Beijing
 * time (issue 9); a date and time is that instant; blank is null. Errors as parsePostingDate.
 */
export function readValidUntil(raw: string): ReturnType<typeof parsePostingDate> {
  const r = parsePostingDate(raw);
  if (!r.ok || !r.at) return r;
  const text = normaliseText((raw ?? '').normalize('NFKC'));
  if (!DATE_ONLY.test(text)) return r;
  return { ok: true, at: new Date(r.at.getTime() + 86_400_000 - 1000) };
}
