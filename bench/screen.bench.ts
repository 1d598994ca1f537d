// `screen`: the posting screener (issue 11, decision 0045) over the real job descriptions (the
// 职位描述 column of ../shared/data/job-ads-2024/jobs.csv, 30,255 ads, about 10.5 M characters;
// BENCH_SCREEN_FILE for another file), in this process on one core: one warm-up pass of
// `screenText` over every description, then BENCH_SCREEN_REPEAT timed passes (default: enough for
// ≥ 20 M characters, 2 on the real file). Reports characters per second (UTF-16 code units of the
// descriptions as given; target ≥ 5,000,000/s), per-posting p50/p99/max in microseconds (the form
// checks a description as it is typed: long ones matter), the hits and the postings per verdict,
// and the first call in a fresh process (module load apart; the first call that reaches a rule
// loads jieba's dictionary).
//
// Baselines in the same run, over the same texts and passes, alternating with the screener's:
// a plain `String.prototype.includes` loop over the raw text for every word of the screener's
// lexicon — TRIGGER_WORDS plus the literal words of the rules' patterns (runs of two or more Han
// characters outside character classes: the refusals, the groups, the place names) — and the same
// loop for TRIGGER_WORDS alone. Every word is looked for in every text (no early exit: 男, 女 and
// 费 are in most descriptions). The screener does more (folding, sentences, rules, jieba where a
// rule matched); the ratio says what the whole costs beside a bare word search.
//
// Skipped (no lines written) when the file is missing: the real ads are for tests and benchmarks
// only and are not shipped.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import type { Verdict } from '../src/server/modules/market/screener/categories.ts';
import { RULES, TRIGGER_WORDS } from '../src/server/modules/market/screener/rules.ts';
import { screenText } from '../src/server/modules/market/screener/screen.ts';
import type { Benchmark, Metric } from './lib.ts';

const ROOT = join(import.meta.dirname, '..');
const FILE = process.env.BENCH_SCREEN_FILE ?? join(ROOT, '../shared/data/job-ads-2024/jobs.csv');
const MIN_CHARS = 20_000_000;
const run = promisify(execFile);

const quantile = (xs: Float64Array, q: number) => {
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

/** The literal words of the rules' patterns: runs of two or more Han characters outside character classes. */
function ruleWords(): string[] {
  const out = new Set<string>();
  for (const rule of RULES) {
    const source = rule.re.source.replace(/\\p\{[^}]*\}/gu, '').replace(/\[(?:\\.|[^\]\\])*\]/gu, ' ');
    for (const m of source.matchAll(/\p{sc=Han}{2,}/gu)) out.add(m[0]);
  }
  return [...out];
}

/** The baseline: every word looked for in every text; how many (text, word) pairs were found. */
function includesPass(texts: readonly string[], words: readonly string[]): number {
  let found = 0;
  for (const t of texts) for (const w of words) if (t.includes(w)) found++;
  return found;
}

/** The first calls in a fresh process: module import, then a text whose hit needs jieba's word boundaries, then another. */
const FIRST_CALL = `
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
register();
const t0 = performance.now();
const { screenText } = await import(pathToFileURL(process.argv[1]).href);
const t1 = performance.now();
const first = screenText('岗位要求：1、限男性，身体健康，能吃苦耐劳。');
const t2 = performance.now();
const second = screenText('岗位要求：限女性，年龄18-35岁，已婚已育优先。');
const t3 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, secondMs: t3 - t2, hits: [first.hits.length, second.hits.length] }));
`;

