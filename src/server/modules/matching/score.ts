// The matcher's score (issue 12, M1/M3/M4; decision 0046): one pure function of a job seeker and a
// posting, the same for both sides (the seeker's recommended jobs, the employer's candidates), the
// evaluation (`npm run eval -- matching`) and the job-alert digest. No database, no clock of its own.
//
//   score = 0.9 × Σ weightᵢ × fitᵢ  +  boosts            (each fit in [0, 1], Σ weights = 1, boosts ≤ 0.1)
//
// Fits: occupation (大典 2022 code prefixes), place (county > prefecture > province; the seeker's
// residence, home county and chosen places), salary (monthly equivalents), requirements (education,
// experience, skill grade), text (BM25 of the seeker's words against the posting's), freshness.
// Boosts (M3, 国办发〔2020〕6号 and the notice's priorities): a posting open to the seeker's priority
// group (college graduates, migrant workers), and an employer producing epidemic-prevention supplies.
import { educationRankOf, experienceYearsOf, monthlyOf, skillGradeOf } from './requirements.ts';
import { WEIGHT_COUNTS } from './tsvector.ts';

/** Why a result is shown: the fixed list of reason codes (their texts are in messages.ts, per language). */
export const REASON_CODES = [
  'same_occupation',
  'same_minor_group',
  'same_middle_group',
  'same_major_group',
  'same_county',
  'home_county',
  'chosen_place',
  'same_prefecture',
  'salary_fits',
  'education_fits',
  'experience_fits',
  'skill_grade_fits',
  'words_in_common',
  'open_to_graduates',
  'open_to_migrant_workers',
  'epidemic_supplies_employer',
  'newly_published',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** A seeker as the scorer reads them (a profile row, or an evaluation line). */
export type MatchSeeker = {
  /** 大典 2022 codes at any level: '4', '4-02', '4-02-01', '4-02-01-01'. */
  desiredOccupations: readonly string[];
  /** Six-digit division codes at any level (530102 county, 530100 prefecture, 530000 province). */
  desiredDivisions: readonly string[];
  residenceDivision: string | null;
  /** 户籍所在县: a migrant worker's home county (returning workers look for work near it too). */
  homeDivision: string | null;
  salaryMin: number | null;
  salaryMax: number | null;
  /** month | day | hour (the profile's units). */
  salaryUnit: string | null;
  /** education_levels.rank: 8 博士 … 1 小学及以下; null when not given. */
  educationRank: number | null;
  skillGrade: string | null;
  experienceYears: number | null;
  priorityGroups: readonly string[];
  /** The seeker's words (desired occupations' names, skills, résumé), segmented as a posting's are. */
  words: readonly string[];
};

/** A posting as the scorer reads it. */
export type MatchPosting = {
  occupationCode: string | null;
  /** Six digits: the county (or a coarser code when the place was not resolved). */
  divisionCode: string;
  salaryMin: number | null;
  salaryMax: number | null;
  /** HOUR | DAY | PIECE | MONTH | YEAR, or null (面议). */
  salaryUnit: string | null;
  education: string;
  experience: string;
  skillGrade: string;
  /** First publication (what the seeker sees as the posting's date). */
  publishedAt: Date;
  epidemicSupplies: boolean;
  /** graduate | migrant (the posting's own flags). */
  priorityGroups: readonly string[];
  /**
   * The posting's words with their weighted counts (title 3, skills/benefits/employer 1.5,
   * description 1): all of them, or at least the seeker's (the score looks up no others).
   */
  words: ReadonlyMap<string, number>;
  /** Σ of the weighted counts (BM25's document length). */
  length: number;
};

/**
 * What BM25 needs to know about the postings compared: their number, mean length, and each word's
 * document frequency; `frequencies`, when the statistics were counted here (corpusOf), is that table
 * itself, so that another thread can have the same statistics (corpusFrom).
 */
export type CorpusStats = { documents: number; averageLength: number; documentFrequency: (word: string) => number; frequencies?: ReadonlyMap<string, number> };

export type Fits = { occupation: number; place: number; salary: number; requirements: number; text: number; freshness: number; boost: number };
export type Scored = { score: number; reasons: ReasonCode[]; fits: Fits };

/**
 * The weights of the fits (Σ = 1). First set before the evaluation's judgments were read
 * (occupation 0.30, place 0.22, salary 0.12, requirements 0.12, text 0.14, freshness 0.10); changed
 * once after trying weights on the evaluation's development half (odd seeker numbers) — the text
 * fit carries most, since candidates already share the seeker's places and occupation groups —
 * and reported on the other half (decision 0046, README).
 */
export const WEIGHTS = { occupation: 0.15, place: 0.15, salary: 0.06, requirements: 0.12, text: 0.5, freshness: 0.02 } as const;
/** A set of fit weights (the evaluation tries others on its development half; the API always uses WEIGHTS). */
export type Weights = { readonly [K in keyof typeof WEIGHTS]: number };
/** The boosts (M3), added after the weighted fits are scaled to 0.9. */
export const BOOSTS = { priorityGroup: 0.06, epidemicSupplies: 0.04 } as const;

/** A posting's first publication this recent is "newly published" (ms). */
const NEW_MS = 3 * 86_400_000;
/** Freshness halves every … days (exp decay): a month-old posting is worth half a new one. */
const FRESH_HALF_LIFE_DAYS = 30;
/** BM25 parameters (Robertson & Zaragoza 2009, the usual k1 and b); `TEXT_SATURATION` maps a sum in [0, ∞) onto [0, 1). */
const K1 = 1.2;
const B = 0.75;
const TEXT_SATURATION = 3;

/** The shared prefix level of two 大典 codes: 4 same occupation, 3 minor, 2 middle, 1 major group, 0 none. */
export function occupationLevel(a: string, b: string): number {
  return sharedSegments(a.split('-'), b.split('-'));
}

/** How many leading segments two split codes share. */
function sharedSegments(pa: readonly string[], pb: readonly string[]): number {
  let n = 0;
  while (n < pa.length && n < pb.length && pa[n] === pb[n]) n++;
  return n;
}

/** Whether the first `n` characters of two strings are the same (both at least `n` long). */
function samePrefix(a: string, b: string, n: number): boolean {
  if (a.length < n || b.length < n) return a.slice(0, n) === b.slice(0, n);
  for (let k = 0; k < n; k++) if (a.charCodeAt(k) !== b.charCodeAt(k)) return false;
  return true;
}

const OCCUPATION_FIT = [0, 0.45, 0.6, 0.8, 1] as const;
const OCCUPATION_REASON: Record<number, ReasonCode> = { 1: 'same_major_group', 2: 'same_middle_group', 3: 'same_minor_group', 4: 'same_occupation' };

const county = (code: string | null) => (code && /^\d{6}$/.test(code) ? code : null);
/** Whether `division` (six digits, any level) contains the county `code`. */
export function within(code: string, division: string): boolean {
  if (division.endsWith('0000')) return code.startsWith(division.slice(0, 2));
  if (division.endsWith('00')) return code.startsWith(division.slice(0, 4));
  return code === division;
}

/** What scoreMatch reads of a seeker, worked out once per seeker object (scoreMatch is called for many postings per seeker). */
type SeekerFacts = {
  /** Each of the seeker's words once, in first-seen order (BM25 counts a query word once). */
  distinct: readonly string[];
  /** The corpus the idf values below were computed for, and the idf of each distinct word in it. */
  corpus: CorpusStats | null;
  idf: Float64Array;
  /** The desired occupations' codes split into segments. */
  occupations: ReadonlyArray<readonly string[]>;
  namesNoPlace: boolean;
  /** The chosen places that are six digits, as what a posting's county must equal (a county) or start with (a prefecture's four digits, a province's two), its fit and reason. */
  chosen: ReadonlyArray<{ prefix: string; exact: boolean; fit: number; reason: ReasonCode | null }>;
  residence: string | null;
  home: string | null;
  wantLow: number | null;
  skillGrade: number | null;
  graduate: boolean;
  migrant: boolean;
};
/** What scoreMatch reads of a posting's free text and salary, worked out once per posting object. */
type PostingFacts = { occupation: readonly string[] | null; needEducation: number | null; needYears: number | null; needGrade: number | null; offerHigh: number | null; graduate: boolean; migrant: boolean };

const seekerFactsCache = new WeakMap<MatchSeeker, SeekerFacts>();
const postingFactsCache = new WeakMap<MatchPosting, PostingFacts>();

/** The seeker's facts (cached on the object: a MatchSeeker is read only, never changed after it is made). */
function seekerFacts(seeker: MatchSeeker): SeekerFacts {
  let f = seekerFactsCache.get(seeker);
  if (!f) {
    const distinct = [...new Set(seeker.words)];
    f = {
      distinct,
      corpus: null,
      idf: new Float64Array(distinct.length),
      occupations: seeker.desiredOccupations.map((o) => o.split('-')),
      namesNoPlace: !seeker.desiredDivisions.length && !county(seeker.residenceDivision) && !county(seeker.homeDivision),
      chosen: seeker.desiredDivisions
        .filter((d) => /^\d{6}$/.test(d))
        .map((d) =>
          d.endsWith('0000')
            ? { prefix: d.slice(0, 2), exact: false, fit: 0.6, reason: null }
            : d.endsWith('00')
              ? { prefix: d.slice(0, 4), exact: false, fit: 0.9, reason: 'chosen_place' as const }
              : { prefix: d, exact: true, fit: 1, reason: 'chosen_place' as const },
        ),
      residence: county(seeker.residenceDivision),
      home: county(seeker.homeDivision),
      wantLow: monthlyOf(seeker.salaryMin ?? seeker.salaryMax, seeker.salaryUnit),
      skillGrade: skillGradeOf(seeker.skillGrade),
      graduate: seeker.priorityGroups.includes('college_graduate'),
      migrant: seeker.priorityGroups.includes('migrant_worker'),
    };
    seekerFactsCache.set(seeker, f);
  }
  return f;
}

/** The idf of each of the seeker's distinct words in `corpus` (kept with the seeker's facts until another corpus is asked for). */
function idfIn(f: SeekerFacts, corpus: CorpusStats): Float64Array {
  if (f.corpus !== corpus) {
    f.distinct.forEach((w, k) => {
      const df = corpus.documentFrequency(w);
      f.idf[k] = Math.log(1 + (corpus.documents - df + 0.5) / (df + 0.5));
    });
    f.corpus = corpus;
  }
  return f.idf;
}

/** The posting's facts (cached on the object: a MatchPosting is read only, never changed after it is made). */
function postingFacts(posting: MatchPosting): PostingFacts {
  let f = postingFactsCache.get(posting);
  if (!f) {
    f = {
      occupation: posting.occupationCode ? posting.occupationCode.split('-') : null,
      needEducation: educationRankOf(posting.education),
      needYears: experienceYearsOf(posting.experience),
      needGrade: skillGradeOf(posting.skillGrade),
      offerHigh: monthlyOf(posting.salaryMax ?? posting.salaryMin, posting.salaryUnit),
      graduate: posting.priorityGroups.includes('graduate'),
      migrant: posting.priorityGroups.includes('migrant'),
    };
    postingFactsCache.set(posting, f);
  }
  return f;
}

/**
 * The score of a posting for a seeker (and of the seeker for the posting: the same number), with
 * the reasons a person sees, strongest first. `score` in [0, 1]. `now` is the request's clock.
 * `corpus` is the set compared (the candidates of this request, or the evaluation's postings).
 * What depends on one side only (the seeker's distinct words and their idf in `corpus`, a
 * posting's parsed requirements and monthly pay) is worked out on the first call for that object
 * and kept beside it (a WeakMap): the digest and the matcher score one seeker against many postings.
 */
export function scoreMatch(seeker: MatchSeeker, posting: MatchPosting, corpus: CorpusStats, now: Date, weights: Weights = WEIGHTS): Scored {
  const detail: Detail = { reasons: [], fits: null };
  const score = scoreOf(seeker, posting, corpus, now, weights, detail);
  return { score, reasons: detail.reasons.sort((a, b) => b[1] - a[1]).map(([code]) => code), fits: detail.fits as Fits };
}

/**
 * scoreMatch's score alone (the same number), without its reasons and fits: for ranking many
 * postings of which few are shown (their reasons then from scoreMatch).
 */
export function scoreValue(seeker: MatchSeeker, posting: MatchPosting, corpus: CorpusStats, now: Date, weights: Weights = WEIGHTS): number {
  return scoreOf(seeker, posting, corpus, now, weights, null);
}

/** The reasons (with their strength, for the order) and the fits of a score, when asked for. */
type Detail = { reasons: Array<[ReasonCode, number]>; fits: Fits | null };

/** The score; the reasons and fits into `detail` when given. */
function scoreOf(seeker: MatchSeeker, posting: MatchPosting, corpus: CorpusStats, now: Date, weights: Weights, detail: Detail | null): number {
  const sf = seekerFacts(seeker);
  const pf = postingFacts(posting);

  // occupation: the finest level both name
  let level = 0;
  if (pf.occupation) for (const o of sf.occupations) level = Math.max(level, sharedSegments(o, pf.occupation));
  const occupation = seeker.desiredOccupations.length === 0 || !posting.occupationCode ? 0.35 : (OCCUPATION_FIT[level] as number);
  if (level > 0) detail?.reasons.push([OCCUPATION_REASON[level] as ReasonCode, 10 + level]);

  // place: the best of the places the seeker lives in, comes from, or chose
  const p = posting.divisionCode;
  // a seeker who named no place is neither near nor far
  let place = sf.namesNoPlace ? 0.4 : 0;
  let placeReason: ReasonCode | null = null;
  for (const c of sf.chosen) {
    if (c.fit > place && (c.exact ? p === c.prefix : p.startsWith(c.prefix))) {
      place = c.fit;
      placeReason = c.reason;
    }
  }
  for (let k = 0; k < 2; k++) {
    const code = k === 0 ? sf.residence : sf.home;
    if (!code) continue;
    if (code === p) {
      if (1 > place) {
        place = 1;
        placeReason = k === 0 ? 'same_county' : 'home_county';
      }
    } else if (samePrefix(code, p, 4)) {
      if (0.7 > place) {
        place = 0.7;
        placeReason = 'same_prefecture';
      }
    } else if (samePrefix(code, p, 2) && 0.4 > place) {
      place = 0.4;
      placeReason = null;
    }
  }
  if (placeReason) detail?.reasons.push([placeReason, 9 * place]);

  // salary: the posting's best against the seeker's least, both monthly
  const wantLow = sf.wantLow;
  const offerHigh = pf.offerHigh;
  let salary = 0.6;
  if (wantLow !== null && offerHigh !== null) {
    const ratio = offerHigh / wantLow;
    salary = ratio >= 1 ? 1 : ratio <= 0.7 ? 0 : (ratio - 0.7) / 0.3;
    if (ratio >= 1) detail?.reasons.push(['salary_fits', 8]);
  } else if (offerHigh === null) {
    salary = 0.5;
  }

  // requirements: education, experience, skill grade (each 1 when not asked)
  const needEducation = pf.needEducation;
  let education = 1;
  if (needEducation !== null) {
    if (seeker.educationRank === null) education = 0.6;
    else if (seeker.educationRank >= needEducation) {
      education = 1;
      if (needEducation >= 2) detail?.reasons.push(['education_fits', 5]);
    } else education = seeker.educationRank === needEducation - 1 ? 0.35 : 0;
  }
  const needYears = pf.needYears;
  let experience = 1;
  if (needYears !== null && needYears > 0) {
    if (seeker.experienceYears === null) experience = 0.5;
    else if (seeker.experienceYears >= needYears) {
      experience = 1;
      detail?.reasons.push(['experience_fits', 4]);
    } else experience = Math.max(0, seeker.experienceYears / needYears) * 0.7;
  }
  const needGrade = pf.needGrade;
  let grade = 1;
  if (needGrade !== null) {
    const have = sf.skillGrade;
    grade = have === null ? 0.3 : have >= needGrade ? 1 : 0.4;
    if (have !== null && have >= needGrade) detail?.reasons.push(['skill_grade_fits', 6]);
  }
  const requirements = 0.45 * education + 0.35 * experience + 0.2 * grade;

  // text: BM25 of the seeker's words in the posting (each distinct word once)
  let bm25 = 0;
  let shared = 0;
  if (posting.words.size) {
    const avg = corpus.averageLength > 0 ? corpus.averageLength : 1;
    const distinct = sf.distinct;
    const idf = idfIn(sf, corpus);
    for (let k = 0; k < distinct.length; k++) {
      const tf = posting.words.get(distinct[k] as string);
      if (!tf) continue;
      shared++;
      bm25 += ((idf[k] as number) * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * posting.length) / avg));
    }
  }
  const text = bm25 / (bm25 + TEXT_SATURATION);
  // said only when two distinct words of some weight are shared (one common word is no evidence)
  if (text >= 0.4 && shared >= 2) detail?.reasons.push(['words_in_common', 7 * text]);

  // freshness: by first publication
  const ageMs = Math.max(0, now.getTime() - posting.publishedAt.getTime());
  const freshness = 0.5 ** (ageMs / (FRESH_HALF_LIFE_DAYS * 86_400_000));
  if (ageMs <= NEW_MS) detail?.reasons.push(['newly_published', 2]);

  // boosts (M3)
  let boost = 0;
  const graduate = sf.graduate && pf.graduate;
  const migrant = sf.migrant && pf.migrant;
  if (graduate || migrant) {
    boost += BOOSTS.priorityGroup;
    detail?.reasons.push([graduate ? 'open_to_graduates' : 'open_to_migrant_workers', 9.5]);
  }
  if (posting.epidemicSupplies) {
    boost += BOOSTS.epidemicSupplies;
    detail?.reasons.push(['epidemic_supplies_employer', 9.4]);
  }

  if (detail) detail.fits = { occupation, place, salary, requirements, text, freshness, boost };
  const total = weights.occupation + weights.place + weights.salary + weights.requirements + weights.text + weights.freshness;
  const weighted =
    (weights.occupation * occupation + weights.place * place + weights.salary * salary + weights.requirements * requirements + weights.text * text + weights.freshness * freshness) / total;
  return Math.min(1, Math.max(0, 0.9 * weighted + boost));
}

