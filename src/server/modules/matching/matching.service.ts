// Recommendations both ways (issue 12, M1/M4; decision 0046): a seeker's best current postings and
// a posting's best job seekers, each with its score in [0, 1] and its reasons in the caller's
// language. Computed at request time from the live tables (a posting published now is a candidate
// at once), candidates from indexes (repository.ts), scores in Node (score.ts).
import type { Actor } from '../../actor.ts';
import { systemScope } from '../../db/scope.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { type Locale, t } from '../../platform/i18n.ts';
import { beijingDate } from '../../../shared/beijing-day.ts';
import { maskContacts } from '../../../shared/checksums.ts';
import { analyzerOf, appliedPostingKeys } from '../market/service.ts';
import { registrationExpired } from '../seekers/service.ts';
import * as repo from './repository.ts';
import { type CorpusStats, corpusOf, type MatchPosting, type MatchSeeker, type ReasonCode, scoreMatch, scoreValue, WEIGHTS } from './score.ts';
import { weightedWordsOf } from './tsvector.ts';
import { seekerWordsOf } from './words.ts';

/**
 * Candidates per place in the seeker's occupation groups (half as many of any occupation), per
 * exact occupation (a seeker), and candidate profiles (a posting).
 */
export const CANDIDATES = { perPlace: 120, perOccupation: 100, seekers: 600 } as const;
/** Reasons shown per result, strongest first. */
export const REASONS_SHOWN = 4;

const OPEN_POSTINGS = systemScope('the matcher reads open postings, which are public');
const PROPOSABLE_SEEKERS = systemScope('the matcher reads profiles that chose to be seen by employers or authorised the calling agency');

const isAgency = (actor: Actor) => actor.scope.kind === 'agency' || actor.scope.kind === 'staff';

/** The seeker's words: desired occupations' names, skills, skill grade and résumé, segmented by the search analyzer. */
async function seekerWords(deps: Deps, row: repo.SeekerForMatching): Promise<string[]> {
  const analyzer = await analyzerOf(deps);
  const occupationNames = await repo.occupationNames(deps.db, row.desired_occupations);
  return seekerWordsOf(analyzer, { desiredOccupations: row.desired_occupations, occupationNames, skills: row.skills, skillGrade: row.skill_grade, resume: row.resume });
}

/** A profile row as the scorer reads it. */
export function matchSeekerOf(row: repo.SeekerForMatching, words: readonly string[]): MatchSeeker {
  return {
    desiredOccupations: row.desired_occupations,
    desiredDivisions: row.desired_divisions,
    residenceDivision: row.residence_division,
    homeDivision: row.home_division,
    salaryMin: row.salary_min === null ? null : Number(row.salary_min),
    salaryMax: row.salary_max === null ? null : Number(row.salary_max),
    salaryUnit: row.salary_unit,
    educationRank: row.education_rank === null ? null : Number(row.education_rank),
    skillGrade: row.skill_grade,
    experienceYears: row.experience_years,
    priorityGroups: row.priority_groups,
    words,
  };
}

/**
 * A posting row as the scorer reads it: its words from the stored search document (place tokens
 * left out; with `only`, those words alone: all one seeker's score reads); without a document, no
 * words (the text fit is then 0: a lower bound of the score). `document_length`, when given, is
 * the whole document's stored length (search_length, migration 0037): `document` may then hold
 * some of its lexemes only.
 */
export function matchPostingOf(row: repo.CandidatePostingRow & { document?: string | undefined; document_length?: number }, only?: ReadonlySet<string>): MatchPosting {
  const { words, length } = row.document === undefined ? { words: new Map<string, number>(), length: 0 } : weightedWordsOf(row.document, only);
  return {
    occupationCode: row.occupation_code,
    divisionCode: row.division_code,
    salaryMin: row.salary_min,
    salaryMax: row.salary_max,
    salaryUnit: row.salary_unit,
    education: row.education,
    experience: row.experience,
    skillGrade: row.skill_grade,
    publishedAt: new Date(row.published_at),
    epidemicSupplies: row.epidemic_supplies,
    priorityGroups: row.priority_groups,
    words,
    length: row.document_length ?? length,
  };
}

