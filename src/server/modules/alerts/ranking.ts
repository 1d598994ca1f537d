// The digest's ranking (issue 12, decision 0047): a subscriber's best few of the day's new postings
// by the matcher's own score (matching's scoreMatch), without scoring every posting they could reach.
// Pure: no database, no clock of its own; the digest service loads the postings once and calls
// `topPostings` for each subscriber of a batch.
//
// The day's postings are indexed once, in memory, by place (county, prefecture, province) and by
// occupation code prefix (大典 major group, middle group, minor group, occupation; '' for no code),
// each list split by the flags the boosts read (epidemic-prevention supplies, open to graduates,
// open to migrant workers). A subscriber's reach comes from their profile's match keys (migration
// 0030): their counties and prefectures (every prefecture when they chose the whole province or
// named no place) and, for the occupations they named at a level finer than a major group, the
// whole province. The lists they reach fall into classes — (place, how closely the occupation
// matches, boost flags) — and every posting of a class gets the same place, occupation and boost
// fits. A class's bound is the score of a stand-in posting of the class that is best in every
// other respect (salary above any expectation, no requirements, published this instant, no text)
// plus the text's whole weight: no posting of the class can score above it. Scoring everything a
// subscriber reaches would be about 2,300 postings each over a generated province (decision 0047),
// so the walk makes a shortlist: classes best bound first, each posting estimated by its class's
// bound with the text part replaced by a BM25 estimate of the subscriber's words in it (an inverted
// index of the day's postings), the `candidates` best kept; those are scored with scoreMatch, best
// estimate first, until the picks all score at least every bound left. With no limit on the
// shortlist the result is exactly the brute-force best (ranking.test.ts).
import type { CorpusStats, MatchPosting, MatchSeeker, ReasonCode } from '../matching/service.ts';
import { monthlyOf, scoreMatch, scoreValue, WEIGHTS } from '../matching/service.ts';

/** A posting of the day as the digest holds it: its key, what the scorer reads, what a digest shows. */
export type DayPosting = {
  divisionCode: string;
  id: number;
  match: MatchPosting;
  view: { publicCode: string; title: string; employerName: string; salaryMin: number | null; salaryMax: number | null; salaryUnit: string | null };
};

/** Boost flags of a posting: bit 0 epidemic-prevention supplies, bit 1 open to graduates, bit 2 open to migrant workers. */
const flagsOf = (p: MatchPosting) => (p.epidemicSupplies ? 1 : 0) | (p.priorityGroups.includes('graduate') ? 2 : 0) | (p.priorityGroups.includes('migrant') ? 4 : 0);
const FLAG_SETS = [0, 1, 2, 3, 4, 5, 6, 7] as const;

/** Occupation-code prefixes of a 大典 code by segments: '6-01-02' → ['6', '6-01', '6-01-02']. */
function prefixesOf(code: string): string[] {
  const parts = code.split('-');
  return parts.map((_, i) => parts.slice(0, i + 1).join('-'));
}

export type PostingIndex = {
  postings: readonly DayPosting[];
  /** place key (county 6 digits, prefecture 4, province 2) → occupation key (a code prefix, '' no code, '*' any) → flags → positions in `postings`. */
  lists: Map<string, Map<string, number[][]>>;
  /** word → the postings holding it and the word's weight in each (BM25's term part), for the shortlist's text estimate. */
  terms: Map<string, { at: Int32Array; weight: Float32Array; idf: number }>;
};

/** The shortlist's text estimate: BM25 with the usual parameters (Robertson & Zaragoza 2009) and the matcher's saturation, over the day's postings. An estimate only: the score is scoreMatch's. */
const K1 = 1.2;
const B = 0.75;
const SATURATION = 3;
/** Words in more than this share of the day's postings say little about a match (an idf under 3): the estimate leaves them out, and walks short lists only. */
const COMMON = 0.05;

function termsOf(postings: readonly DayPosting[]): PostingIndex['terms'] {
  const df = new Map<string, number>();
  let total = 0;
  for (const p of postings) {
    total += p.match.length;
    for (const w of p.match.words.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const n = postings.length;
  const avg = n && total ? total / n : 1;
  const terms: PostingIndex['terms'] = new Map();
  for (const [w, d] of df) if (d <= COMMON * n || n < 20) terms.set(w, { at: new Int32Array(d), weight: new Float32Array(d), idf: Math.log(1 + (n - d + 0.5) / (d + 0.5)) });
  const filled = new Map<string, number>();
  postings.forEach((p, i) => {
    for (const [w, tf] of p.match.words) {
      const t = terms.get(w);
      if (!t) continue;
      const k = filled.get(w) ?? 0;
      t.at[k] = i;
      t.weight[k] = (t.idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * p.match.length) / avg));
      filled.set(w, k + 1);
    }
  });
  return terms;
}

