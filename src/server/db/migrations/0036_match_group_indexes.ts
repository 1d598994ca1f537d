// The matcher's candidates by place and occupation major group (issue 12, decision 0046 amended).
// A seeker's candidates are the newest open postings of each of their places in their desired
// major groups (the first digit of the 大典 code: fo4 … in search_facts, migration 0029). The place
// indexes (postings_county_posted, postings_prefecture_posted) know the place only: the matcher
// walked a place's newest rows checking each one's group, and at 1,000,000 postings read about
// 1,700 rows to find the newest 120 of the production group (7 % of postings; up to a bound of
// 2,000, which cut the groups fewer postings carry short). These put the group beside the place,
// in publication order, for open postings that name an occupation (a quarter of imported ads name
// none: they are found by the place walk of any occupation): a group's newest 120 of a county or a
// prefecture, or of the province, are the index's first 120 entries. Three btrees (30–35 MB each at
// 1,000,000 postings), written only for published rows with a code.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX postings_county_group_posted ON postings (division_code, (left(occupation_code, 1)), (coalesce(first_published_at, published_at)) DESC, id DESC)
      WHERE status = 'published' AND occupation_code IS NOT NULL;
    CREATE INDEX postings_prefecture_group_posted ON postings ((left(division_code, 4)), (left(occupation_code, 1)), (coalesce(first_published_at, published_at)) DESC, id DESC)
      WHERE status = 'published' AND occupation_code IS NOT NULL;
    CREATE INDEX postings_group_posted ON postings ((left(occupation_code, 1)), (coalesce(first_published_at, published_at)) DESC, id DESC)
      WHERE status = 'published' AND occupation_code IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX postings_group_posted;
    DROP INDEX postings_prefecture_group_posted;
    DROP INDEX postings_county_group_posted;
  `.execute(db);
}