const reasonsOf = (codes: readonly ReasonCode[], locale: Locale) => codes.slice(0, REASONS_SHOWN).map((code) => ({ code, text: t(locale, `match_reason_${code}`) }));
/** Reasons that describe the posting itself (its flags, its date): shown to the seeker, never to the employer who wrote it. */
const ABOUT_THE_POSTING: ReadonlySet<ReasonCode> = new Set(['open_to_graduates', 'open_to_migrant_workers', 'epidemic_supplies_employer', 'newly_published']);

const rounded = (score: number) => Math.round(score * 1000) / 1000;

/**
 * Where a seeker's postings are looked for, and the words their documents are read for (the
 * seeker's): the counties they live in, come from and chose; the
 * prefectures of those and the ones they chose; the whole province (`province`, its two digits)
 * when they chose it or named no place. Occupations: each desired occupation's major group (its
 * code's first character), and each finer code exactly (its search fact).
 */
export function candidateQueryOf(s: MatchSeeker, province: string): repo.PostingCandidatesQuery {
  const six = (d: string | null): d is string => Boolean(d && /^\d{6}$/.test(d));
  const places = [s.residenceDivision, s.homeDivision, ...s.desiredDivisions].filter(six);
  const counties = new Set(places.filter((d) => !d.endsWith('00')));
  const prefectures = new Set(places.filter((d) => !d.endsWith('0000')).map((d) => d.slice(0, 4)));
  const wide = !places.length || s.desiredDivisions.some((d) => d.endsWith('0000'));
  const fact = (code: string) => `fo${code.replace(/-/g, '')}`;
  return {
    counties: [...counties],
    prefectures: [...prefectures],
    province: wide ? province.slice(0, 2) : null,
    groups: [...new Set(s.desiredOccupations.map((o) => o.slice(0, 1)).filter(Boolean))],
    exactFacts: [...new Set(s.desiredOccupations.filter((o) => o.length > 1).map(fact))],
    perPlace: CANDIDATES.perPlace,
    perOccupation: CANDIDATES.perOccupation,
    words: s.words,
  };
}

/** Open postings sampled for the corpus statistics, and how long they are kept (ms). */
export const CORPUS_SAMPLE = { rows: 3_000, ttlMs: 3_600_000 } as const;
const corpusCache = new WeakMap<object, { at: number; stats: Promise<CorpusStats> }>();

/**
 * BM25's corpus statistics over the open postings (document frequencies, mean length) from a
 * sample of about CORPUS_SAMPLE.rows stored documents, kept for an hour per process: the same
 * statistics for both sides, so a pair scores the same from either end.
 */
export function corpusStats(deps: Deps): Promise<CorpusStats> {
  const now = deps.clock.now();
  const cached = corpusCache.get(deps.config);
  if (cached && now.getTime() - cached.at < CORPUS_SAMPLE.ttlMs) return cached.stats;
  const stats = (async () => {
    const rows = await repo.estimatedPostings(deps.db, OPEN_POSTINGS);
    const percent = rows > 0 ? (100 * CORPUS_SAMPLE.rows * 1.5) / rows : 100;
    const docs = await repo.sampleDocuments(deps.db, OPEN_POSTINGS, percent, CORPUS_SAMPLE.rows, now);
    return corpusOf(docs.map((d) => weightedWordsOf(d)));
  })();
  stats.catch(() => corpusCache.delete(deps.config));
  corpusCache.set(deps.config, { at: now.getTime(), stats });
  return stats;
}

/**
 * Whether `actor` may have recommendations computed for this profile: the seeker themself, or an
 * agency's people when the seeker authorised their agency (a live grant, in the scope) and shows
 * the profile to agencies with a registration in force. Officials, employers and others: no (the
 * route answers 404, as for a missing id).
 */
async function seekerFor(deps: Deps, actor: Actor, id: number): Promise<repo.SeekerForMatching> {
  if (actor.role !== 'seeker' && !isAgency(actor)) throw notFound();
  const row = await repo.findSeekerForMatching(deps.db, actor.scope, id);
  if (!row) throw notFound();
  if (actor.role === 'seeker' && row.account_id !== actor.accountId) throw notFound();
  if (isAgency(actor) && (row.visibility === 'nobody' || registrationExpired(row.valid_until, deps.clock.now()))) throw notFound();
  return row;
}

/** The most the text fit can add to a score (its weight, scaled as the fits are), with a margin for rounding. */
const TEXT_MAX = 0.9 * WEIGHTS.text + 1e-9;

