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

/** What BM25 needs to know about the postings compared: their number, mean length, and each word's document frequency. */
export type CorpusStats = { documents: number; averageLength: number; documentFrequency: (word: string) => number };

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
  const pa = a.split('-');
  const pb = b.split('-');
  let n = 0;
  while (n < pa.length && n < pb.length && pa[n] === pb[n]) n++;
  return n;
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

/**
 * The score of a posting for a seeker (and of the seeker for the posting: the same number), with
 * the reasons a person sees, strongest first. `score` in [0, 1]. `now` is the request's clock.
 * `corpus` is the set compared (the candidates of this request, or the evaluation's postings).
 */
export function scoreMatch(seeker: MatchSeeker, posting: MatchPosting, corpus: CorpusStats, now: Date, weights: Weights = WEIGHTS): Scored {
  const reasons: Array<[ReasonCode, number]> = [];

  // occupation: the finest level both name
  let level = 0;
  if (posting.occupationCode) for (const o of seeker.desiredOccupations) level = Math.max(level, occupationLevel(o, posting.occupationCode));
  const occupation = seeker.desiredOccupations.length === 0 || !posting.occupationCode ? 0.35 : (OCCUPATION_FIT[level] as number);
  if (level > 0) reasons.push([OCCUPATION_REASON[level] as ReasonCode, 10 + level]);

  // place: the best of the places the seeker lives in, comes from, or chose
  const p = posting.divisionCode;
  const namesNoPlace = !seeker.desiredDivisions.length && !county(seeker.residenceDivision) && !county(seeker.homeDivision);
  // a seeker who named no place is neither near nor far
  let place = namesNoPlace ? 0.4 : 0;
  let placeReason: ReasonCode | null = null;
  const consider = (fit: number, reason: ReasonCode | null) => {
    if (fit > place) {
      place = fit;
      placeReason = reason;
    }
  };
  for (const d of seeker.desiredDivisions) {
    if (!/^\d{6}$/.test(d) || !within(p, d)) continue;
    consider(d.endsWith('0000') ? 0.6 : d.endsWith('00') ? 0.9 : 1, d.endsWith('0000') ? null : 'chosen_place');
  }
  for (const [code, reason] of [[county(seeker.residenceDivision), 'same_county'], [county(seeker.homeDivision), 'home_county']] as const) {
    if (!code) continue;
    if (code === p) consider(1, reason);
    else if (code.slice(0, 4) === p.slice(0, 4)) consider(0.7, 'same_prefecture');
    else if (code.slice(0, 2) === p.slice(0, 2)) consider(0.4, null);
  }
  if (placeReason) reasons.push([placeReason, 9 * place]);

  // salary: the posting's best against the seeker's least, both monthly
  const wantLow = monthlyOf(seeker.salaryMin ?? seeker.salaryMax, seeker.salaryUnit);
  const offerHigh = monthlyOf(posting.salaryMax ?? posting.salaryMin, posting.salaryUnit);
  let salary = 0.6;
  if (wantLow !== null && offerHigh !== null) {
    const ratio = offerHigh / wantLow;
    salary = ratio >= 1 ? 1 : ratio <= 0.7 ? 0 : (ratio - 0.7) / 0.3;
    if (ratio >= 1) reasons.push(['salary_fits', 8]);
  } else if (offerHigh === null) {
    salary = 0.5;
  }

  // requirements: education, experience, skill grade (each 1 when not asked)
  const needEducation = educationRankOf(posting.education);
  let education = 1;
  if (needEducation !== null) {
    if (seeker.educationRank === null) education = 0.6;
    else if (seeker.educationRank >= needEducation) {
      education = 1;
      if (needEducation >= 2) reasons.push(['education_fits', 5]);
    } else education = seeker.educationRank === needEducation - 1 ? 0.35 : 0;
  }
  const needYears = experienceYearsOf(posting.experience);
  let experience = 1;
  if (needYears !== null && needYears > 0) {
    if (seeker.experienceYears === null) experience = 0.5;
    else if (seeker.experienceYears >= needYears) {
      experience = 1;
      reasons.push(['experience_fits', 4]);
    } else experience = Math.max(0, seeker.experienceYears / needYears) * 0.7;
  }
  const needGrade = skillGradeOf(posting.skillGrade);
  let grade = 1;
  if (needGrade !== null) {
    const have = skillGradeOf(seeker.skillGrade);
    grade = have === null ? 0.3 : have >= needGrade ? 1 : 0.4;
    if (have !== null && have >= needGrade) reasons.push(['skill_grade_fits', 6]);
  }
  const requirements = 0.45 * education + 0.35 * experience + 0.2 * grade;

  // text: BM25 of the seeker's words in the posting (each distinct word once)
  let bm25 = 0;
  let shared = 0;
  const seen = new Set<string>();
  const avg = corpus.averageLength > 0 ? corpus.averageLength : 1;
  for (const w of seeker.words) {
    if (seen.has(w)) continue;
    seen.add(w);
    const tf = posting.words.get(w);
    if (!tf) continue;
    shared++;
    const df = corpus.documentFrequency(w);
    const idf = Math.log(1 + (corpus.documents - df + 0.5) / (df + 0.5));
    bm25 += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * posting.length) / avg));
  }
  const text = bm25 / (bm25 + TEXT_SATURATION);
  // said only when two distinct words of some weight are shared (one common word is no evidence)
  if (text >= 0.4 && shared >= 2) reasons.push(['words_in_common', 7 * text]);

  // freshness: by first publication
  const ageMs = Math.max(0, now.getTime() - posting.publishedAt.getTime());
  const freshness = 0.5 ** (ageMs / (FRESH_HALF_LIFE_DAYS * 86_400_000));
  if (ageMs <= NEW_MS) reasons.push(['newly_published', 2]);

  // boosts (M3)
  let boost = 0;
  const graduate = seeker.priorityGroups.includes('college_graduate') && posting.priorityGroups.includes('graduate');
  const migrant = seeker.priorityGroups.includes('migrant_worker') && posting.priorityGroups.includes('migrant');
  if (graduate || migrant) {
    boost += BOOSTS.priorityGroup;
    reasons.push([graduate ? 'open_to_graduates' : 'open_to_migrant_workers', 9.5]);
  }
  if (posting.epidemicSupplies) {
    boost += BOOSTS.epidemicSupplies;
    reasons.push(['epidemic_supplies_employer', 9.4]);
  }

  const fits = { occupation, place, salary, requirements, text, freshness, boost };
  const total = weights.occupation + weights.place + weights.salary + weights.requirements + weights.text + weights.freshness;
  const weighted =
    (weights.occupation * occupation + weights.place * place + weights.salary * salary + weights.requirements * requirements + weights.text * text + weights.freshness * freshness) / total;
  const score = Math.min(1, Math.max(0, 0.9 * weighted + boost));
  return { score, reasons: reasons.sort((a, b) => b[1] - a[1]).map(([code]) => code), fits };
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
  return { documents: postings.length, averageLength: postings.length ? total / postings.length : 0, documentFrequency: (w) => df.get(w) ?? 0 };
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