/**
 * The corpus statistics of a set of postings (the candidates one request compares, or an
 * evaluation's set): document frequency counted once per posting.
 */
export function corpusOf(postings: readonly Pick<MatchPosting, 'words' | 'length'>[]): CorpusStats {
  const df = new Map<string, number>();
  let total = 0;
  for (const p of postings) {
    total += p.length;
    for (const w of p.words.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  }
  return corpusFrom({ documents: postings.length, averageLength: postings.length ? total / postings.length : 0, frequencies: df });
}

/** Corpus statistics from their parts (a table counted by corpusOf, sent to a worker thread as plain data). */
export function corpusFrom(parts: { documents: number; averageLength: number; frequencies: ReadonlyMap<string, number> }): CorpusStats {
  const df = parts.frequencies;
  return { documents: parts.documents, averageLength: parts.averageLength, documentFrequency: (w) => df.get(w) ?? 0, frequencies: df };
}

/** The per-weight counts of a posting's words from its token lists (A title ×3, B ×1.5, C ×1; D place tokens left out). */
export function postingWords(tokens: { A: readonly string[]; B: readonly string[]; C: readonly string[] }): { words: Map<string, number>; length: number } {
  const words = new Map<string, number>();
  let length = 0;
  for (const [list, weight] of [[tokens.A, WEIGHT_COUNTS.A], [tokens.B, WEIGHT_COUNTS.B], [tokens.C, WEIGHT_COUNTS.C]] as const) {
    for (const w of list) {
      words.set(w, (words.get(w) ?? 0) + weight);
      length += weight;
    }
  }
  return { words, length };
}