export const benchmark: Benchmark = {
  name: 'screen',
  description: 'screenText over the 30k real job descriptions on one core: chars/s beside a String.includes loop over its lexicon, per-posting p50/p99, first call',
  async run(log) {
    if (!existsSync(FILE)) {
      log(`skipped: ${FILE} is missing (the real ads are for tests and benchmarks only; set BENCH_SCREEN_FILE)`);
      return [];
    }
    const rows = parse(readFileSync(FILE), { columns: true, bom: true, relax_column_count: true }) as Record<string, string>[];
    const texts = rows.map((r) => r['职位描述'] ?? '');
    const chars = texts.reduce((n, t) => n + t.length, 0);
    const longest = texts.reduce((a, t, i) => (t.length > (texts[a] as string).length ? i : a), 0);
    const passes = Number(process.env.BENCH_SCREEN_REPEAT ?? Math.max(1, Math.ceil(MIN_CHARS / chars)));
    const lexicon = [...new Set([...TRIGGER_WORDS, ...ruleWords()])];
    log(`${texts.length} descriptions, ${chars.toLocaleString('en')} characters (longest ${(texts[longest] as string).length.toLocaleString('en')}); ${passes} timed passes; lexicon ${lexicon.length} words (${TRIGGER_WORDS.length} trigger words)`);

    // the first call in a fresh process (this one may have loaded jieba already)
    const child = await run(process.execPath, ['--input-type=module', '-e', FIRST_CALL, join(ROOT, 'src/server/modules/market/screener/screen.ts')], { cwd: ROOT, timeout: 120_000 });
    const first = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { importMs: number; firstMs: number; secondMs: number; hits: number[] };
    log(`fresh process: import ${first.importMs.toFixed(0)} ms, first call ${first.firstMs.toFixed(1)} ms, second ${first.secondMs.toFixed(2)} ms (hits ${first.hits.join(', ')})`);
    if (first.hits.some((h) => h === 0)) throw new Error('the first-call texts should each have a hit');

    // warm-up: one pass of each, counting what the screener finds
    const verdicts: Record<Verdict, number> = { block: 0, review: 0, pass: 0 };
    let hits = 0;
    let t0 = performance.now();
    for (const t of texts) {
      const s = screenText(t);
      verdicts[s.verdict]++;
      hits += s.hits.length;
    }
    log(`warm-up: screener ${((performance.now() - t0) / 1000).toFixed(2)} s; ${hits} hits; block ${verdicts.block}, review ${verdicts.review}, pass ${verdicts.pass}`);
    const found = includesPass(texts, lexicon);
    const foundTrigger = includesPass(texts, TRIGGER_WORDS);

    // timed passes, alternating (a busy neighbour slows both alike)
    const perPosting = new Float64Array(texts.length * passes);
    let screenMs = 0;
    let lexiconMs = 0;
    let triggerMs = 0;
    let check = 0;
    for (let p = 0; p < passes; p++) {
      t0 = performance.now();
      let at = p * texts.length;
      for (const t of texts) {
        const a = performance.now();
        check += screenText(t).hits.length;
        perPosting[at++] = performance.now() - a;
      }
      screenMs += performance.now() - t0;
      t0 = performance.now();
      check += includesPass(texts, lexicon);
      lexiconMs += performance.now() - t0;
      t0 = performance.now();
      check += includesPass(texts, TRIGGER_WORDS);
      triggerMs += performance.now() - t0;
    }
    if (check !== passes * (hits + found + foundTrigger)) throw new Error('a timed pass found other hits than the warm-up');
    const perS = (ms: number) => Math.round((chars * passes) / (ms / 1000));
    const longestUs = Array.from({ length: passes }, (_, p) => perPosting[p * texts.length + longest] as number);
    const us = (ms: number) => round1(ms * 1000);
    log(`screener ${(screenMs / 1000).toFixed(2)} s, includes over the lexicon ${(lexiconMs / 1000).toFixed(2)} s (${found} text·word pairs per pass), over the trigger words ${(triggerMs / 1000).toFixed(2)} s (${foundTrigger})`);
    const slowest = perPosting.reduce((a, x, i) => (x > (perPosting[a] as number) ? i : a), 0) % texts.length;
    const slowestUs = Array.from({ length: passes }, (_, p) => us(perPosting[p * texts.length + slowest] as number));
    log(`slowest posting: #${slowest} (${(texts[slowest] as string).length} characters), ${slowestUs.map((x) => `${x} µs`).join(', ')} per pass (the same in every pass: the text; once: a collection or the host)`);
    log(`longest description (${(texts[longest] as string).length} characters): ${longestUs.map((x) => `${us(x)} µs`).join(', ')}`);

    const metrics: Metric[] = [
      { metric: 'chars_per_s', value: perS(screenMs), unit: 'chars/s', baseline: perS(lexiconMs), baselineOf: `String.includes for each of ${lexicon.length} words (TRIGGER_WORDS + the rules' literal words)` },
      { metric: 'chars_per_s_vs_trigger_words', value: perS(screenMs), unit: 'chars/s', baseline: perS(triggerMs), baselineOf: `String.includes for each of the ${TRIGGER_WORDS.length} TRIGGER_WORDS` },
      { metric: 'posting_p50', value: us(quantile(perPosting, 0.5)), unit: 'µs' },
      { metric: 'posting_p99', value: us(quantile(perPosting, 0.99)), unit: 'µs' },
      { metric: 'posting_max', value: us(quantile(perPosting, 1)), unit: 'µs' },
      { metric: 'longest_posting', value: us(Math.min(...longestUs)), unit: 'µs' },
      { metric: 'first_call_ms', value: round1(first.firstMs), unit: 'ms' },
      { metric: 'module_import_ms', value: Math.round(first.importMs), unit: 'ms' },
      { metric: 'hits', value: hits, unit: 'hits' },
      { metric: 'postings_block', value: verdicts.block, unit: 'postings' },
      { metric: 'postings_review', value: verdicts.review, unit: 'postings' },
      { metric: 'postings_pass', value: verdicts.pass, unit: 'postings' },
      { metric: 'chars', value: chars * passes, unit: 'chars' },
    ];
    return metrics;
  },
};
