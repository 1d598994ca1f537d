// The matching module's public surface: what routes, other modules, the evaluation and the CLI may call.
export { CANDIDATES, candidateQueryOf, corpusStats, forPosting, forSeeker, matchPostingOf, matchSeekerOf, maskedName, seekerIdOf } from './matching.service.ts';
export { isWorkWord, seekerWordsOf } from './words.ts';
export { BOOSTS, corpusFrom, corpusOf, type CorpusStats, type MatchPosting, type MatchSeeker, postingWords, REASON_CODES, type ReasonCode, scoreMatch, scoreValue, WEIGHTS, type Weights } from './score.ts';
export { educationRankOf, experienceYearsOf, monthlyOf, skillGradeOf } from './requirements.ts';
export { parseTsvector } from './tsvector.ts';
export { SEEKER_COLUMNS as MATCH_SEEKER_COLUMNS } from './repository.ts';
