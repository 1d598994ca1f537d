// The false-information signals' rules (issue 11), pure: the salary against the platform's
// quantiles for like postings, the employer's name. The publish path is in moderation.test.ts.
import { describe, expect, it } from 'vitest';
import { employerSignal, SALARY_OUTLIER_FACTOR, SALARY_OUTLIER_MIN_POSTINGS, salarySignal } from './signals.ts';

const q = { n: 100, p05: 3000, p95: 9000 };

describe('salary signal', () => {
  it.each([
    [{ min: 5000, max: 8000 }, null],
    [{ min: 5000, max: SALARY_OUTLIER_FACTOR * 9000 }, null],
    [{ min: 5000, max: SALARY_OUTLIER_FACTOR * 9000 + 1 }, 'salary_outlier'],
    [{ min: 900, max: 2000 }, 'salary_outlier'],
    [{ min: 1000, max: 2000 }, null],
    [{ min: null, max: null }, null],
  ])('%o → %s', (salary, want) => {
    expect(salarySignal({ ...salary, unit: 'MONTH' }, q)?.category ?? null).toBe(want);
  });
  it('says nothing with too few postings to compare', () => {
    expect(salarySignal({ min: 1, max: 1_000_000, unit: 'MONTH' }, { ...q, n: SALARY_OUTLIER_MIN_POSTINGS - 1 })).toBeNull();
  });
  it('a hit has no span, a basis and a suggestion', () => {
    expect(salarySignal({ min: 100000, max: 200000, unit: 'MONTH' }, q)).toMatchObject({ verdict: 'review', start: null, end: null, field: null, basis: expect.stringContaining('第24条') });
  });
});

describe('employer signal', () => {
  it.each(['某公司', 'XX有限公司', '保密', '个人', '', '张三'])('%s identifies no one', (name) => {
    expect(employerSignal(name)?.category).toBe('no_identifiable_employer');
  });
  it.each(['昆明滇运物流有限公司', '五华区人民医院', '云南白药集团股份有限公司'])('%s is an employer', (name) => {
    expect(employerSignal(name)).toBeNull();
  });
});