type Ranked = { r: repo.CandidatePostingRow; s: ReturnType<typeof scoreMatch> };
const at = (r: repo.CandidatePostingRow) => new Date(r.published_at).getTime();
/** Best first: score, then newer, then the larger id. */
const better = (a: Ranked, b: Ranked) => b.s.score - a.s.score || at(b.r) - at(a.r) || b.r.id - a.r.id;

/**
 * The `limit` best of a seeker's candidates, best first (ties: newer first, then id), as scoring
 * every candidate in full would rank them, reading the words of few documents: each candidate is
 * scored first without its words (the text fit 0), which with TEXT_MAX added bounds its full score
 * (the score is a clamped sum); then, in the order of those bounds, candidates are scored in full
 * (their document read for the seeker's words only) until the next bound is below the
 * `limit`-th full score found (no later candidate can enter).
 */
function bestOf(seeker: MatchSeeker, rows: ReadonlyArray<repo.CandidatePostingRow & { document: string; document_length: number }>, corpus: CorpusStats, now: Date, limit: number): Ranked[] {
  const bounded = rows
    .map((r) => {
      const posting = matchPostingOf({ ...r, document: undefined });
      return { r, posting, bound: scoreValue(seeker, posting, corpus, now) + TEXT_MAX };
    })
    .sort((a, b) => b.bound - a.bound);
  const best: Ranked[] = [];
  for (const { r, posting, bound } of bounded) {
    const last = best[limit - 1];
    if (last && bound < last.s.score) break;
    // the document holds the seeker's words alone; the posting's length is the stored one (matchPostingOf)
    const x = { r, s: scoreMatch(seeker, { ...posting, words: weightedWordsOf(r.document).words }, corpus, now) };
    if (last && better(x, last) >= 0) continue;
    let k = Math.min(best.length, limit - 1);
    while (k > 0 && better(x, best[k - 1] as Ranked) < 0) k--;
    best.splice(k, 0, x);
    if (best.length > limit) best.pop();
  }
  return best;
}

export type SeekerMatches = {
  recommendations: boolean;
  items: Array<{ id: number; score: number; reasons: Array<{ code: ReasonCode; text: string }>; posting: { publicCode: string; title: string; employerName: string; divisionCode: string; salaryMin: number | null; salaryMax: number | null; salaryUnit: string | null; publishedAt: string } }>;
};

/**
 * The best current postings for job seeker `id` (GET /matches/for-seeker/{id}), at most `limit`,
 * best first (ties: newer first, then id). Access: the seeker and agencies serving them (seekerFor);
 * 404 otherwise. With recommendations switched off (PIPL art. 24) nothing is computed:
 * `{ recommendations: false, items: [] }`. Postings the seeker applied to (in any stage) are left
 * out: their applications list has them.
 */
export async function forSeeker(deps: Deps, actor: Actor, id: number, limit: number, locale: Locale): Promise<SeekerMatches> {
  const row = await seekerFor(deps, actor, id);
  if (!row.recommendations) return { recommendations: false, items: [] };
  const now = deps.clock.now();
  // the candidates' documents are read for the seeker's words: the words first, their applications beside
  const seeker = matchSeekerOf(row, await seekerWords(deps, row));
  const [candidates, applied] = await Promise.all([
    repo.candidatePostings(deps.db, OPEN_POSTINGS, candidateQueryOf(seeker, deps.config.province), now),
    appliedPostingKeys(deps, row.account_id),
  ]);
  // what they applied to is theirs already (their applications list shows it): not recommended again
  const rows = applied.size ? candidates.filter((r) => !applied.has(`${r.division_code}:${r.id}`)) : candidates;
  const scored = bestOf(seeker, rows, await corpusStats(deps), now, limit);
  return {
    recommendations: true,
    items: scored.map(({ r, s }) => ({
      id: r.id,
      score: rounded(s.score),
      reasons: reasonsOf(s.reasons, locale),
      posting: {
        publicCode: r.public_code,
        title: r.title,
        employerName: r.employer_name,
        divisionCode: r.division_code,
        salaryMin: r.salary_min,
        salaryMax: r.salary_max,
        salaryUnit: r.salary_unit,
        publishedAt: new Date(r.published_at).toISOString(),
      },
    })),
  };
}

