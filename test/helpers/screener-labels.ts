// The labelled sentences the job-ad discrimination screener is measured against
// (test/fixtures/screener/README.md: the rubric, the sources, the counts). Two files hold
// references only — a row or posting id and a span in UTF-16 code units (JavaScript string
// indices) — into the real ads under ../shared/data, which have no licence and are never copied
// here; three hold sentences written for the purpose (constructed.jsonl and dev.jsonl, which the
// author of the screener's rules may read, and holdout.jsonl, which they do not). Every span and every cover is checked on load:
// an empty span or a cover that is not in its sentence throws, so a label never silently drifts
// from the text it was written for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sharedPath } from './shared-inputs.ts';

export const SCREENER_CATEGORIES = [
  'origin_or_hukou',
  'ethnicity',
  'sex',
  'religion',
  'disability',
  'disease',
  'rural_origin',
  'fee',
  'age',
  'marital_or_childbearing',
] as const;
export type ScreenerCategory = (typeof SCREENER_CATEGORIES)[number];
export type ScreenerVerdict = 'block' | 'review';

/** The verdicts each category may carry (origin_or_hukou: block for origin, review for a local-hukou requirement). */
export const CATEGORY_VERDICTS: Record<ScreenerCategory, readonly ScreenerVerdict[]> = {
  origin_or_hukou: ['block', 'review'],
  ethnicity: ['block'],
  sex: ['block'],
  religion: ['block'],
  disability: ['block'],
  disease: ['block'],
  rural_origin: ['block'],
  fee: ['block'],
  age: ['review'],
  marital_or_childbearing: ['review'],
};

export type ScreenerLabel = { category: string; verdict: 'block' | 'review'; cover: string };

export type LabelledSentence = {
  /** Where the sentence comes from: `gender-ads-2020#row:start-end`, `job-ads-2024#id:start-end`, `constructed:line`, `dev:line`, `holdout:line`. */
  ref: string;
  source: 'gender-ads-2020' | 'job-ads-2024' | 'constructed' | 'dev' | 'holdout';
  text: string;
  labels: ScreenerLabel[];
  /** constructed, dev and holdout only: positive | lookalike | evasion. */
  kind?: string;
  /** The real-data sets: the whole text the sentence was cut from and the sentence's span in it (a screener reads a posting whole, not sentence by sentence). */
  context?: { text: string; start: number; end: number };
};

export type LabelledSet = 'gender-ads' | 'job-ads' | 'constructed' | 'dev' | 'holdout';

const FIXTURES = join(import.meta.dirname, '../fixtures/screener');

/** The ../shared inputs each set reads (for sharedAvailable); the written sets need none. */
export const SCREENER_SHARED_INPUTS: Record<LabelledSet, string[]> = {
  'gender-ads': ['data/gender-ads-2020/ads.json'],
  'job-ads': ['data/job-ads-2024/jobs.csv'],
  constructed: [],
  dev: [],
  holdout: [],
};

const FILES: Record<LabelledSet, string> = {
  'gender-ads': 'gender-ads.labels.jsonl',
  'job-ads': 'job-ads.labels.jsonl',
  constructed: 'constructed.jsonl',
  dev: 'dev.jsonl',
  holdout: 'holdout.jsonl',
};

type RefLine = { source: string; row?: number; id?: string; start: number; end: number; labels: ScreenerLabel[] };
type TextLine = { text: string; labels: ScreenerLabel[]; kind: string };

function readJsonl<T>(file: string): T[] {
  return readFileSync(join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as T;
      } catch (e) {
        throw new Error(`${file}:${i + 1}: not JSON (${(e as Error).message})`);
      }
    });
}

let genderAds: { descrimination_content: string }[] | undefined;
let jobDescriptions: Map<string, string> | undefined;

function genderAdText(row: number): string {
  genderAds ??= JSON.parse(readFileSync(sharedPath('data/gender-ads-2020/ads.json'), 'utf8')) as { descrimination_content: string }[];
  const ad = genderAds[row];
  if (!ad) throw new Error(`gender-ads-2020: no row ${row}`);
  return ad.descrimination_content ?? '';
}

function jobDescription(id: string): string {
  if (!jobDescriptions) {
    // as the repository's other readers of jobs.csv do (no BOM; the quoting is RFC 4180)
    const rows = parse(readFileSync(sharedPath('data/job-ads-2024/jobs.csv')), { columns: true }) as Record<string, string>[];
    const byId = new Map<string, string>();
    for (const r of rows) {
      const key = r['职位自编号'] ?? '';
      // the labels name a posting by 职位自编号 alone, which holds only while it is unique
      if (byId.has(key)) throw new Error(`job-ads-2024: 职位自编号 ${key} is not unique; the labels need a CSV line as well`);
      byId.set(key, r['职位描述'] ?? '');
    }
    jobDescriptions = byId;
  }
  const d = jobDescriptions.get(id);
  if (d === undefined) throw new Error(`job-ads-2024: no posting ${id}`);
  return d;
}

/** Throws when `text` is empty, or a label's category, verdict or cover does not fit the rubric and the text. */
export function checkLabels(ref: string, text: string, labels: ScreenerLabel[]): void {
  if (!text.trim()) throw new Error(`${ref}: the sentence is empty`);
  for (const l of labels) {
    const verdicts = CATEGORY_VERDICTS[l.category as ScreenerCategory];
    if (!verdicts) throw new Error(`${ref}: unknown category ${l.category}`);
    if (!verdicts.includes(l.verdict)) throw new Error(`${ref}: ${l.category} cannot be ${l.verdict}`);
    if (!l.cover || !text.includes(l.cover)) throw new Error(`${ref}: cover ${JSON.stringify(l.cover)} is not in ${JSON.stringify(text)}`);
  }
}

/**
 * The labelled sentences of one set. The two real-data sets read ../shared/data (guard with
 * sharedAvailable(...SCREENER_SHARED_INPUTS[which])); throws when a span is empty, a cover is not
 * in its sentence, or a category or verdict is not in the rubric.
 */
export function loadLabelled(which: LabelledSet): LabelledSentence[] {
  if (which === 'constructed' || which === 'dev' || which === 'holdout') {
    return readJsonl<TextLine>(FILES[which]).map((l, i) => {
      const ref = `${which}:${i + 1}`;
      checkLabels(ref, l.text, l.labels);
      return { ref, source: which, text: l.text, labels: l.labels, kind: l.kind };
    });
  }
  return readJsonl<RefLine>(FILES[which]).map((l) => {
    const source = which === 'gender-ads' ? 'gender-ads-2020' : 'job-ads-2024';
    if (l.source !== source) throw new Error(`${FILES[which]}: a line of ${l.source}`);
    const whole = which === 'gender-ads' ? genderAdText(l.row as number) : jobDescription(l.id as string);
    const ref = `${source}#${which === 'gender-ads' ? l.row : l.id}:${l.start}-${l.end}`;
    if (!(l.start >= 0 && l.end > l.start && l.end <= whole.length)) throw new Error(`${ref}: the span is outside the text (length ${whole.length})`);
    const text = whole.slice(l.start, l.end);
    checkLabels(ref, text, l.labels);
    return { ref, source, text, labels: l.labels, context: { text: whole, start: l.start, end: l.end } };
  });
}
