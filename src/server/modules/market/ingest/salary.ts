// Salaries as postings carry them (issue 9; cases postings-and-search 01 and 01b): two number
// columns (最低薪资, 最高薪资) and 几薪 from an import, or one text as people and platforms write
// it ("8-10k·13薪", "1.5-2万", "日结220一天", "面议"). Pure and database-free: the CSV importer, the
// employer form and any future importer call the same functions.
//
// Rules (README of the cases and issue 9):
//   - 面议, blank and 0–0 are "not given": every amount NULL, never 0;
//   - the unit is read from the text, never assumed: a number with no unit is kept with unit NULL
//     (columns) or not read at all (a salary text "8-10": K or 元?), and is never shown, filtered
//     or banded as 元/月;
//   - a multiplier written once on the maximum applies to the minimum too (1.5-2万 = 15000–20000)
//     unless that would make the minimum more than ten times the maximum (8000-1.2万 keeps 8000);
//   - a minimum above the maximum is refused, never swapped;
//   - monthly equivalents use 21.75 working days and 174 working hours per month
//     (劳动和社会保障部《关于职工全年月平均工作时间和工资折算问题的通知》劳社部发〔2008〕3号),
//     a year is 12 months, pay per piece has none.
import { normaliseNumber } from '../../../../shared/text.ts';

export const SALARY_UNITS = ['HOUR', 'DAY', 'PIECE', 'MONTH', 'YEAR'] as const;
export type SalaryUnit = (typeof SALARY_UNITS)[number];

/**
 * A salary as stored: amounts in yuan (元) per `unit`, `null` when not given. `min`/`max` may be
 * one-sided (5000以上: max null; LIEPIN "200" with an empty max). `unit` null means unknown
 * (amounts may still be present when they came from number columns: shown as written, kept out of
 * monthly bands and filters). `monthsPaid` is months paid per year (13薪), null when not stated
 * (not 12). `negotiable` is true when the source said 面议. `unread` is the salary text kept as
 * written when its amounts could not be read without guessing a unit ("8-10"), else null.
 */
export type Salary = {
  min: number | null;
  max: number | null;
  unit: SalaryUnit | null;
  monthsPaid: number | null;
  negotiable: boolean;
  unread: string | null;
};

/** A salary problem: the posting field it concerns, a message key of the ingest catalogue and its parameters. */
export type SalaryProblem = {
  field: 'salaryMin' | 'salaryMax' | 'salaryUnit' | 'monthsPaid' | 'salaryText';
  key: 'posting_salary_min_over_max' | 'posting_salary_text_min_over_max' | 'posting_salary_not_number' | 'posting_salary_months_invalid' | 'posting_salary_unit_invalid';
  params: Record<string, string | number>;
};

export type SalaryResult = { ok: true; salary: Salary } | { ok: false; problem: SalaryProblem };

const NONE: Salary = { min: null, max: null, unit: null, monthsPaid: null, negotiable: false, unread: null };

/** 面议 and its spellings (薪资面议, 工资面议, 面谈, 议价). */
const NEGOTIABLE = /面议|面谈|议价|negotiable/iu;
/** "13薪", "·13薪": months paid per year (1–24, as the database allows). */
const MONTHS = /(?<![\d.])(\d{1,2})\s*薪/u;

/**
 * Unit words, in the text as normalised (NFKC, lower case, no spaces). Only words that name the
 * pay period: "每月10日发放" does not make a wage monthly, "每次4小时" does not make it hourly.
 */
const UNIT_WORDS: readonly [SalaryUnit, RegExp][] = [
  ['HOUR', /时薪|每小时|元\/(?:小)?时|\/(?:小)?时|元\/h\b|\/h\b|元一(?:小)?时|元每(?:小)?时/u],
  ['DAY', /日薪|日结|日工资|元\/(?:天|日)|\/(?:天|日)|一天|每天|元每天|天结/u],
  ['PIECE', /每单|按单|一单|\/单|元\/单|计件|每件|\/件|提成每单/u],
  ['YEAR', /年薪|\/年|·年|每年|年收入|年包/u],
  ['MONTH', /月薪|\/月|·月|月收入|月均|月入|底薪/u],
];

