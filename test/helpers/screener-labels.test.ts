// The screener's labelled sentences load, and hold what test/fixtures/screener/README.md promises:
// the counts, covers inside their sentences, categories and verdicts from the rubric, at least 15
// written positives per category. The two real-data sets skip with a notice when ../shared/data
// is absent locally, and fail when it is absent under CI.
import { describe, expect, it } from 'vitest';
import { CATEGORY_VERDICTS, checkLabels, type LabelledSentence, loadLabelled, SCREENER_CATEGORIES, SCREENER_SHARED_INPUTS, type ScreenerCategory } from './screener-labels.ts';
import { sharedAvailable } from './shared-inputs.ts';

function expectWellFormed(set: LabelledSentence[]): void {
  for (const s of set) {
    expect(s.text.trim(), s.ref).not.toBe('');
    const categories = s.labels.map((l) => l.category);
    expect(new Set(categories).size, `${s.ref}: one label per category`).toBe(categories.length);
    for (const l of s.labels) {
      expect(SCREENER_CATEGORIES, s.ref).toContain(l.category);
      expect(CATEGORY_VERDICTS[l.category as ScreenerCategory], s.ref).toContain(l.verdict);
      expect(s.text, s.ref).toContain(l.cover);
    }
  }
}

const perCategory = (set: LabelledSentence[]) => {
  const n = Object.fromEntries(SCREENER_CATEGORIES.map((c) => [c, 0])) as Record<ScreenerCategory, number>;
  for (const s of set) for (const c of new Set(s.labels.map((l) => l.category))) n[c as ScreenerCategory]++;
  return n;
};

describe.skipIf(!sharedAvailable(...SCREENER_SHARED_INPUTS['gender-ads']))('gender-ads-2020 labels', () => {
  it('label every sentence of all 323 rows, with covers inside the sentences', () => {
    const set = loadLabelled('gender-ads');
    expect(set.length).toBeGreaterThanOrEqual(323);
    expect(new Set(set.map((s) => s.ref.split(':')[0])).size).toBe(323);
    expect(set.every((s) => s.text === s.text.trim())).toBe(true);
    expectWellFormed(set);
    expect(perCategory(set).sex).toBeGreaterThan(100);
  });
});

describe.skipIf(!sharedAvailable(...SCREENER_SHARED_INPUTS['job-ads']))('job-ads-2024 labels', () => {
  it('label at least 320 sampled sentences, each once', () => {
    const set = loadLabelled('job-ads');
    expect(set.length).toBeGreaterThanOrEqual(320);
    expect(new Set(set.map((s) => s.text)).size).toBe(set.length);
    expectWellFormed(set);
  });
});

describe('written sentences', () => {
  it('constructed: ≥ 15 positives per category, ≥ 80 look-alikes without labels, ≥ 40 evasions', () => {
    const set = loadLabelled('constructed');
    expectWellFormed(set);
    const positives = set.filter((s) => s.kind === 'positive');
    const n = perCategory(positives);
    for (const c of SCREENER_CATEGORIES) expect(n[c], c).toBeGreaterThanOrEqual(15);
    const lookalikes = set.filter((s) => s.kind === 'lookalike');
    expect(lookalikes.length).toBeGreaterThanOrEqual(80);
    expect(lookalikes.every((s) => s.labels.length === 0)).toBe(true);
    const evasions = set.filter((s) => s.kind === 'evasion');
    expect(evasions.length).toBeGreaterThanOrEqual(40);
    expect(evasions.every((s) => s.labels.length > 0)).toBe(true);
    expect(positives.every((s) => s.labels.length > 0)).toBe(true);
    expect(new Set(set.map((s) => s.text)).size).toBe(set.length);
  });

  it('holdout: ≥ 200 sentences, about half labelled, every category present, none copied from constructed', () => {
    const set = loadLabelled('holdout');
    expectWellFormed(set);
    expect(set.length).toBeGreaterThanOrEqual(200);
    const labelled = set.filter((s) => s.labels.length > 0);
    expect(labelled.length / set.length).toBeGreaterThan(0.4);
    expect(labelled.length / set.length).toBeLessThan(0.6);
    expect(set.every((s) => (s.kind === 'lookalike') === (s.labels.length === 0))).toBe(true);
    const n = perCategory(labelled);
    for (const c of SCREENER_CATEGORIES) expect(n[c], c).toBeGreaterThan(0);
    expect(set.filter((s) => s.kind === 'evasion').length).toBeGreaterThan(0);
    const constructed = new Set(loadLabelled('constructed').map((s) => s.text));
    expect(set.filter((s) => constructed.has(s.text)).map((s) => s.text)).toEqual([]);
  });

  it('dev: ≥ 260 sentences, ≥ 15 positives per category and per origin form, ≥ 70 look-alikes, ≥ 30 evasions over every category, none copied from constructed or holdout', () => {
    const set = loadLabelled('dev');
    expectWellFormed(set);
    expect(set.length).toBeGreaterThanOrEqual(260);
    expect(set.every((s) => ['positive', 'lookalike', 'evasion'].includes(s.kind ?? ''))).toBe(true);
    expect(set.every((s) => (s.kind === 'lookalike') === (s.labels.length === 0))).toBe(true);
    const positives = set.filter((s) => s.kind === 'positive');
    const n = perCategory(positives);
    for (const c of SCREENER_CATEGORIES) expect(n[c], c).toBeGreaterThanOrEqual(15);
    for (const verdict of ['block', 'review']) {
      const origin = positives.filter((s) => s.labels.some((l) => l.category === 'origin_or_hukou' && l.verdict === verdict));
      expect(origin.length, `origin_or_hukou ${verdict}`).toBeGreaterThanOrEqual(15);
    }
    expect(set.filter((s) => s.kind === 'lookalike').length).toBeGreaterThanOrEqual(70);
    const evasions = set.filter((s) => s.kind === 'evasion');
    expect(evasions.length).toBeGreaterThanOrEqual(30);
    const e = perCategory(evasions);
    for (const c of SCREENER_CATEGORIES) expect(e[c], c).toBeGreaterThan(0);
    expect(new Set(set.map((s) => s.text)).size).toBe(set.length);
    const others = new Set([...loadLabelled('constructed'), ...loadLabelled('holdout')].map((s) => s.text));
    expect(set.filter((s) => others.has(s.text)).map((s) => s.ref)).toEqual([]);
  });

  it('refuse an empty sentence, a cover not in its sentence, an unknown category and a wrong verdict', () => {
    const label = { category: 'sex', verdict: 'block' as const, cover: '男性优先' };
    expect(() => checkLabels('t', '男性优先，会开车', [label])).not.toThrow();
    expect(() => checkLabels('t', '  ', [])).toThrow(/empty/);
    expect(() => checkLabels('t', '女性优先', [label])).toThrow(/not in/);
    expect(() => checkLabels('t', '男性优先', [{ ...label, category: 'gender' }])).toThrow(/unknown category/);
    expect(() => checkLabels('t', '男性优先', [{ ...label, verdict: 'review' }])).toThrow(/cannot be review/);
  });
});
