// Signs of false information in a posting (issue 11, 人力资源市场暂行条例 art. 24: recruitment
// information must be true), raised when a posting is published: a salary far outside what the
// platform's own open postings pay for that occupation group and place, and an employer that
// cannot be identified. Both are `review` hits without a span (start and end null): they concern
// the posting as a whole, not a phrase of it.
import { BASIS, SUGGESTION } from './categories.ts';
import type { PostingHit } from './screen.ts';

/** How far outside the platform's range a salary must be to be questioned: above FACTOR × its 95th percentile, or below its 5th ÷ FACTOR. */
export const SALARY_OUTLIER_FACTOR = 3;
/** Fewer comparable postings than this and no comparison is made (too few to say what is usual). */
export const SALARY_OUTLIER_MIN_POSTINGS = 30;
/** How many of the latest comparable postings are compared with. */
export const SALARY_OUTLIER_SAMPLE = 2000;

const signal = (category: 'salary_outlier' | 'no_identifiable_employer', text: string): PostingHit => ({
  category,
  verdict: 'review',
  start: null,
  end: null,
  text,
  basis: BASIS[category],
  suggestion: SUGGESTION[category],
  rule: `signal.${category}`,
  field: null,
});

/**
 * The salary signal, given the posting's range and the platform's quantiles for its unit, group
 * and prefecture (repository salaryQuantiles): a hit when the maximum is above
 * SALARY_OUTLIER_FACTOR × p95 or the minimum below p05 ÷ SALARY_OUTLIER_FACTOR, with at least
 * SALARY_OUTLIER_MIN_POSTINGS to compare with; else null. Amounts in 元 per the unit.
 */
export function salarySignal(salary: { min: number | null; max: number | null; unit: string }, q: { n: number; p05: number | null; p95: number | null }): PostingHit | null {
  if (q.n < SALARY_OUTLIER_MIN_POSTINGS) return null;
  const high = salary.max !== null && q.p95 !== null && q.p95 > 0 && salary.max > SALARY_OUTLIER_FACTOR * q.p95;
  const low = salary.min !== null && q.p05 !== null && salary.min < q.p05 / SALARY_OUTLIER_FACTOR;
  if (!high && !low) return null;
  const range = `${salary.min ?? ''}–${salary.max ?? ''}（${salary.unit}）`;
  return signal('salary_outlier', `${range}；同类职位 ${q.n} 个的常见范围 ${Math.round(q.p05 ?? 0)}–${Math.round(q.p95 ?? 0)}`);
}

/** Names that identify no one: 某公司, XX有限公司, 保密, 个人, names of one or two characters. */
const ANONYMOUS = /^(?:某|[xX×＊*]{2,}|保密|匿名|不详|未知|个人|私人|老板|招聘方|公司名称?|企业)|^.{0,2}$/u;

/** The employer signal: a hit when the employer's name identifies no one (ANONYMOUS); else null. */
export function employerSignal(name: string | null): PostingHit | null {
  const n = (name ?? '').trim();
  return ANONYMOUS.test(n) ? signal('no_identifiable_employer', n || '（无单位名称）') : null;
}
