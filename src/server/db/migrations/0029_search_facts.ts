// Job search's filters served by the words' own index (issue 10, decision 0042). A filter that no
// index serves drops rows only after they were read: at 1,000,000 postings a common word with a
// narrow filter (经理 · open to graduates · 4,000–6,000 a month) read a quarter of a million rows
// in publication order, or ranked half the table. Here the facts the filters ask about become
// lexemes of an expression made from the posting's own columns — search_facts(): the division and
// what is above it (fd530102 fd530100 fd530000), the groups it is open to (fggraduate), a producer
// of epidemic-prevention supplies (fsupplies), the occupation and its parents (fo4 fo402 …) and
// the salary bands its range overlaps per unit (fsm4 … : MONTH in 1,000-yuan bands) — and the
// GIN indexes cover document || facts (and head || facts), so `words & facts` is one index scan
// whose lists intersect inside GIN, and the planner's statistics of the expression estimate the
// pair. Always current: an edit of any of these columns changes the expression; no write path
// changes. The facts narrow; the exact conditions stay in the query (a band is wider than an asked
// salary), so a fact can only make a search faster, never change what it finds.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- one function, calling no other of ours: an index build runs it with a search_path of
    -- pg_catalog only (PostgreSQL 17 and later). Salary bands per unit: band k covers
    -- [k·width, (k+1)·width), the last (cap) everything above — MONTH 1,000 yuan up to 50,000;
    -- DAY 50 up to 2,000; HOUR 5 up to 200; YEAR 20,000 up to 1,000,000; PIECE none (filtered
    -- as before). search/facts.ts SALARY_BAND_GRID is the same grid.
    CREATE FUNCTION search_facts(division_code text, priority_groups text[], epidemic_supplies boolean, occupation_code text, salary_unit text, salary_min numeric, salary_max numeric)
      RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT to_tsvector('simple', concat_ws(' ',
        'fd' || division_code, 'fd' || left(division_code, 4) || '00', 'fd' || left(division_code, 2) || '0000',
        (SELECT string_agg('fg' || g, ' ') FROM unnest(priority_groups) g),
        CASE WHEN epidemic_supplies THEN 'fsupplies' END,
        (SELECT string_agg('fo' || replace(left(occupation_code, n), '-', ''), ' ') FROM unnest(ARRAY[1, 4, 7, 10]) n WHERE n <= length(occupation_code)),
        (SELECT string_agg('fs' || lower(left(salary_unit, 1)) || b, ' ')
           FROM (SELECT CASE salary_unit WHEN 'MONTH' THEN 1000 WHEN 'DAY' THEN 50 WHEN 'HOUR' THEN 5 WHEN 'YEAR' THEN 20000 END::numeric AS width,
                        CASE salary_unit WHEN 'MONTH' THEN 50 WHEN 'DAY' THEN 40 WHEN 'HOUR' THEN 40 WHEN 'YEAR' THEN 50 END AS cap) w,
                generate_series(least(floor(coalesce(salary_min, salary_max) / w.width)::int, w.cap), least(floor(coalesce(salary_max, salary_min) / w.width)::int, w.cap)) b
          WHERE w.width IS NOT NULL AND coalesce(salary_min, salary_max) IS NOT NULL)))
    $$;
    DROP INDEX postings_search;
    DROP INDEX postings_search_head;
    -- not partial (every status): the planner reads an expression index's statistics only when
    -- the index has no predicate, and the plan's estimates are these statistics
    CREATE INDEX postings_search ON postings USING gin ((search_document || search_facts(division_code, priority_groups, epidemic_supplies, occupation_code, salary_unit, salary_min, salary_max)));
    CREATE INDEX postings_search_head ON postings USING gin ((search_head || search_facts(division_code, priority_groups, epidemic_supplies, occupation_code, salary_unit, salary_min, salary_max)));
    -- open postings of a county, and of a prefecture, by the date they show: a search in one place
    -- walks these in publication order (a common word: the first rows match) where a GIN bitmap
    -- would read every match in the place to sort them
    CREATE INDEX postings_county_posted ON postings (division_code, (coalesce(first_published_at, published_at)) DESC, id DESC) WHERE status = 'published';
    CREATE INDEX postings_prefecture_posted ON postings ((left(division_code, 4)), (coalesce(first_published_at, published_at)) DESC, id DESC) WHERE status = 'published';
    -- the planner's estimates of words and facts read these statistics (ANALYZE gathers them per expression index)
    ALTER INDEX postings_search ALTER COLUMN 1 SET STATISTICS 1000;
    ALTER INDEX postings_search_head ALTER COLUMN 1 SET STATISTICS 1000;
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
    DROP FUNCTION search_facts(text, text[], boolean, text, text, numeric, numeric);
  `.execute(db);
}
