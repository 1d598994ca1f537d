// Job search's filters served by the words' own index (issue 10, decision 0042). A filter that no
// index serves drops rows only after they were read: at 1,000,000 postings a common word with a
// narrow filter (经理 · open to graduates · 4,000–6,000 a month) read a quarter of a million rows
// in publication order, or ranked half the table. Here the facts those filters ask about become
// lexemes of a small stored generated column, search_facts — the groups a posting is open to
// (fggraduate), a producer of epidemic-prevention supplies (fsupplies), the occupation and its
// parents (fo4 fo402 …) and the salary bands its range overlaps per unit (fsm4 …: MONTH in
// 1,000-yuan bands) — made from the posting's own columns (always current; no write path changes),
// and the GIN indexes become two-column (document, facts) and (head, facts): `words` and `facts`
// are matched in one index scan whose lists intersect inside GIN, each estimated from its own
// column's statistics. The place filter is an equality on the county or the prefecture, served in
// publication order by two btrees.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- calls no function of ours (an index build or a generated column runs it with a search_path
    -- of pg_catalog only, PostgreSQL 17 and later). Salary bands per unit: band k covers
    -- [k·width, (k+1)·width), the last (cap) everything above — MONTH 1,000 yuan up to 50,000;
    -- DAY 50 up to 2,000; HOUR 5 up to 200; YEAR 20,000 up to 1,000,000; PIECE none (filtered as
    -- before). search/facts.ts SALARY_BAND_GRID is the same grid.
    CREATE FUNCTION posting_search_facts(priority_groups text[], epidemic_supplies boolean, occupation_code text, salary_unit text, salary_min numeric, salary_max numeric)
      RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT to_tsvector('simple', concat_ws(' ',
        (SELECT string_agg('fg' || g, ' ') FROM unnest(priority_groups) g),
        CASE WHEN epidemic_supplies THEN 'fsupplies' END,
        (SELECT string_agg('fo' || replace(left(occupation_code, n), '-', ''), ' ') FROM unnest(ARRAY[1, 4, 7, 10]) n WHERE n <= length(occupation_code)),
        (SELECT string_agg('fs' || lower(left(salary_unit, 1)) || b, ' ')
           FROM (SELECT CASE salary_unit WHEN 'MONTH' THEN 1000 WHEN 'DAY' THEN 50 WHEN 'HOUR' THEN 5 WHEN 'YEAR' THEN 20000 END::numeric AS width,
                        CASE salary_unit WHEN 'MONTH' THEN 50 WHEN 'DAY' THEN 40 WHEN 'HOUR' THEN 40 WHEN 'YEAR' THEN 50 END AS cap) w,
                generate_series(least(floor(coalesce(salary_min, salary_max) / w.width)::int, w.cap), least(floor(coalesce(salary_max, salary_min) / w.width)::int, w.cap)) b
          WHERE w.width IS NOT NULL AND coalesce(salary_min, salary_max) IS NOT NULL)))
    $$;
    -- the exact salary overlap beside its bands (a band is wider than an asked range): one opaque
    -- call (PL/pgSQL is never inlined), so the planner counts the salary once, through the bands'
    -- facts, instead of multiplying them by three more guesses of the same thing
    CREATE FUNCTION search_salary_overlaps(salary_unit text, salary_min numeric, salary_max numeric, unit text, lo numeric, hi numeric)
      RETURNS boolean LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      BEGIN
        RETURN salary_unit = unit
          AND (lo IS NULL OR coalesce(salary_max, salary_min) >= lo)
          AND (hi IS NULL OR coalesce(salary_min, salary_max) <= hi);
      END
    $$;
    ALTER TABLE postings ADD COLUMN search_facts tsvector GENERATED ALWAYS AS (posting_search_facts(priority_groups, epidemic_supplies, occupation_code, salary_unit, salary_min, salary_max)) STORED;
    DROP INDEX postings_search;
    DROP INDEX postings_search_head;
    CREATE INDEX postings_search ON postings USING gin (search_document, search_facts) WHERE status = 'published';
    CREATE INDEX postings_search_head ON postings USING gin (search_head, search_facts) WHERE status = 'published';
    -- open postings of a county, and of a prefecture, by the date they show: a search in one place
    -- walks these in publication order (a common word: the first rows match) where a GIN bitmap
    -- would read every match in the place to sort them
    CREATE INDEX postings_county_posted ON postings (division_code, (coalesce(first_published_at, published_at)) DESC, id DESC) WHERE status = 'published';
    CREATE INDEX postings_prefecture_posted ON postings ((left(division_code, 4)), (coalesce(first_published_at, published_at)) DESC, id DESC) WHERE status = 'published';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX postings_prefecture_posted;
    DROP INDEX postings_county_posted;
    DROP INDEX postings_search_head;
    DROP INDEX postings_search;
    CREATE INDEX postings_search ON postings USING gin (search_document) WHERE status = 'published';
    CREATE INDEX postings_search_head ON postings USING gin (search_head) WHERE status = 'published';
    ALTER TABLE postings DROP COLUMN search_facts;
    DROP FUNCTION posting_search_facts(text[], boolean, text, text, numeric, numeric);
    DROP FUNCTION search_salary_overlaps(text, numeric, numeric, text, numeric, numeric);
  `.execute(db);
}