/**
 * Indexes the day's postings once. Each list is ordered by the monthly equivalent of the best pay
 * offered, highest first (no figure last): of postings the shortlist estimates alike, the better
 * paid come first. A posting whose place did not resolve (000000) is in no list: no subscriber reaches it.
 */
export function indexPostings(postings: readonly DayPosting[]): PostingIndex {
  const lists = new Map<string, Map<string, number[][]>>();
  const add = (place: string, occupation: string, flags: number, i: number) => {
    let byOccupation = lists.get(place);
    if (!byOccupation) {
      byOccupation = new Map();
      lists.set(place, byOccupation);
    }
    let byFlags = byOccupation.get(occupation);
    if (!byFlags) {
      byFlags = FLAG_SETS.map(() => []);
      byOccupation.set(occupation, byFlags);
    }
    (byFlags[flags] as number[]).push(i);
  };
  const pay = postings.map((p) => monthlyOf(p.match.salaryMax ?? p.match.salaryMin, p.match.salaryUnit) ?? -1);
  const order = postings.map((_, i) => i).sort((a, b) => (pay[b] as number) - (pay[a] as number) || a - b);
  for (const i of order) {
    const p = postings[i] as DayPosting;
    const d = p.divisionCode;
    if (!/^\d{6}$/.test(d) || d === '000000') continue;
    const places = [d.slice(0, 2)];
    if (!d.endsWith('0000')) places.push(d.slice(0, 4));
    if (!d.endsWith('00')) places.push(d);
    const occupations = ['*', ...(p.match.occupationCode ? prefixesOf(p.match.occupationCode) : [''])];
    const flags = flagsOf(p.match);
    for (const place of places) for (const o of occupations) add(place, o, flags, i);
  }
  return { postings, lists, terms: termsOf(postings) };
}

/** Where a subscriber's postings are looked for, from their profile's match keys (migration 0030). */
export type Reach = {
  counties: string[];
  prefectures: string[];
  /** Two-digit provinces walked whole (a province chosen, or no place named: the deployment's). */
  provinces: string[];
  /** Occupation code prefixes named (each level of each desired occupation); empty: none named, any occupation. */
  occupations: string[];
  /** The deployment's province (two digits): the occupations named finer than a major group are looked for in all of it. */
  home: string;
};

/** The reach of a profile's match keys (c county, f prefecture, v province, o occupation prefix, oany). */
export function reachOf(matchKeys: readonly string[], province: string): Reach {
  const of = (k: string) => matchKeys.filter((x) => x.startsWith(k) && x !== 'oany').map((x) => x.slice(1));
  const counties = of('c');
  const prefectures = of('f');
  const provinces = of('v');
  const home = province.slice(0, 2);
  if (!counties.length && !prefectures.length && !provinces.length) provinces.push(home);
  return { counties, prefectures, provinces, occupations: of('o'), home };
}

type Class = { place: string; rank: number; stand: string; occupation: string; level: number; flags: number; bound: number };

/** A picked posting: its position in the index, its score and reasons (strongest first). */
export type Choice = { i: number; score: number; reasons: ReasonCode[] };

/**
 * `size` postings picked, each scoring at least `threshold`; at most `candidates` postings scored
 * per subscriber, those the shortlist ranks first (Infinity: every posting reached whose class
 * could reach the threshold, which is exact).
 */
export type RankOptions = { size: number; threshold: number; candidates: number };

/** Work arrays reused from one subscriber to the next (one per index): the walk's marks, the text estimates, the shortlist (a min-heap on the estimate). */
export type Scratch = { seen: Int32Array; stamp: number; text: Float32Array; touched: number[]; at: Int32Array; estimate: Float64Array; bound: Float64Array };

export function scratchFor(index: PostingIndex): Scratch {
  const n = index.postings.length;
  return { seen: new Int32Array(n), stamp: 0, text: new Float32Array(n), touched: [], at: new Int32Array(n), estimate: new Float64Array(n), bound: new Float64Array(n) };
}

/**
 * The subscriber's best `size` postings of the index scoring at least `threshold`, best first (ties:
 * the later published, then the higher id), and how many postings were scored. `seeker` is the
 * profile as the scorer reads it, `reach` where to look; `corpus` and `now` as for scoreMatch;
 * `skip`, positions in the index never picked (the postings the subscriber applied to).
 *
 * The shortlist: the classes are walked best bound first, and each posting reached gets an
 * estimate — its class's bound with the text's weight replaced by a BM25 estimate of the
 * subscriber's words in the posting (never above the bound) — keeping the `candidates` best; the
 * walk stops once the shortlist is full and no class left can beat its worst. The shortlisted are
 * scored best estimate first with scoreMatch, stopping when the picks all score at least every
 * bound left.
 */
