// Offline evaluations: `npm run eval -- matching` (issue 12). Reads the labelled set in
// test/fixtures/matching/ (RUBRIC.md, seekers, postings, pools, judgments; README there says how it
// was built), scores every judged pair with the matcher's own pure score (src/server/modules/
// matching/score.ts, the function the API calls) and with a text-only BM25 baseline over the same
// words, and prints per group and side: NDCG@10 and recall@10, the boosts' effect on exposure,
// Cohen's κ of the second labelling pass, and the share of postings with a code finer than a major
// group. Appends the figures as JSON lines to bench/results/eval-matching.jsonl (machine and commit
// beside them, as the benchmarks do).
//   npm run eval -- matching [--split test|dev|all] [--no-write]
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EDUCATION_LEVELS, MAJOR_OCCUPATION_GROUPS } from '../src/server/modules/reference/loader.ts';
import { createSearchAnalyzer } from '../src/server/modules/market/service.ts';
import { BOOSTS, type CorpusStats, corpusOf, type MatchPosting, type MatchSeeker, postingWords, scoreMatch, seekerWordsOf, WEIGHTS, type Weights } from '../src/server/modules/matching/service.ts';
import { toFullCode } from '../src/shared/division.ts';

const ROOT = join(import.meta.dirname, '..');
const DIR = join(ROOT, 'test/fixtures/matching');
/** The evaluation's "now": postings were published publishedDaysAgo before it. */
const NOW = new Date('2025-03-10T02:00:00Z');
const K = 10;

type SeekerLine = {
  id: string; group: 'graduate' | 'migrant'; residenceDivision: string | null; homeDivision: string | null; desiredOccupations: string[]; desiredDivisions: string[];
  salaryMin: number | null; salaryMax: number | null; salaryUnit: string | null; educationCode: string | null; skillGrade: string | null; experienceYears: number | null;
  skills: string | null; resume: string | null; priorityGroups: string[]; notes?: string | null;
};
type PostingLine = {
  id: string; group: string; title: string; employer: string; divisionCode: string; occupationCode: string | null; salaryMin: number | null; salaryMax: number | null;
  salaryUnit: string | null; education: string; experience: string; skills: string; benefits: string; description: string; publishedDaysAgo: number;
  epidemicSupplies: boolean; priorityGroups: string[];
};
type Judgment = { seeker: string; posting: string; grade: number; by: string };

const lines = <T>(file: string): T[] =>
  readFileSync(join(DIR, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

/** Normalised discounted cumulative gain at k with gains 2^grade − 1 (Järvelin & Kekäläinen 2002); null when nothing is relevant. */
export function ndcgAt(k: number, ranked: readonly number[]): number | null {
  const dcg = (g: readonly number[]) => g.slice(0, k).reduce((s, x, i) => s + (2 ** x - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...ranked].sort((a, b) => b - a));
  return ideal > 0 ? dcg(ranked) / ideal : null;
}

/** The share of the good fits (grade 2) found in the first k; null when there are none. */
export function recallAt(k: number, ranked: readonly number[]): number | null {
  const all = ranked.filter((g) => g >= 2).length;
  return all ? ranked.slice(0, k).filter((g) => g >= 2).length / all : null;
}

/** Cohen's κ of two labellings of the same items (categories as given). */
export function cohenKappa(pairs: ReadonlyArray<[number, number]>): number {
  const n = pairs.length;
  const cats = [...new Set(pairs.flat())];
  const agree = pairs.filter(([a, b]) => a === b).length / n;
  const chance = cats.reduce((s, c) => s + (pairs.filter(([a]) => a === c).length / n) * (pairs.filter(([, b]) => b === c).length / n), 0);
  return chance === 1 ? 1 : (agree - chance) / (1 - chance);
}

/** Plain BM25 (k1 1.2, b 0.75) of the seeker's distinct words in a posting: the text-only baseline. */
function bm25(words: readonly string[], p: MatchPosting, corpus: CorpusStats): number {
  let sum = 0;
  for (const w of new Set(words)) {
    const tf = p.words.get(w);
    if (!tf) continue;
    const df = corpus.documentFrequency(w);
    const idf = Math.log(1 + (corpus.documents - df + 0.5) / (df + 0.5));
    sum += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * p.length) / (corpus.averageLength || 1)));
  }
  return sum;
}

