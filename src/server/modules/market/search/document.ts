// A posting's stored search document (issue 10, decision 0041): the analyzer's weighted lexemes
// (decision 0039) as the four texts of `setweight(to_tsvector('simple', A), 'A') || … 'D'`, written
// with the posting in the statement that writes it, and the analyzer version that made them.
import type { Deps } from '../../../deps.ts';
import { createSearchAnalyzer, type PostingText, type SearchAnalyzer, weightedTexts } from './analyze.ts';
import type { DocumentTexts } from './stored.ts';

export { type DocumentTexts, SEARCH_VERSION, searchColumns, tsvectorOf } from './stored.ts';

const analyzers = new WeakMap<object, Promise<SearchAnalyzer>>();

/** What createSearchAnalyzer is made from: the divisions table (code, name, level, parent, active) and the province. */
export type AnalyzerInput = Parameters<typeof createSearchAnalyzer>[0];

/**
 * The analyzer's input as the app's analyzer is made (analyzerOf): for a worker thread that makes
 * the same analyzer of its own (the digest's scoring threads). Plain data: structured-cloneable.
 */
export async function analyzerInputOf(deps: Pick<Deps, 'config' | 'db'>): Promise<AnalyzerInput> {
  const divisions = await deps.db.selectFrom('divisions').select(['code', 'name', 'level', 'parent_code', 'active']).execute();
  return { divisions, province: deps.config.province };
}

/**
 * The analyzer of the app's province (config.province), its place names from the divisions table
 * as first read (one per app configuration, about 0.5 s for jieba's dictionary on first use).
 * A division renamed later reaches the analyzer at the next start.
 */
export function analyzerOf(deps: Pick<Deps, 'config' | 'db'>): Promise<SearchAnalyzer> {
  let found = analyzers.get(deps.config);
  if (!found) {
    found = analyzerInputOf(deps).then(createSearchAnalyzer);
    found.catch(() => analyzers.delete(deps.config));
    analyzers.set(deps.config, found);
  }
  return found;
}

/** A posting's document texts (title A; skills, benefits, employer B; description C; division D). */
export function documentTexts(analyzer: SearchAnalyzer, posting: PostingText): DocumentTexts {
  return weightedTexts(analyzer.documentTokens(posting));
}