export function topPostings(index: PostingIndex, seeker: MatchSeeker, reach: Reach, corpus: CorpusStats, now: Date, opts: RankOptions, scratch: Scratch, skip: readonly number[] = []): { picks: Choice[]; scored: number } {
  const classes = classesOf(index, seeker, reach, now);
  const stamp = ++scratch.stamp;
  const { seen, text, touched, at, estimate, bound } = scratch;
  // the postings left out (the subscriber applied to them) count as walked already
  for (const i of skip) seen[i] = stamp;
  estimateText(index, seeker.words, scratch);
  const limit = Math.min(opts.candidates, index.postings.length);
  let size = 0;
  const swap = (a: number, b: number) => {
    const i = at[a] as number;
    const e = estimate[a] as number;
    const u = bound[a] as number;
    at[a] = at[b] as number;
    estimate[a] = estimate[b] as number;
    bound[a] = bound[b] as number;
    at[b] = i;
    estimate[b] = e;
    bound[b] = u;
  };
  walk: for (const c of classes) {
    if (c.bound < opts.threshold) break;
    if (size === limit && (estimate[0] as number) >= c.bound) break;
    const list = index.lists.get(c.place)?.get(c.occupation)?.[c.flags];
    if (!list) continue;
    for (const i of list) {
      if (seen[i] === stamp) continue;
      seen[i] = stamp;
      const x = text[i] as number;
      const e = c.bound - WEIGHTS.text * (1 - x / (x + SATURATION));
      if (size < limit) {
        // push, then sift up
        let k = size++;
        at[k] = i;
        estimate[k] = e;
        bound[k] = c.bound;
        while (k > 0) {
          const parent = (k - 1) >> 1;
          if ((estimate[parent] as number) <= (estimate[k] as number)) break;
          swap(parent, k);
          k = parent;
        }
      } else if (e > (estimate[0] as number)) {
        // replace the worst, then sift down
        at[0] = i;
        estimate[0] = e;
        bound[0] = c.bound;
        let k = 0;
        for (;;) {
          const l = 2 * k + 1;
          const r = l + 1;
          let m = k;
          if (l < size && (estimate[l] as number) < (estimate[m] as number)) m = l;
          if (r < size && (estimate[r] as number) < (estimate[m] as number)) m = r;
          if (m === k) break;
          swap(m, k);
          k = m;
        }
        // a full shortlist whose worst now beats this class's bound takes nothing more from it
        if ((estimate[0] as number) >= c.bound) continue walk;
      }
    }
  }
  for (const i of touched) text[i] = 0;
  touched.length = 0;

  // score the shortlist, best estimate first; stop when no posting left can displace the picks
  const order = Array.from({ length: size }, (_, k) => k).sort((a, b) => (estimate[b] as number) - (estimate[a] as number));
  const boundLeft = new Float64Array(size + 1);
  for (let k = size - 1; k >= 0; k--) boundLeft[k] = Math.max(boundLeft[k + 1] as number, bound[order[k] as number] as number);
  const picks: Choice[] = [];
  const better = (a: Choice, b: Choice) => {
    const pa = index.postings[a.i] as DayPosting;
    const pb = index.postings[b.i] as DayPosting;
    return a.score - b.score || pa.match.publishedAt.getTime() - pb.match.publishedAt.getTime() || pa.id - pb.id;
  };
  let scored = 0;
  for (let k = 0; k < size; k++) {
    if (picks.length === opts.size && (picks[opts.size - 1] as Choice).score >= (boundLeft[k] as number)) break;
    const i = at[order[k] as number] as number;
    scored++;
    const score = scoreValue(seeker, (index.postings[i] as DayPosting).match, corpus, now);
    if (score < opts.threshold) continue;
    const pick: Choice = { i, score, reasons: [] };
    if (picks.length === opts.size && better(pick, picks[opts.size - 1] as Choice) <= 0) continue;
    let k2 = picks.length === opts.size ? opts.size - 1 : picks.length;
    while (k2 > 0 && better(pick, picks[k2 - 1] as Choice) > 0) {
      picks[k2] = picks[k2 - 1] as Choice;
      k2--;
    }
    picks[k2] = pick;
  }
  // the reasons of the few picked only (scoreMatch gives the same score with them)
  for (const pick of picks) pick.reasons = scoreMatch(seeker, (index.postings[pick.i] as DayPosting).match, corpus, now).reasons;
  return { picks, scored };
}

