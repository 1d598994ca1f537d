// What a posting's stored search document is (issue 10, decision 0041), without the analyzer: the
// version it was made by and the SQL that makes a tsvector of its four texts. Pure; the repository
// writes these, the analyzer (document.ts) makes the texts.
import { type RawBuilder, sql } from 'kysely';

/**
 * The analyzer's version as stored in postings.search_version: raise it when analyze.ts, the
 * jargon dictionary or the place names change what a posting's lexemes are, and the reindex step
 * (reindexStale) rewrites every older row in batches.
 */
export const SEARCH_VERSION = 1;

/** The four texts of a document: lexemes joined by spaces (letters and digits only, so 'simple' keeps them exactly). */
export type DocumentTexts = { A: string; B: string; C: string; D: string };

/** `setweight(to_tsvector('simple', A), 'A') || …`: the tsvector of four texts (parameters or columns). */
export function tsvectorOf(t: { A: unknown; B: unknown; C: unknown; D: unknown }): RawBuilder<string> {
  return sql<string>`setweight(to_tsvector('simple', ${t.A}::text), 'A') || setweight(to_tsvector('simple', ${t.B}::text), 'B') || setweight(to_tsvector('simple', ${t.C}::text), 'C') || setweight(to_tsvector('simple', ${t.D}::text), 'D')`;
}

/** The columns a posting write sets for its document: search_document and search_version. */
export function searchColumns(texts: DocumentTexts): { search_document: RawBuilder<string>; search_version: number } {
  return { search_document: tsvectorOf(texts), search_version: SEARCH_VERSION };
}

