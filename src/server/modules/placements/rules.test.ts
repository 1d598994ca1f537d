// The named rules over a placement's insurance months (decision 0051): pure, no database.
import { describe, expect, it } from 'vitest';
import { parseInsuranceMonth, parseInsuranceType } from './insurance-sheet.ts';
import { evaluateAll, evaluateRule, insuredMonthsSince } from './rules.ts';

const facts = (insuredMonths: string[], latestImportedMonth: string | null = insuredMonths.at(-1) ?? null) => ({ contractStart: '2025-03-15', insuredMonths, latestImportedMonth });

describe('insured months', () => {
  it('counts distinct months from the contract start\'s month on, any order, ignoring months before it', () => {
    expect(insuredMonthsSince(facts(['2025-04', '2025-02', '2025-03', '2025-04']))).toEqual(['2025-03', '2025-04']);
    expect(insuredMonthsSince(facts([]))).toEqual([]);
  });
});

describe('verified: insured at least one month since the contract start', () => {
  it('is not met with no month, or only months before the contract', () => {
    expect(evaluateRule('verified', facts([])).met).toBe(false);
    expect(evaluateRule('verified', facts(['2025-01', '2025-02'])).met).toBe(false);
  });
  it('is met with the contract start\'s own month', () => {
    expect(evaluateRule('verified', facts(['2025-03']))).toEqual({ rule: 'verified', met: true, insuredMonths: 1, tranches: [{ afterMonths: 1, share: 1, met: true }] });
  });
});

describe('longhua-2020: insured a month and still employed (insured in the latest imported month)', () => {
  it('is met when the latest imported month lists the worker', () => {
    expect(evaluateRule('longhua-2020', facts(['2025-03', '2025-04'], '2025-04')).met).toBe(true);
  });
  it('is not met when the worker dropped out of the latest file (left the job)', () => {
    expect(evaluateRule('longhua-2020', facts(['2025-03', '2025-04'], '2025-05'))).toMatchObject({ met: false, insuredMonths: 2 });
  });
  it('is not met before any import, nor when the only insured month is before the contract', () => {
    expect(evaluateRule('longhua-2020', facts(['2025-03'], null)).met).toBe(false);
    expect(evaluateRule('longhua-2020', facts(['2025-02'], '2025-02')).met).toBe(false);
  });
});

describe('half-1-6: half after one month, half after six', () => {
  it('pays the first tranche after one month and the second after six, not necessarily consecutive', () => {
    const one = evaluateRule('half-1-6', facts(['2025-03']));
    expect(one).toEqual({ rule: 'half-1-6', met: false, insuredMonths: 1, tranches: [{ afterMonths: 1, share: 0.5, met: true }, { afterMonths: 6, share: 0.5, met: false }] });
    const five = evaluateRule('half-1-6', facts(['2025-03', '2025-04', '2025-05', '2025-07', '2025-08']));
    expect(five.tranches.map((x) => x.met)).toEqual([true, false]);
    const six = evaluateRule('half-1-6', facts(['2025-03', '2025-04', '2025-05', '2025-07', '2025-08', '2025-10']));
    expect(six).toMatchObject({ met: true, insuredMonths: 6 });
    expect(six.tranches.reduce((sum, x) => sum + (x.met ? x.share : 0), 0)).toBe(1);
  });
  it('every rule is evaluated, in order', () => {
    expect(evaluateAll(facts(['2025-03'])).map((r) => [r.rule, r.met])).toEqual([['verified', true], ['longhua-2020', true], ['half-1-6', false]]);
  });
});

describe('the file\'s cells', () => {
  it('参保年月 reads YYYYMM, YYYY-MM and the shapes clerks type; refuses what is no month', () => {
    for (const [raw, month] of [['202503', '2025-03'], ['2025-03', '2025-03'], ['2025-3', '2025-03'], ['2025/03', '2025-03'], ['2025年3月', '2025-03'], ['２０２５０３', '2025-03'], ['2025-03-01', '2025-03']] as const) expect(parseInsuranceMonth(raw), raw).toBe(month);
    for (const raw of ['202513', '2025-00', '25-03', '2025033', 'March 2025', '2025-03-15', '']) expect(parseInsuranceMonth(raw), raw).toBeNull();
  });
  it('险种 reads the code or a name naming exactly one type', () => {
    expect(['养老', '基本养老保险', '110', '医疗保险', '失业', '工伤保险', '生育', '510'].map(parseInsuranceType)).toEqual(['110', '110', '110', '310', '210', '410', '510', '510']);
    for (const raw of ['养老医疗', '住房公积金', '120', '']) expect(parseInsuranceType(raw), raw).toBeNull();
  });
});
