// Job search at province scale (issue 10, decision 0042): what the selectivity-aware plan reads.
// - search_head: the document's title, skills, benefits and employer lexemes (weights A and B),
//   made by PostgreSQL from search_document (a stored generated column: every write path that
//   writes the document writes it), with its own GIN index. Relevance puts postings whose head
//   has the words before those that have them only in the description; a walk of many matches
//   reads the head first.
// - postings_posted: open postings by the date they show (their first publication) and id, the
//   order of `newest` and of each relevance tier of a common word: a walk of this index stops at
//   the page's last row where ranking every match reads them all.
// - statistics: 1,000 per document column (up from 100), so the planner's list of common
//   lexemes, which the plan's estimate reads, holds ten thousand words instead of one thousand.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE postings ADD COLUMN search_head tsvector GENERATED ALWAYS AS (ts_filter(search_document, '{a,b}')) STORED;
    CREATE INDEX postings_search_head ON postings USING gin (search_head) WHERE status = 'published';
    CREATE INDEX postings_posted ON postings ((coalesce(first_published_at, published_at)) DESC, id DESC) WHERE status = 'published';
    ALTER TABLE postings ALTER COLUMN search_document SET STATISTICS 1000, ALTER COLUMN search_head SET STATISTICS 1000;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE postings ALTER COLUMN search_document SET STATISTICS -1;
    DROP INDEX postings_posted;
    DROP INDEX postings_search_head;
    ALTER TABLE postings DROP COLUMN search_head;
  `.execute(db);
}