const mean = (xs: readonly (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN;
};

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] !== 'matching') {
    console.error('usage: npm run eval -- matching [--split test|dev|all] [--no-write]');
    process.exit(2);
  }
  const at = args.indexOf('--split');
  const split = (at >= 0 ? args[at + 1] : 'all') as 'test' | 'dev' | 'all';
  if (!['test', 'dev', 'all'].includes(split)) {
    console.error('--split is test, dev or all');
    process.exit(2);
  }
  const write = !args.includes('--no-write');
  // other weights to try (development half only: `--split dev --weights '{"text":0.3}'`); never written as results
  const wAt = args.indexOf('--weights');
  const weights: Weights = wAt >= 0 ? { ...WEIGHTS, ...(JSON.parse(args[wAt + 1] as string) as Partial<Weights>) } : WEIGHTS;
  if (wAt >= 0 && write) {
    console.error('--weights is for trying weights: add --no-write');
    process.exit(2);
  }

  const divisions = readFileSync(join(ROOT, 'data/reference/yunnan_divisions.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split(','))
    .map(([code, name, level, parent]) => ({ code: toFullCode(code as string), name: name as string, level: level as string, parent_code: parent ? toFullCode(parent) : null, active: true }));
  const analyzer = createSearchAnalyzer({ divisions, province: '530000' });
  const groupNames = new Map(MAJOR_OCCUPATION_GROUPS.map((g) => [g.code, g.name]));
  const ranks = new Map(EDUCATION_LEVELS.map((e) => [e.code, e.rank]));

  const seekers = lines<SeekerLine>('seekers.jsonl');
  const postingLines = lines<PostingLine>('postings.jsonl');
  const judgmentFiles = readdirSync(DIR).filter((f) => /^judgments(-[a-z]+)?\.jsonl$/.test(f) && f !== 'judgments-second.jsonl');
  const judgments = judgmentFiles.flatMap((f) => lines<Judgment>(f)).filter((j) => j.by === 'first');
  const grade = new Map(judgments.map((j) => [`${j.seeker}|${j.posting}`, j.grade]));

  const postings = new Map(
    postingLines.map((p) => {
      const tokens = analyzer.documentTokens({ title: p.title, company: p.employer, skills: p.skills, benefits: p.benefits, description: p.description });
      const m: MatchPosting = {
        occupationCode: p.occupationCode, divisionCode: p.divisionCode, salaryMin: p.salaryMin, salaryMax: p.salaryMax, salaryUnit: p.salaryUnit,
        education: p.education, experience: p.experience, skillGrade: '', publishedAt: new Date(NOW.getTime() - p.publishedDaysAgo * 86_400_000),
        epidemicSupplies: p.epidemicSupplies, priorityGroups: p.priorityGroups, ...postingWords(tokens),
      };
      return [p.id, m] as const;
    }),
  );
  const corpus = corpusOf([...postings.values()]);
  const people = new Map(
    seekers.map((s) => {
      // the notes are what a person writes in their résumé's last lines (the profile has no other place)
      const words = seekerWordsOf(analyzer, { desiredOccupations: s.desiredOccupations, occupationNames: groupNames, skills: s.skills, skillGrade: s.skillGrade, resume: [s.resume, s.notes].filter(Boolean).join(' ') });
      const m: MatchSeeker = {
        desiredOccupations: s.desiredOccupations, desiredDivisions: s.desiredDivisions, residenceDivision: s.residenceDivision, homeDivision: s.homeDivision,
        salaryMin: s.salaryMin, salaryMax: s.salaryMax, salaryUnit: s.salaryUnit, educationRank: s.educationCode ? (ranks.get(s.educationCode) ?? null) : null,
        skillGrade: s.skillGrade, experienceYears: s.experienceYears, priorityGroups: s.priorityGroups, words,
      };
      return [s.id, { line: s, m }] as const;
    }),
  );
  const inSplit = (id: string) => split === 'all' || (Number(id.slice(1)) % 2 === 0) === (split === 'test');

  type Scorer = (s: MatchSeeker, p: MatchPosting) => number;
  const scorers: Record<string, Scorer> = {
    matcher: (s, p) => scoreMatch(s, p, corpus, NOW, weights).score,
    'matcher, boosts off': (s, p) => {
      const r = scoreMatch(s, p, corpus, NOW, weights);
      return r.score - r.fits.boost;
    },
    bm25: (s, p) => bm25(s.words, p, corpus),
  };

  // judged pairs by seeker and by posting
  const bySeeker = new Map<string, string[]>();
  const byPosting = new Map<string, string[]>();
  for (const j of judgments) {
    if (!postings.has(j.posting) || !people.has(j.seeker) || !inSplit(j.seeker)) continue;
    bySeeker.set(j.seeker, [...(bySeeker.get(j.seeker) ?? []), j.posting]);
    byPosting.set(j.posting, [...(byPosting.get(j.posting) ?? []), j.seeker]);
  }
  const groupOf = (seekerId: string) => people.get(seekerId)?.line.group as string;

  type Row = { group: string; side: 'candidate' | 'employer'; scorer: string; n: number; ndcg: number; recall: number; pairs: number };
  const rows: Row[] = [];
  for (const group of ['graduate', 'migrant']) {
    for (const [name, score] of Object.entries(scorers)) {
      // candidate side: each seeker's judged postings ranked
      const cand = [...bySeeker.entries()].filter(([s]) => groupOf(s) === group).map(([s, ps]) => {
        const who = people.get(s)?.m as MatchSeeker;
        const ranked = ps
          .map((p) => ({ g: grade.get(`${s}|${p}`) as number, v: score(who, postings.get(p) as MatchPosting), p }))
          .sort((a, b) => b.v - a.v || (a.p < b.p ? -1 : 1))
          .map((x) => x.g);
        return { ndcg: ndcgAt(K, ranked), recall: recallAt(K, ranked), pairs: ps.length };
      });
      rows.push({ group, side: 'candidate', scorer: name, n: cand.filter((c) => c.ndcg !== null).length, ndcg: mean(cand.map((c) => c.ndcg)), recall: mean(cand.map((c) => c.recall)), pairs: cand.reduce((a, c) => a + c.pairs, 0) });
      // employer side: each posting's judged seekers of this group ranked
      const emp = [...byPosting.entries()].map(([p, ss]) => {
        const mine = ss.filter((s) => groupOf(s) === group);
        const ranked = mine
          .map((s) => ({ g: grade.get(`${s}|${p}`) as number, v: score(people.get(s)?.m as MatchSeeker, postings.get(p) as MatchPosting), s }))
          .sort((a, b) => b.v - a.v || (a.s < b.s ? -1 : 1))
          .map((x) => x.g);
        return { ndcg: mine.length > K ? ndcgAt(K, ranked) : null, recall: mine.length > K ? recallAt(K, ranked) : null, pairs: mine.length };
      });
      rows.push({ group, side: 'employer', scorer: name, n: emp.filter((c) => c.ndcg !== null).length, ndcg: mean(emp.map((c) => c.ndcg)), recall: mean(emp.map((c) => c.recall)), pairs: emp.reduce((a, c) => a + c.pairs, 0) });
    }
  }

  // exposure: the share of first-10 places given to postings open to the seeker's group, with and without the boosts
  const exposure = ['graduate', 'migrant'].map((group) => {
    const flag = group === 'graduate' ? 'graduate' : 'migrant';
    const share = (name: string) => {
      let shown = 0;
      let priority = 0;
      for (const [s, ps] of bySeeker) {
        if (groupOf(s) !== group) continue;
        const who = people.get(s)?.m as MatchSeeker;
        const top = ps.map((p) => ({ p, v: (scorers[name] as Scorer)(who, postings.get(p) as MatchPosting) })).sort((a, b) => b.v - a.v).slice(0, K);
        shown += top.length;
        priority += top.filter((x) => postings.get(x.p)?.priorityGroups.includes(flag) || postings.get(x.p)?.epidemicSupplies).length;
      }
      return shown ? priority / shown : Number.NaN;
    };
    const judged = [...bySeeker.entries()].filter(([s]) => groupOf(s) === group).flatMap(([, ps]) => ps);
    const poolShare = judged.filter((p) => postings.get(p)?.priorityGroups.includes(flag) || postings.get(p)?.epidemicSupplies).length / (judged.length || 1);
    return { group, pool: poolShare, boosted: share('matcher'), unboosted: share('matcher, boosts off') };
  });

  // agreement of the second pass
  let kappa: { pairs: number; kappa: number; agreement: number } | null = null;
  if (existsSync(join(DIR, 'judgments-second.jsonl'))) {
    const second = lines<Judgment>('judgments-second.jsonl');
    const both = second.map((j) => [grade.get(`${j.seeker}|${j.posting}`), j.grade] as const).filter((x): x is [number, number] => x[0] !== undefined);
    if (both.length) kappa = { pairs: both.length, kappa: cohenKappa(both), agreement: both.filter(([a, b]) => a === b).length / both.length };
  }
  const finer = postingLines.filter((p) => (p.occupationCode ?? '').length > 1).length / postingLines.length;

  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');
  console.log(`\nmatching evaluation (${split} split; ${judgments.length} first-pass judgments from ${judgmentFiles.join(', ')}; K = ${K})\n`);
  console.log('| group | side | scorer | units | NDCG@10 | recall@10 |');
  console.log('|---|---|---|--:|--:|--:|');
  for (const r of rows) console.log(`| ${r.group} | ${r.side} | ${r.scorer} | ${r.n} | ${f(r.ndcg)} | ${f(r.recall)} |`);
  console.log('\n| group | side | matcher − BM25 (NDCG@10) | target ≥ 0.05 |');
  console.log('|---|---|--:|---|');
  const gaps: Array<{ group: string; side: string; gap: number }> = [];
  for (const group of ['graduate', 'migrant']) {
    for (const side of ['candidate', 'employer'] as const) {
      const m = rows.find((r) => r.group === group && r.side === side && r.scorer === 'matcher') as Row;
      const b = rows.find((r) => r.group === group && r.side === side && r.scorer === 'bm25') as Row;
      gaps.push({ group, side, gap: m.ndcg - b.ndcg });
      console.log(`| ${group} | ${side} | ${f(m.ndcg - b.ndcg)} | ${m.ndcg - b.ndcg >= 0.05 ? 'met' : 'not met'} |`);
    }
  }
  console.log(`\nexposure (share of the first 10 places given to postings open to the seeker's group or of epidemic-supply producers; boosts +${BOOSTS.priorityGroup} / +${BOOSTS.epidemicSupplies}):`);
  for (const e of exposure) console.log(`  ${e.group}: ${f(e.unboosted)} without boosts → ${f(e.boosted)} with (their share of the judged pool: ${f(e.pool)})`);
  console.log(kappa ? `\nsecond labelling pass: ${kappa.pairs} pairs, agreement ${f(kappa.agreement)}, Cohen's κ ${f(kappa.kappa)}` : '\nsecond labelling pass: none on record');
  console.log(`postings with an occupation code finer than a major group: ${(100 * finer).toFixed(1)} % of ${postingLines.length}`);

  if (write) {
    let commit = 'unknown';
    try {
      commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {}
    const date = new Date().toISOString();
    const out = [
      ...rows.map((r) => ({ name: 'eval-matching', metric: `${r.group}_${r.side}_${r.scorer.replace(/[^a-z0-9]+/g, '_')}_ndcg10`, value: Number(r.ndcg.toFixed(4)), recall10: Number(r.recall.toFixed(4)), units: r.n, split })),
      ...exposure.map((e) => ({ name: 'eval-matching', metric: `${e.group}_priority_exposure`, value: Number(e.boosted.toFixed(4)), baseline: Number(e.unboosted.toFixed(4)), split })),
      ...(kappa ? [{ name: 'eval-matching', metric: 'second_pass_kappa', value: Number(kappa.kappa.toFixed(4)), pairs: kappa.pairs }] : []),
    ].map((x) => JSON.stringify({ ...x, commit, date }));
    appendFileSync(join(ROOT, 'bench/results/eval-matching.jsonl'), `${out.join('\n')}\n`);
  }
  if (gaps.some((g) => !Number.isFinite(g.gap))) process.exitCode = 1;
}

main();