/** One amount as written: "1.5" with its multiplier (k, w, 千, 万). */
const AMOUNT = '(\\d+(?:\\.\\d+)?)([kw千万]?)';
const RANGE = new RegExp(`${AMOUNT}元?-${AMOUNT}`, 'u');
const SINGLE = new RegExp(AMOUNT, 'u');
const MULTIPLIER: Readonly<Record<string, number>> = { '': 1, k: 1000, 千: 1000, w: 10_000, 万: 10_000 };

/** The text as compared: NFKC (full-width ５０００－８０００元／月), lower case, no spaces, one kind of dash. */
function fold(text: string): string {
  return normaliseNumber(text)
    .toLowerCase()
    .replace(/[~〜～至到]/gu, '-')
    .replace(/-+/gu, '-');
}

/** The unit a text names, by the earliest unit word; null when it names none. */
export function unitNamedIn(text: string): SalaryUnit | null {
  const s = fold(text);
  let best: { unit: SalaryUnit; at: number } | null = null;
  for (const [unit, re] of UNIT_WORDS) {
    const m = re.exec(s);
    if (m && (!best || m.index < best.at)) best = { unit, at: m.index };
  }
  return best?.unit ?? null;
}

/** An amount in yuan with at most two decimals (numeric(12,2)); `raw` as read, `mult` its multiplier. */
const yuan = (raw: string, mult: string) => Math.round(Number(raw) * (MULTIPLIER[mult] ?? 1) * 100) / 100;

/**
 * A salary written as text, as platforms display it and people type it (case 01b).
 *
 * Shapes read: 面议 → nothing (negotiable); "0-0" → nothing; "13薪" → months only; a range
 * "8-10k", "1.5万-2万/月", "8千-1.2万", "8K-1W", "150-200元/天", "时薪25-35元", "20-30万/年",
 * "25-38万·年"; one amount "200元/天", "日结220一天", "年薪20万" (min = max), "5000以上", "3000起",
 * "底薪3000+提成" (open-ended: max null). Full-width digits and dashes are read (NFKC).
 *
 * The unit is the one the text names (unit words above); with none, a K/万 amount is monthly (the
 * BOSS and 51job display convention) and so is an amount of 1,000–99,999 marked 元, 以上 or 起
 * (Zhilian's "6000-8000元"); anything else ("8-10", "200元") is not read: amounts null and
 * `unread` keeps the text. Errors: a minimum above the maximum → posting_salary_text_min_over_max
 * {text, min, max} (amounts in yuan), never swapped.
 */
export function parseSalaryText(text: string): SalaryResult {
  const s = fold(text);
  if (!s) return { ok: true, salary: NONE };
  const months = MONTHS.exec(s);
  const monthsPaid = months ? Number(months[1]) : null;
  if (monthsPaid !== null && (monthsPaid < 1 || monthsPaid > 24)) {
    return { ok: false, problem: { field: 'salaryText', key: 'posting_salary_months_invalid', params: { value: text.trim() } } };
  }
  const rest = months ? s.replace(MONTHS, '') : s;
  if (NEGOTIABLE.test(rest)) return { ok: true, salary: { ...NONE, monthsPaid, negotiable: true } };

  let min: number | null = null;
  let max: number | null = null;
  let multiplied = false;
  const range = RANGE.exec(rest);
  if (range) {
    const [, a, am = '', b, bm = ''] = range as unknown as [string, string, string, string, string];
    // a multiplier written once, on the maximum, is the minimum's too (1.5-2万), unless that would
    // make the minimum more than ten times the maximum (8000-1.2万 is 8000–12000, not 8000万)
    const minMult = am || (yuan(a, bm) <= yuan(b, bm) * 10 ? bm : '');
    min = yuan(a, minMult);
    max = yuan(b, bm);
    multiplied = Boolean(am || bm);
  } else {
    const one = SINGLE.exec(rest);
    if (one) {
      const [, a, am = ''] = one as unknown as [string, string, string];
      min = yuan(a, am);
      multiplied = Boolean(am);
      // "5000以上", "3000起", "底薪3000+提成": a floor, no ceiling
      max = /以上|起|底薪|\+|上不封顶/u.test(rest) ? null : min;
    }
  }
  if (min === 0 && (max === 0 || max === null)) return { ok: true, salary: { ...NONE, monthsPaid } };
  if (min === null) return { ok: true, salary: { ...NONE, monthsPaid, unread: monthsPaid === null ? text.trim() || null : null } };
  if (max !== null && min > max) {
    return { ok: false, problem: { field: 'salaryText', key: 'posting_salary_text_min_over_max', params: { text: text.trim(), min: show(min), max: show(max) } } };
  }
  let unit = unitNamedIn(rest);
  if (!unit) {
    const top = max ?? min;
    if (multiplied) unit = 'MONTH';
    else if (/元|以上|起/u.test(rest) && top >= 1000 && top < 100_000) unit = 'MONTH';
  }
  if (!unit) return { ok: true, salary: { ...NONE, monthsPaid, unread: text.trim() } };
  return { ok: true, salary: { min: min > 0 ? min : null, max, unit, monthsPaid, negotiable: false, unread: null } };
}

