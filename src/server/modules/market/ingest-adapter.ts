// A stand-in for the shared normalising functions of ./ingest/ (issue 9: the employer form, an
// agency and `yunqiao import postings` all read through them), kept tiny on purpose and swapped
// for the real ones when they land on main. Same names as those: parseSalary, resolveRegion,
// cleanPostingText, parsePostingDate, occupationFromTitle.
import { normaliseNumber, normaliseText } from '../../../shared/text.ts';

export type SalaryUnit = 'HOUR' | 'DAY' | 'PIECE' | 'MONTH' | 'YEAR';
export type Salary = { min: number | null; max: number | null; unit: SalaryUnit | null; monthsPaid: number | null };

/**
 * Salary columns as the export writes them: blank, 0 or 0–0 is 面议 (all null, never 0); a unit
 * is guessed from the larger figure (below 100 per hour, below 1,000 per day, below 100,000 per
 * month, else per year). min > max is `{ problem: 'salary_min_over_max' }`; text that is not a
 * number is `{ problem: 'posting_import_bad_salary' }`.
 */
export function parseSalary(minText: string, maxText: string, monthsText = ''): Salary | { problem: 'salary_min_over_max' | 'posting_import_bad_salary' } {
  const num = (s: string) => {
    const t = normaliseNumber(s).replace(/,/g, '');
    if (t === '') return 0;
    const n = Number(t);
    return Number.isFinite(n) && n >= 0 ? n : null;
  };
  const lo = num(minText);
  const hi = num(maxText);
  if (lo === null || hi === null) return { problem: 'posting_import_bad_salary' };
  if (lo > 0 && hi > 0 && lo > hi) return { problem: 'salary_min_over_max' };
  const months = num(monthsText);
  const monthsPaid = months && Number.isInteger(months) && months >= 1 && months <= 24 ? months : null;
  if (!lo && !hi) return { min: null, max: null, unit: null, monthsPaid: null };
  const top = Math.max(lo, hi);
  const unit: SalaryUnit = top < 100 ? 'HOUR' : top < 1000 ? 'DAY' : top < 100_000 ? 'MONTH' : 'YEAR';
  return { min: lo || null, max: hi || null, unit, monthsPaid };
}

export type Division = { code: string; name: string; level: string; parent_code: string | null };
export type RegionIndex = { prefectures: Division[]; counties: Division[] };

const short = (name: string) => name.replace(/(哈尼族彝族|彝族|白族|傣族|景颇族|傈僳族|藏族|壮族苗族)?(自治州|自治县|市|州|区|县)$/, '');

/**
 * 地区 text (昆明·五华区, 昆明-盘龙区, 玉溪, 红河州) to a Yunnan division: the prefecture by its
 * first part, the county by the next part within it; null when nothing resolves (the text is kept
 * by the caller). The full rules (short forms, names that are both a county and a prefecture,
 * other provinces) come with ./ingest/resolveRegion.
 */
export function resolveRegion(text: string, index: RegionIndex): { code: string; level: 'prefecture' | 'county' } | null {
  const parts = normaliseText(text).split(/[·\-－—\s]+/).filter(Boolean);
  const first = parts[0];
  if (!first) return null;
  const pref = index.prefectures.find((d) => d.name === first || short(d.name) === first || (short(first).length >= 2 && short(d.name) === short(first)));
  if (!pref) return null;
  const second = parts[1];
  const county = second ? index.counties.find((d) => d.parent_code === pref.code && (d.name === second || short(d.name) === short(second))) : undefined;
  return county ? { code: county.code, level: 'county' } : { code: pref.code, level: 'prefecture' };
}

/** Description text as stored: `<br />` and `;;` as line breaks, tags dropped, entities decoded, invisible characters removed. */
export function cleanPostingText(raw: string): string {
  const s = raw
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/;;/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\u00a0/g, ' ');
  return normaliseText(s, { multiline: true });
}

/** 2025-03-01 09:30[:00] (Beijing time), a date alone, or an Excel day number; '' is null; anything else `'bad'`. */
export function parsePostingDate(raw: string): Date | null | 'bad' {
  const t = normaliseText(raw);
  if (t === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (m) {
    const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}+08:00`);
    return Number.isNaN(d.getTime()) ? 'bad' : d;
  }
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    // Excel day number, counted from 1899-12-30, in Beijing time
    const ms = Math.round((Number(t) - 25_569) * 86_400_000 / 60_000) * 60_000 - 8 * 3_600_000;
    return new Date(ms);
  }
  return 'bad';
}

/** The occupation code of a title through the committed title → code list; none in this stand-in. */
export function occupationFromTitle(_title: string): string | null {
  return null;
}
