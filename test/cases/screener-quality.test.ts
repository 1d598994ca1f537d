// The screener measured (issue 11): precision and recall per category on the labelled sets of
// test/fixtures/screener — the real 2020 gender ads (the offending sentences), a hand-labelled
// sample of the 2024 job ads, constructed sentences for the categories real ads rarely show, and a
// held-out set written apart from the rules and never read by their author. The floors keep the
// numbers of the README from falling; the targets (block precision ≥ 0.95 and recall ≥ 0.85
// for origin and sex; look-alikes pass ≥ 95 %) are asserted where the set can measure them.
import { describe, expect, it } from 'vitest';
import { evaluate, table } from '../helpers/screener-eval.ts';
import { loadLabelled, SCREENER_SHARED_INPUTS } from '../helpers/screener-labels.ts';
import { sharedAvailable } from '../helpers/shared-inputs.ts';

const score = (e: ReturnType<typeof evaluate>, category: string, kind: 'block' | 'categories' = 'categories') => e[kind].find((c) => c.category === category);

describe.skipIf(!sharedAvailable(...SCREENER_SHARED_INPUTS['gender-ads'], ...SCREENER_SHARED_INPUTS['job-ads']))('screener quality on real ads', () => {
  it('the 2020 gender ads: sex blocked with precision ≥ 0.95 and recall ≥ 0.85; lawful sentences pass', () => {
    const e = evaluate(loadLabelled('gender-ads'));
    console.log(table('gender-ads-2020', e));
    const sex = score(e, 'sex', 'block');
    expect(sex?.precision).toBeGreaterThanOrEqual(0.95);
    expect(sex?.recall).toBeGreaterThanOrEqual(0.85);
    expect(e.lawful.rate).toBeGreaterThanOrEqual(0.95);
    expect(score(e, 'age')?.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('the 2024 job-ads sample: no lawful sentence flagged beyond 5 %, every labelled age limit found', () => {
    const e = evaluate(loadLabelled('job-ads'));
    console.log(table('job-ads-2024', e));
    expect(e.lawful.rate).toBeGreaterThanOrEqual(0.95);
    for (const c of e.categories) expect(c.precision, c.category).toBeGreaterThanOrEqual(0.95);
    expect(score(e, 'age')?.recall).toBeGreaterThanOrEqual(0.95);
  });
});

describe('screener quality on written sentences', () => {
  it.each(['constructed', 'dev'] as const)('%s (read while writing the rules): every category caught with recall ≥ 0.95 and precision ≥ 0.95; origin and sex blocked at the targets; look-alikes pass ≥ 95 %%', (set) => {
    const e = evaluate(loadLabelled(set));
    console.log(table(set, e));
    for (const c of e.categories) {
      expect(c.recall, c.category).toBeGreaterThanOrEqual(0.95);
      expect(c.precision, c.category).toBeGreaterThanOrEqual(0.95);
    }
    for (const c of ['sex', 'origin_or_hukou']) {
      expect(score(e, c, 'block')?.precision, c).toBeGreaterThanOrEqual(0.95);
      expect(score(e, c, 'block')?.recall, c).toBeGreaterThanOrEqual(0.85);
    }
    expect(e.lawful.rate).toBeGreaterThanOrEqual(0.95);
  });

  it('held out (never read by the rules\' author): origin and sex blocked at the issue\'s targets (precision ≥ 0.95, recall ≥ 0.85), precision ≥ 0.85 in every category, look-alikes pass ≥ 95 %; recall of the rarer categories reported (README)', () => {
    const e = evaluate(loadLabelled('holdout'));
    console.log(table('holdout', e));
    for (const c of ['sex', 'origin_or_hukou']) {
      expect(score(e, c, 'block')?.precision, c).toBeGreaterThanOrEqual(0.95);
      expect(score(e, c, 'block')?.recall, c).toBeGreaterThanOrEqual(0.85);
    }
    for (const c of e.categories) expect(c.precision, c.category).toBeGreaterThanOrEqual(0.85);
    expect(e.lawful.rate).toBeGreaterThanOrEqual(0.95);
  });
});