/** An amount as messages show it: 9000, 1.5 (no trailing .00). */
const show = (n: number) => String(n);

/** A whole amount of the expected-files kind: "8000.00" → 8000; '' → null; not a number → NaN. */
function columnAmount(raw: string): number | null {
  const s = normaliseNumber(raw).replace(/,/gu, '');
  if (!s) return null;
  if (!/^\d+(?:\.\d+)?$/u.test(s)) return Number.NaN;
  return Math.round(Number(s) * 100) / 100;
}

/**
 * The salary of an imported record from its columns (case 01): `min` and `max` are 最低薪资 and
 * 最高薪资 in yuan as the export writes them ("8000.00", '' for none), `months` is 几薪 ('' or
 * 1–24), `context` the texts that say what the numbers are per (the title, then the description).
 *
 * Amounts: '' or 0 is not given (0–0 and blank are NULL, never 0; LIEPIN's "0–50" keeps max 50).
 * Unit: the unit of a salary written in the context whose amounts equal a column's ("时薪25-35元"
 * beside 25–35; "年薪30-50万" beside 300000–500000; "日结220一天" in the title), else the one unit
 * word the context names (时薪, 日结, 年薪, 每单 …; none when it names two), else MONTH when 几薪 is
 * given (months paid belong to a monthly wage), else null — a bare number is never taken as 元/月.
 * Errors: a column that is not a number → posting_salary_not_number {column, value}; 几薪 outside
 * 1–24 → posting_salary_months_invalid {value}; min > max → posting_salary_min_over_max {min, max}
 * (field salaryMin), never swapped.
 */
export function parseSalaryColumns(cols: { min: string; max: string; months?: string; context?: readonly string[] }): SalaryResult {
  const min = columnAmount(cols.min);
  const max = columnAmount(cols.max);
  if (Number.isNaN(min)) return { ok: false, problem: { field: 'salaryMin', key: 'posting_salary_not_number', params: { value: cols.min.trim() } } };
  if (Number.isNaN(max)) return { ok: false, problem: { field: 'salaryMax', key: 'posting_salary_not_number', params: { value: cols.max.trim() } } };
  const monthsText = normaliseNumber(cols.months ?? '');
  const monthsPaid = monthsText ? Number(monthsText) : null;
  if (monthsPaid !== null && !(Number.isInteger(monthsPaid) && monthsPaid >= 1 && monthsPaid <= 24)) {
    return { ok: false, problem: { field: 'monthsPaid', key: 'posting_salary_months_invalid', params: { value: (cols.months ?? '').trim() } } };
  }
  const lo = min || null;
  const hi = max || null;
  if (lo !== null && hi !== null && lo > hi) return { ok: false, problem: { field: 'salaryMin', key: 'posting_salary_min_over_max', params: { min: show(lo), max: show(hi) } } };
  if (lo === null && hi === null) {
    const negotiable = (cols.context ?? []).some((c) => NEGOTIABLE.test(c));
    return { ok: true, salary: { ...NONE, monthsPaid, negotiable } };
  }
  const unit = unitFromContext(cols.context ?? [], [lo, hi]) ?? (monthsPaid !== null ? 'MONTH' : null);
  return { ok: true, salary: { min: lo, max: hi, unit, monthsPaid, negotiable: false, unread: null } };
}

