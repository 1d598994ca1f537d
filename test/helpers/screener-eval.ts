// The screener measured on the labelled sets (test/fixtures/screener, issue 11): per category,
// precision and recall at the sentence level, a sentence of a real posting judged inside its whole
// text (a screener reads a posting whole: the other sex named in the next clause matters); the
// block verdict's precision and recall; the share of lawful look-alikes that pass with no hit.
import { screenText } from '../../src/server/modules/market/screener/screen.ts';
import type { Screening } from '../../src/server/modules/market/screener/categories.ts';
import type { LabelledSentence } from './screener-labels.ts';

export type CategoryScore = { category: string; tp: number; fp: number; fn: number; precision: number; recall: number };
export type Evaluation = {
  sentences: number;
  categories: CategoryScore[];
  /** The same, counting only block hits against block labels. */
  block: CategoryScore[];
  /** Sentences labelled lawful (no label; for the written sets, kind lookalike) and how many passed with no hit. */
  lawful: { sentences: number; passed: number; rate: number };
};

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** The hits of `s`: of its own text, or of its whole source text where they overlap its span. */
function hitsOf(s: LabelledSentence, cache: Map<string, Screening>): Screening['hits'] {
  if (!s.context) return screenText(s.text).hits;
  const c = s.context;
  let r = cache.get(c.text);
  if (!r) {
    r = screenText(c.text);
    cache.set(c.text, r);
  }
  return r.hits.filter((h) => (h.start ?? 0) < c.end && (h.end ?? 0) > c.start);
}

function scores(counts: Map<string, { tp: number; fp: number; fn: number }>): CategoryScore[] {
  return [...counts].map(([category, c]) => ({ category, ...c, precision: ratio(c.tp, c.tp + c.fp), recall: ratio(c.tp, c.tp + c.fn) })).sort((a, b) => a.category.localeCompare(b.category));
}

/** Scores the screener on `sentences` (see the file's head). */
export function evaluate(sentences: readonly LabelledSentence[]): Evaluation {
  const cache = new Map<string, Screening>();
  const all = new Map<string, { tp: number; fp: number; fn: number }>();
  const block = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (m: typeof all, c: string, k: 'tp' | 'fp' | 'fn') => {
    const e = m.get(c) ?? { tp: 0, fp: 0, fn: 0 };
    e[k]++;
    m.set(c, e);
  };
  let lawful = 0;
  let passed = 0;
  for (const s of sentences) {
    const hits = hitsOf(s, cache);
    const got = new Set<string>(hits.map((h) => h.category));
    const want = new Set(s.labels.map((l) => l.category));
    for (const c of got) bump(all, c, want.has(c) ? 'tp' : 'fp');
    for (const c of want) if (!got.has(c)) bump(all, c, 'fn');
    const gotBlock = new Set<string>(hits.filter((h) => h.verdict === 'block').map((h) => h.category));
    const wantBlock = new Set(s.labels.filter((l) => l.verdict === 'block').map((l) => l.category));
    for (const c of gotBlock) bump(block, c, wantBlock.has(c) ? 'tp' : 'fp');
    for (const c of wantBlock) if (!gotBlock.has(c)) bump(block, c, 'fn');
    const isLawful = s.kind ? s.kind === 'lookalike' : s.labels.length === 0;
    if (isLawful) {
      lawful++;
      if (hits.length === 0) passed++;
    }
  }
  return { sentences: sentences.length, categories: scores(all), block: scores(block), lawful: { sentences: lawful, passed, rate: ratio(passed, lawful) } };
}

/** A Markdown table of an evaluation (the README's). */
export function table(name: string, e: Evaluation): string {
  const rows = e.categories.map((c) => `| ${name} | ${c.category} | ${c.tp + c.fn} | ${c.precision.toFixed(3)} | ${c.recall.toFixed(3)} |`);
  return [...rows, `| ${name} | lawful look-alikes pass | ${e.lawful.sentences} | | ${e.lawful.rate.toFixed(3)} |`].join('\n');
}