export type PostingMatches = {
  items: Array<{ id: number; score: number; reasons: Array<{ code: ReasonCode; text: string }>; seeker: { name: string; divisionCode: string; educationRank: number | null; experienceYears: number | null; skills: string | null; authorisedUs: boolean } }>;
};

/** The first character and a fixed mask (not the name's length): what an employer sees of a person it has not heard from (an agency serving them sees the name). */
export function maskedName(name: string): string {
  const chars = Array.from(name.trim());
  return chars.length ? `${chars[0]}**` : '';
}

/**
 * The best job seekers for posting `id` (GET /matches/for-posting/{id}), at most `limit`, best
 * first. Access: the posting's employer (its own accounts) and an agency administrator holding the
 * employer's live authorisation; 404 otherwise. Proposed: profiles with recommendations on
 * (PIPL art. 24), not hidden, registration in force, shown to all employers — and for an agency
 * also the seekers who authorised it. An employer sees a proposed seeker's surname only; the
 * agency serving them the name.
 */
export async function forPosting(deps: Deps, actor: Actor, id: number, limit: number, locale: Locale): Promise<PostingMatches> {
  const posting = await repo.findPostingForMatching(deps.db, OPEN_POSTINGS, id);
  if (!posting || posting.employer_id === null) throw notFound();
  const own = actor.role === 'employer' && actor.employerId === posting.employer_id && actor.divisionCode === posting.division_code;
  const agency =
    actor.role === 'agency_admin' &&
    actor.scope.kind === 'agency' &&
    actor.scope.grants.some((g) => g.table === 'employers' && g.divisionCode === posting.division_code && g.id === posting.employer_id);
  if (!own && !agency) throw notFound();
  const now = deps.clock.now();
  // only an open posting is matched (a draft, a closed or a taken-down one proposes no one)
  if (posting.status !== 'published' || (posting.valid_through !== null && posting.valid_through < now)) throw new AppError('match_posting_not_open', { status: posting.status });
  const served = agency && actor.scope.kind === 'agency' ? actor.scope.grants.filter((g) => g.table === 'seekers') : [];
  const code = posting.occupation_code;
  const d = posting.division_code;
  const rows = await repo.candidateSeekers(deps.db, PROPOSABLE_SEEKERS, {
    placeKeys: [`c${d}`, `f${d.slice(0, 4)}`, `v${d.slice(0, 2)}`],
    occupationKeys: code ? ['oany', ...[1, 4, 7, 10].filter((n) => n <= code.length).map((n) => `o${code.slice(0, n)}`)] : [],
    agencyGrants: served,
    today: beijingDate(now),
    limit: CANDIDATES.seekers,
  });
  const target = matchPostingOf(posting);
  const corpus = await corpusStats(deps);
  const analyzer = await analyzerOf(deps);
  const names = await repo.occupationNames(deps.db, rows.flatMap((r) => r.desired_occupations));
  const servedKeys = new Set(served.map((g) => `${g.divisionCode}:${g.id}`));
  const scored = rows
    .map((r) => {
      const words = seekerWordsOf(analyzer, { desiredOccupations: r.desired_occupations, occupationNames: names, skills: r.skills, skillGrade: r.skill_grade, resume: r.resume });
      return { r, s: scoreMatch(matchSeekerOf(r, words), target, corpus, now) };
    })
    .sort((a, b) => b.s.score - a.s.score || b.r.id - a.r.id)
    .slice(0, limit);
  return {
    items: scored.map(({ r, s }) => {
      const authorisedUs = servedKeys.has(`${r.division_code}:${r.id}`);
      const name = r.name;
      return {
        id: r.id,
        score: rounded(s.score),
        reasons: reasonsOf(s.reasons.filter((c) => !ABOUT_THE_POSTING.has(c)), locale),
        seeker: {
          name: authorisedUs ? name : maskedName(name),
          divisionCode: r.division_code,
          educationRank: r.education_rank === null ? null : Number(r.education_rank),
          experienceYears: r.experience_years,
          skills: authorisedUs ? r.skills : maskContacts(r.skills),
          authorisedUs,
        },
      };
    }),
  };
}

/** The signed-in seeker's profile id for GET /me (undefined before the first save). */
export async function seekerIdOf(deps: Deps, actor: Actor): Promise<number | undefined> {
  if (actor.role !== 'seeker') return undefined;
  return repo.ownSeekerId(deps.db, actor.scope, actor.accountId);
}