/** Amounts in running text (a range or one amount); the words around each are read by phraseAt. */
const AMOUNTS = new RegExp(`${AMOUNT}(?:元?-${AMOUNT})?`, 'gu');
/** Where a phrase ends: sentence and clause punctuation, line breaks. */
const BOUNDARY = new Set([...'，,。；;！!？?、\n']);
/** Characters NFKC changes in salaries (full-width digits, letters, punctuation, the ideographic space). */
const FULL_WIDTH = /[\u3000\uFF01-\uFF5E]/u;

/** Running text folded like a salary text (fold), cheaply: NFKC only when it has full-width characters. */
function foldContext(text: string): string {
  return (FULL_WIDTH.test(text) ? text.normalize('NFKC') : text)
    .toLowerCase()
    .replace(/[ \t\u00A0\u3000]+/gu, '')
    .replace(/[‐‑‒–—―−~〜～至到]/gu, '-')
    .replace(/-+/gu, '-');
}

/** The phrase around an amount at [from, to): up to six characters each side, not across punctuation or another number. */
function phraseAt(s: string, from: number, to: number): string {
  let a = from;
  while (a > 0 && from - a < 6 && !BOUNDARY.has(s[a - 1] as string) && !/\d/u.test(s[a - 1] as string)) a--;
  let b = to;
  while (b < s.length && b - to < 6 && !BOUNDARY.has(s[b] as string) && !/\d/u.test(s[b] as string)) b++;
  return s.slice(a, b);
}

/** The unit the context gives to the amounts `values` (see parseSalaryColumns). */
function unitFromContext(context: readonly string[], values: readonly (number | null)[]): SalaryUnit | null {
  const wanted = new Set(values.filter((v): v is number => v !== null));
  const folded = context.map(foldContext);
  for (const s of folded) {
    for (const m of s.matchAll(AMOUNTS)) {
      // only a phrase with one of the amounts is read (a description's numbered lines and times are many)
      const [whole, a = '', am = '', b, bm = ''] = m;
      if (![yuan(a, am || bm), yuan(a, am), b === undefined ? null : yuan(b, bm)].some((v) => v !== null && wanted.has(v))) continue;
      const r = parseSalaryText(phraseAt(s, m.index, m.index + whole.length));
      if (!r.ok || !r.salary.unit) continue;
      const { min, max } = r.salary;
      if ((min !== null && wanted.has(min)) || (max !== null && wanted.has(max))) return r.salary.unit;
    }
  }
  const named = new Set<SalaryUnit>();
  for (const s of folded) for (const m of s.matchAll(STRONG)) named.add(STRONG_WORDS[m.slice(1).findIndex(Boolean)]?.[0] as SalaryUnit);
  return named.size === 1 ? ([...named][0] as SalaryUnit) : null;
}

/** Words that name the pay period on their own, without an amount beside them. */
const STRONG_WORDS: readonly [SalaryUnit, RegExp][] = [
  ['HOUR', /时薪|按小时计|小时工资/u],
  ['DAY', /日薪|日结|日工资/u],
  ['PIECE', /计件|按单计|每单/u],
  ['YEAR', /年薪/u],
  ['MONTH', /月薪/u],
];
/** The words above in one pattern, one group per unit (one pass over a long description). */
const STRONG = new RegExp(STRONG_WORDS.map(([, re]) => `(${re.source})`).join('|'), 'gu');

