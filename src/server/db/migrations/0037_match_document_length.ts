// A posting's weighted document length for the matcher's BM25 (issue 12, decision 0046 amended).
// The matcher read every candidate's whole search document as text (~1,000 characters a posting,
// ~500 candidates a seeker: half a megabyte printed by the server and parsed in Node per request)
// for two things: the counts of the seeker's own words, and the document's length, which counts
// every position. The length is now a stored generated column, so the candidate query prints only
// the lexemes of the seeker's words (ts_delete, tsvector_to_array: a few dozen characters).
//
// match_document_length(d): the sum over d's positions of what a position of its weight counts for
// — A 3, B 1.5, C 1, D 0 (the place tokens) — as tsvector.ts's WEIGHT_COUNTS and weightedWordsOf's
// length (a test compares the two on every stored document of the suite's postings). A lexeme
// without positions (a stripped tsvector) counts 0, as there. Sums of multiples of 0.5: exact in
// real. Adding the column rewrites postings once (about a minute at 1,000,000 rows).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION match_document_length(d tsvector) RETURNS real
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN coalesce((SELECT sum(CASE w WHEN 'A' THEN 3 WHEN 'B' THEN 1.5 WHEN 'C' THEN 1 ELSE 0 END) FROM unnest(d) u, unnest(u.weights) w), 0)::real;
    ALTER TABLE postings ADD COLUMN search_length real GENERATED ALWAYS AS (match_document_length(search_document)) STORED;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE postings DROP COLUMN search_length;
    DROP FUNCTION match_document_length(tsvector);
  `.execute(db);
}
