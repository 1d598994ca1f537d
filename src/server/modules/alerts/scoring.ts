// The digest's scoring (issue 12, decision 0047): for each subscriber of a batch, their best few of
// the day's new postings as ranking.ts picks them. Made once a run from the day's postings, either
// here (a run of one batch) or in each of the worker threads of scoring-pool.ts (a run of more: the
// subscribers of a batch split between the threads), from the same parts — so both give the same
// digests. Pure: no database; the clock is the run's.
import { type AnalyzerInput, createSearchAnalyzer, type SearchAnalyzer } from '../market/service.ts';
import { type CorpusStats, corpusFrom, matchPostingOf, matchSeekerOf, seekerWordsOf } from '../matching/service.ts';
import { type Choice, type DayPosting, indexPostings, type RankOptions, reachOf, scratchFor, topPostings } from './ranking.ts';
import type { DayPostingRow, SubscriberRow } from './repository.ts';

/** A subscriber's outcome: the postings picked (positions in the day's postings, best first) and how many were scored. */
export type ScoredSubscriber = { picks: Choice[]; scored: number };

/** What a scorer is made of, in this thread. */
export type ScoringParts = {
  /** The day's postings, in the order picks refer to. */
  postings: readonly DayPosting[];
  analyzer: Pick<SearchAnalyzer, 'documentTokens' | 'places'>;
  /** Occupation names by code (a seeker's words name their desired occupations). */
  names: ReadonlyMap<string, string>;
  corpus: CorpusStats;
  /** The deployment's province (six digits). */
  province: string;
  now: Date;
  ranking: RankOptions;
};

/**
 * The same parts as plain data, for a worker thread (structured-cloned once per thread): the day's
 * rows as read, the analyzer's input, the names, the corpus table, the clock in ms.
 */
export type ScoringInput = {
  rows: readonly DayPostingRow[];
  analyzer: AnalyzerInput;
  names: ReadonlyMap<string, string>;
  corpus: { documents: number; averageLength: number; frequencies: ReadonlyMap<string, number> };
  province: string;
  nowMs: number;
  ranking: RankOptions;
};

/** A day's posting as the digest holds it, from its row (the search document parsed into words). */
export function dayPostingOf(r: DayPostingRow): DayPosting {
  return {
    divisionCode: r.division_code,
    id: r.id,
    match: matchPostingOf(r),
    view: { publicCode: r.public_code, title: r.title, employerName: r.employer_name, salaryMin: r.salary_min, salaryMax: r.salary_max, salaryUnit: r.salary_unit },
  };
}

/** The parts of a scorer made from plain data (in a worker thread: its own analyzer, index and corpus). */
export function partsOf(input: ScoringInput): ScoringParts {
  return {
    postings: input.rows.map(dayPostingOf),
    analyzer: createSearchAnalyzer(input.analyzer),
    names: input.names,
    corpus: corpusFrom(input.corpus),
    province: input.province,
    now: new Date(input.nowMs),
    ranking: input.ranking,
  };
}

/**
 * A scorer: the day's postings indexed once (ranking.ts), then for each subscriber row their words
 * as the live matcher makes them, their profile as the scorer reads it and their reach from the
 * profile's match keys, and topPostings. Returns the function scoring one row; `skip` are positions
 * in the day's postings it never picks (the postings the subscriber applied to).
 */
export function scorerOf(parts: ScoringParts): (row: SubscriberRow, skip?: readonly number[]) => ScoredSubscriber {
  const index = indexPostings(parts.postings);
  const scratch = scratchFor(index);
  return (row, skip = []) => {
    const words = seekerWordsOf(parts.analyzer, { desiredOccupations: row.desired_occupations, occupationNames: parts.names, skills: row.skills, skillGrade: row.skill_grade, resume: row.resume });
    return topPostings(index, matchSeekerOf(row, words), reachOf(row.match_keys ?? [], parts.province), parts.corpus, parts.now, parts.ranking, scratch, skip);
  };
}
