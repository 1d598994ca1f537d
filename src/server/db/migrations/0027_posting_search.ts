// Job search's stored document (issue 10, decision 0041): each posting's weighted lexemes, made in
// Node by the search analyzer (src/server/modules/market/search/, decision 0039) and written in
// the statement that writes the posting (the form's insert and edits, the import's batch). SQL
// cannot segment Chinese, so this migration only adds the columns and the index: rows written
// before it (search_version NULL) are filled by the reindex step that runs at start-up and by
// `yunqiao search reindex`, in batches, for every row whose analyzer version is not the current one.
// The GIN index covers published postings only: search never reads the others.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE postings
      ADD COLUMN search_document tsvector,
      ADD COLUMN search_version smallint;
    CREATE INDEX postings_search ON postings USING gin (search_document) WHERE status = 'published';
    CREATE INDEX postings_search_version ON postings (search_version);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX postings_search_version;
    DROP INDEX postings_search;
    ALTER TABLE postings DROP COLUMN search_version, DROP COLUMN search_document;
  `.execute(db);
}
