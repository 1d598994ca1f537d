// Reference data has editions (issue 7 §2, decision 0022): which edition of each reference table is
// loaded (its label, date and the checksum of the files it came from), and divisions that outlive
// their code: an abolished division stays in the table, inactive, with the code that took it over
// (530422 澄江县 → 530481 澄江市), so a stale code is answered with its successor, a credit code
// issued under it stays valid, and the successor's officials read what still carries the old code
// (their scope's predecessor prefixes: division_predecessors below).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE divisions
      ADD COLUMN active boolean NOT NULL DEFAULT true,
      ADD COLUMN successor_code text COLLATE "C" REFERENCES divisions (code),
      ADD COLUMN abolished_on date,
      ADD CONSTRAINT divisions_abolished_has_date CHECK (active OR abolished_on IS NOT NULL),
      ADD CONSTRAINT divisions_active_has_no_successor CHECK (NOT active OR (successor_code IS NULL AND abolished_on IS NULL)),
      ADD CONSTRAINT divisions_successor_not_self CHECK (successor_code <> code);
    CREATE INDEX divisions_successor ON divisions (successor_code) WHERE successor_code IS NOT NULL;

    -- one row per reference table: the edition now loaded (a shared table, like the data it describes)
    CREATE TABLE reference_editions (
      table_name text COLLATE "C" PRIMARY KEY CHECK (table_name IN ('divisions', 'industries', 'occupations', 'education_levels')),
      edition text NOT NULL,
      -- the day the edition describes (a statistical table's "as of"); a loader never goes back to an earlier one
      edition_date date NOT NULL,
      -- sha256 of the source files (name and bytes, in the manifest's order), or of the built-in rows
      checksum text COLLATE "C" NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
      source text NOT NULL,
      loaded_at timestamptz NOT NULL,
      -- what loading it changed: rows added, renamed, abolished
      detail jsonb NOT NULL DEFAULT '{}'
    );

    -- The codes whose successor chain ends under a scope prefix ('53', '5304', '530481') but which
    -- lie outside it: what an official of the successor also reads (db/scope.ts, predecessors).
    CREATE FUNCTION division_predecessors(prefix text) RETURNS text[] LANGUAGE sql STABLE PARALLEL SAFE AS $f$
      WITH RECURSIVE before(code) AS (
        SELECT d.code FROM divisions d
         WHERE d.successor_code >= prefix COLLATE "C" AND d.successor_code < (prefix || '~') COLLATE "C"
        UNION
        SELECT d.code FROM divisions d JOIN before b ON d.successor_code = b.code
      )
      SELECT coalesce(array_agg(code ORDER BY code), '{}') FROM before
       WHERE NOT (code >= prefix COLLATE "C" AND code < (prefix || '~') COLLATE "C")
    $f$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP FUNCTION division_predecessors(text);
    DROP TABLE reference_editions;
    ALTER TABLE divisions
      DROP CONSTRAINT divisions_abolished_has_date,
      DROP CONSTRAINT divisions_active_has_no_successor,
      DROP CONSTRAINT divisions_successor_not_self,
      DROP COLUMN abolished_on,
      DROP COLUMN successor_code,
      DROP COLUMN active;
  `.execute(db);
}