/** Adds each posting's BM25 estimate of the subscriber's words (each distinct word once) into scratch.text, noting the postings touched. */
function estimateText(index: PostingIndex, words: readonly string[], scratch: Scratch): void {
  const { text, touched } = scratch;
  for (const w of new Set(words)) {
    const t = index.terms.get(w);
    if (!t) continue;
    const { at, weight } = t;
    for (let k = 0; k < at.length; k++) {
      const i = at[k] as number;
      if (text[i] === 0) touched.push(i);
      text[i] = (text[i] as number) + (weight[k] as number);
    }
  }
}

/** Stand-in postings made for `standInsAt` (the clock of the run), by place, occupation code and flags: made once a run, not once a subscriber. */
const standIns = new Map<string, MatchPosting>();
let standInsAt = Number.NaN;

/** A stand-in posting that is best in every respect but place, occupation and boosts; its text is left out (bounded by its weight). */
function standIn(key: string, division: string, occupation: string | null, flags: number, now: Date): MatchPosting {
  if (now.getTime() !== standInsAt) {
    standIns.clear();
    standInsAt = now.getTime();
  }
  let made = standIns.get(key);
  if (!made) {
    made = standInOf(division, occupation, flags, now);
    standIns.set(key, made);
  }
  return made;
}

function standInOf(division: string, occupation: string | null, flags: number, now: Date): MatchPosting {
  return {
    occupationCode: occupation,
    divisionCode: division,
    salaryMin: 10_000_000,
    salaryMax: 10_000_000,
    salaryUnit: 'MONTH',
    education: '',
    experience: '',
    skillGrade: '',
    publishedAt: now,
    epidemicSupplies: (flags & 1) === 1,
    priorityGroups: [...((flags & 2) === 2 ? ['graduate'] : []), ...((flags & 4) === 4 ? ['migrant'] : [])],
    words: new Map(),
    length: 0,
  };
}

const NO_CORPUS: CorpusStats = { documents: 0, averageLength: 0, documentFrequency: () => 0 };

/**
 * The classes of postings the subscriber reaches, best bound first (ties: the closer occupation,
 * then the nearer place). Place ranks: 0 a county of theirs, 1 a prefecture, 2 a province. Each
 * class's stand-in posting sits in the place (a county of no one's — `ZZ` — inside a prefecture or
 * province, since the subscriber's own counties were walked before) with an occupation code that
 * shares exactly the class's segments with theirs (`ZZ` segments after the prefix).
 */
export function classesOf(index: PostingIndex, seeker: MatchSeeker, reach: Reach, now: Date): Class[] {
  const places: Array<{ place: string; rank: number; stand: string }> = [
    ...reach.counties.map((c) => ({ place: c, rank: 0, stand: c })),
    ...reach.prefectures.map((f) => ({ place: f, rank: 1, stand: `${f}ZZ` })),
    ...reach.provinces.map((v) => ({ place: v, rank: 2, stand: `${v}ZZZZ` })),
  ];
  // the occupations named finer than a major group, anywhere in the province (as the live matcher looks)
  const fine = reach.occupations.filter((o) => o.includes('-'));
  if (fine.length && !reach.provinces.includes(reach.home)) places.push({ place: reach.home, rank: 2, stand: `${reach.home}ZZZZ` });
  const out: Class[] = [];
  const bounds = new Map<string, number>();
  const boundOf = (stand: string, code: string | null, flags: number) => {
    const key = `${stand}|${code}|${flags}`;
    let b = bounds.get(key);
    if (b === undefined) {
      b = Math.min(1, scoreValue(seeker, standIn(key, stand, code, flags, now), NO_CORPUS, now) + WEIGHTS.text);
      bounds.set(key, b);
    }
    return b;
  };
  for (const p of places) {
    const byOccupation = index.lists.get(p.place);
    if (!byOccupation) continue;
    const occupations: Array<{ key: string; level: number; code: string | null }> = reach.occupations.length
      ? [
          ...(p.place === reach.home && p.rank === 2 && !reach.provinces.includes(reach.home) ? fine : reach.occupations).map((o) => {
            const level = o.split('-').length;
            return { key: o, level, code: level >= 4 ? o : `${o}${'-ZZ'.repeat(4 - level)}` };
          }),
          ...(p.place === reach.home && p.rank === 2 && !reach.provinces.includes(reach.home) ? [] : [{ key: '', level: 0, code: null }]),
        ]
      : [{ key: '*', level: 0, code: null }];
    for (const o of occupations) {
      const byFlags = byOccupation.get(o.key);
      if (!byFlags) continue;
      for (const flags of FLAG_SETS) {
        if (!(byFlags[flags] as number[]).length) continue;
        out.push({ place: p.place, rank: p.rank, stand: p.stand, occupation: o.key, level: o.level, flags, bound: boundOf(p.stand, o.code, flags) });
      }
    }
  }
  return out.sort((a, b) => b.bound - a.bound || b.level - a.level || a.rank - b.rank);
}