/** Unit names as forms and files write them: the codes themselves, or 小时/时, 天/日, 件/单, 月, 年. */
const UNIT_NAMES: Readonly<Record<string, SalaryUnit>> = {
  HOUR: 'HOUR', DAY: 'DAY', PIECE: 'PIECE', MONTH: 'MONTH', YEAR: 'YEAR',
  小时: 'HOUR', 时: 'HOUR', 天: 'DAY', 日: 'DAY', 件: 'PIECE', 单: 'PIECE', 次: 'PIECE', 月: 'MONTH', 年: 'YEAR',
};

/** The salary fields a record may carry (all text as typed; absent or '' when not given). */
export type SalaryInput = { min?: string; max?: string; unit?: string; months?: string; text?: string; context?: readonly string[] };

/**
 * The one entry for every way a salary comes in:
 *   - `unit` given (a form's unit picker: HOUR | DAY | PIECE | MONTH | YEAR, or 小时/天/件/月/年,
 *     元/月 …): the amounts of `min`/`max` in that unit; a unit with no amount is ignored (面议);
 *   - else number columns (an import) when either is non-blank: parseSalaryColumns, with `text`
 *     and `context` as what the numbers are per;
 *   - else the salary text: parseSalaryText (几薪 from `months` when the text names none).
 * Errors as in those functions, plus posting_salary_unit_invalid {value} for a unit not listed.
 */
export function parseSalary(input: SalaryInput): SalaryResult {
  const min = input.min ?? '';
  const max = input.max ?? '';
  const unitText = normaliseNumber(input.unit ?? '').replace(/^元\//u, '');
  if (unitText) {
    // own keys only: typed text such as __proto__ or constructor must not reach Object.prototype
    const own = (k: string) => (Object.hasOwn(UNIT_NAMES, k) ? UNIT_NAMES[k] : undefined);
    const unit = own(unitText.toUpperCase()) ?? own(unitText);
    if (!unit) return { ok: false, problem: { field: 'salaryUnit', key: 'posting_salary_unit_invalid', params: { value: (input.unit ?? '').trim() } } };
    const r = parseSalaryColumns({ min, max, ...(input.months !== undefined ? { months: input.months } : {}) });
    if (!r.ok || (r.salary.min === null && r.salary.max === null)) return r;
    return { ok: true, salary: { ...r.salary, unit } };
  }
  if (input.text !== undefined && !min.trim() && !max.trim()) {
    const r = parseSalaryText(input.text);
    if (!r.ok || r.salary.monthsPaid !== null || !input.months?.trim()) return r;
    const months = parseSalaryColumns({ min: '', max: '', months: input.months });
    return months.ok ? { ok: true, salary: { ...r.salary, monthsPaid: months.salary.monthsPaid } } : months;
  }
  return parseSalaryColumns({ min, max, ...(input.months !== undefined ? { months: input.months } : {}), context: [...(input.text ? [input.text] : []), ...(input.context ?? [])] });
}

/**
 * Paid days and hours in a month for converting wages (劳社部发〔2008〕3号): (365 − 104 rest days) ÷ 12
 * = 21.75 days (the 11 public holidays are paid), × 8 hours = 174 hours.
 */
export const DAYS_PER_MONTH = 21.75;
export const HOURS_PER_MONTH = 174;

/**
 * The monthly equivalent of a salary in whole yuan (rounded half up): HOUR × 174, DAY × 21.75,
 * MONTH as it is, YEAR ÷ 12 (劳社部发〔2008〕3号); null for pay per piece, an unknown unit or no
 * amount. Each end separately (an open end stays null). Months paid do not change it (8000 × 13薪
 * is 8000 a month).
 */
export function monthlyEquivalent(salary: Pick<Salary, 'min' | 'max' | 'unit'>): { min: number | null; max: number | null } | null {
  const factor = salary.unit === 'HOUR' ? HOURS_PER_MONTH : salary.unit === 'DAY' ? DAYS_PER_MONTH : salary.unit === 'MONTH' ? 1 : salary.unit === 'YEAR' ? 1 / 12 : null;
  if (factor === null || (salary.min === null && salary.max === null)) return null;
  const m = (v: number | null) => (v === null ? null : Math.round(v * factor));
  return { min: m(salary.min), max: m(salary.max) };
}
