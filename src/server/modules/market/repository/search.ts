// Job search over the stored documents (issue 10, decision 0041): open postings only (published
// and not past their last instant at `now`, the public list's rule), ranked by ts_rank_cd over the
// weighted document or ordered by publication, keyset-paged on a key that pins the order. The
// tsquery text comes from the search analyzer's terms (analyze.ts tsqueryText), never from a
// person's words. And the reindex step's reads and writes of stale documents.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { type SystemScope, underDivision } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';
import { factsQuery } from '../search/facts.ts';
import { type DocumentTexts, SEARCH_VERSION, tsvectorOf } from '../search/stored.ts';

/**
 * ts_rank_cd weights, in PostgreSQL's order {D, C, B, A}: title 1.0, skills, benefits and
 * employer 0.4, description 0.2, division tokens 0.1.
 */
export const RANK_WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';

export type SearchFilter = {
  division?: string | undefined;
  occupation?: string | undefined;
  salaryMin?: number | undefined;
  salaryMax?: number | undefined;
  salaryUnit?: string | undefined;
  education?: string | undefined;
  /** Days since first publication. */
  postedWithin?: number | undefined;
  priority?: boolean | undefined;
  openTo?: string | undefined;
};

/**
 * Where a page starts: after (rank, posted, id) in relevance order, after (posted, id) in newest
 * order, where posted is the first publication (the date a posting shows, datePosted; a
 * re-publication does not bring it back to the top); rank as PostgreSQL printed the real (exact on
 * the way back), posted as its JSON text (microseconds kept).
 */
export type SearchAfter = { rank: string; publishedAt: string; id: number } | { publishedAt: string; id: number };

/**
 * The filters' conditions on postings `p` (search and its facets): the place as an equality (or a
 * province's range), the salary's exact overlap, education, posted within, and the facts
 * (search/facts.ts) the two-column GIN indexes serve with the words (migration 0029).
 */
function filters(f: SearchFilter, now: Date): RawBuilder<SqlBool>[] {
  const out: RawBuilder<SqlBool>[] = [];
  // a county or a prefecture as an equality the (place, first publication) indexes serve in
  // publication order (migration 0029); a province prefix as the range (every posting's prefix)
  if (f.division?.length === 6) out.push(sql<SqlBool>`p.division_code = ${f.division}`);
  else if (f.division?.length === 4) out.push(sql<SqlBool>`left(p.division_code, 4) = ${f.division}`);
  else if (f.division) out.push(underDivision(f.division, 'p.division_code'));
  // overlap in the unit (an open end of the posting's range is its other end): one call the
  // planner does not see into, so it counts the salary once, through the bands' facts (migration 0029)
  if (f.salaryUnit) out.push(sql<SqlBool>`search_salary_overlaps(p.salary_unit, p.salary_min, p.salary_max, ${f.salaryUnit}, ${f.salaryMin ?? null}::numeric, ${f.salaryMax ?? null}::numeric)`);
  if (f.education) out.push(sql<SqlBool>`p.education = ${f.education}`);
  if (f.postedWithin) out.push(sql<SqlBool>`coalesce(p.first_published_at, p.published_at) >= ${new Date(now.getTime() - f.postedWithin * 86_400_000)}::timestamptz`);
  // the groups it is open to, a supplies producer, the occupation: exactly their facts (below);
  // the salary's facts are bands, so its exact conditions stay (above)
  const facts = factsQuery(f);
  if (facts) out.push(sql<SqlBool>`p.search_facts @@ to_tsquery('simple', ${facts})`);
  return out;
}

export type SearchRow = {
  id: number;
  division_code: string;
  division_name: string | null;
  public_code: string;
  title: string;
  employer_name: string;
  description: string;
  salary_min: string | null;
  salary_max: string | null;
  salary_unit: string | null;
  first_published_at: Date | null;
  valid_through: Date | null;
  epidemic_supplies: boolean;
  priority_groups: string[];
  /** ts_rank_cd as text (0 without words, and in a tier walk). */
  rank: string;
  /** The first publication (coalesce(first_published_at, published_at)) as JSON text, for the cursor. */
  published_key: string;
};

/** Open postings (published, not past their last instant at `now`) and the filters. */
function openConditions(f: SearchFilter, now: Date): RawBuilder<SqlBool>[] {
  return [sql<SqlBool>`p.status = 'published'`, sql<SqlBool>`p.valid_through >= ${now}::timestamptz`, ...filters(f, now)];
}

/** A priority posting (M3): of a producer of epidemic-prevention supplies, or open to college graduates or migrant workers. */
const PRIORITY = sql<SqlBool>`(p.epidemic_supplies or p.priority_groups <> '{}')`;

/** How much a priority posting's rank is multiplied by when the search boosts them (M3). */
export const PRIORITY_BOOST = 1.5;

const POSTED = sql`coalesce(p.first_published_at, p.published_at)`;

/**
 * `sorted`: order the matches in memory (the same order, written so no index provides it): the
 * planner then reads them from the GIN index instead of walking the publication order — for words
 * it thinks common together but that are few (it multiplies their frequencies as if independent).
 */
async function selectPage(db: Executor, conditions: RawBuilder<SqlBool>[], rank: RawBuilder<unknown>, order: 'rank' | 'posted', after: RawBuilder<unknown>, limit: number, sorted = false): Promise<SearchRow[]> {
  const posted = sorted ? sql`(s.posted_at + interval '0 s')` : sql`s.posted_at`;
  const by = order === 'rank' ? sql`s.rank desc, s.posted_at desc, s.id desc` : sql`${posted} desc, s.id desc`;
  const r = await sql<SearchRow>`
    select s.id, s.division_code, d.name as division_name, s.public_code, s.title, s.employer_name, s.description, s.salary_min, s.salary_max, s.salary_unit,
           s.first_published_at, s.valid_through, s.epidemic_supplies, s.priority_groups, s.rank::text as rank, to_json(s.posted_at) #>> '{}' as published_key
      from (
        select p.id, p.division_code, p.public_code, p.title, p.employer_name, p.description, p.salary_min, p.salary_max, p.salary_unit,
               p.first_published_at, ${POSTED} as posted_at, p.valid_through, p.epidemic_supplies, p.priority_groups, ${rank} as rank
          from postings p
         where ${sql.join(conditions, sql` and `)}
      ) s left join divisions d on d.code = s.division_code
     ${after}
     order by ${by}
     limit ${limit}`.execute(db);
  return r.rows;
}

/**
 * One page (`limit + 1` rows at most) of open postings matching `tsquery` ('' = no text
 * condition) and the filters, a named cross-division read, every match ranked. `relevance`: by
 * ts_rank_cd (times PRIORITY_BOOST for a priority posting when `boost`), then publication, then
 * id, all descending; `newest`: by publication, then id. Each posting once across pages while
 * postings change (the key is unique and the order total); one whose rank changed after it was
 * shown can be shown again only if its rank fell below the cursor's. Ranking reads every match:
 * the plan for few matches (searchTier walks many).
 */
export async function searchOpenPostings(
  db: Executor,
  _scope: SystemScope,
  tsquery: string,
  f: SearchFilter,
  now: Date,
  page: { sort: 'relevance' | 'newest'; limit: number; after?: SearchAfter | undefined; boost?: boolean | undefined; sorted?: boolean | undefined },
): Promise<SearchRow[]> {
  const text = tsquery !== '';
  const conditions = openConditions(f, now);
  if (tsquery !== '') conditions.push(sql<SqlBool>`p.search_document @@ to_tsquery('simple', ${tsquery})`);
  const plain = sql`ts_rank_cd(${RANK_WEIGHTS}::float4[], p.search_document, to_tsquery('simple', ${tsquery}))`;
  const rank = !text ? sql`0::real` : page.boost ? sql`(${plain} * (case when ${PRIORITY} then ${PRIORITY_BOOST}::real else 1::real end))::real` : plain;
  const a = page.after;
  const after =
    a === undefined
      ? sql``
      : 'rank' in a && page.sort === 'relevance'
        ? sql`where (s.rank, s.posted_at, s.id) < (${a.rank}::real, ${a.publishedAt}::timestamptz, ${a.id}::bigint)`
        : sql`where (s.posted_at, s.id) < (${a.publishedAt}::timestamptz, ${a.id}::bigint)`;
  return selectPage(db, conditions, rank, page.sort === 'relevance' ? 'rank' : 'posted', after, page.limit + 1, page.sorted);
}

/**
 * A relevance tier (decision 0042): the postings whose `field` matches `tsquery` ('' = every
 * open posting) and that no earlier tier holds (`not`), optionally only the priority ones (`priority` true) or only the
 * others (false). Tiers are walked in order, each newest first.
 */
export type SearchTier = {
  field: 'head' | 'document';
  tsquery: string;
  not: ReadonlyArray<{ field: 'head' | 'document'; tsquery: string }>;
  priority?: boolean | undefined;
};

const column = (field: 'head' | 'document') => (field === 'head' ? sql.ref('p.search_head') : sql.ref('p.search_document'));

/**
 * Up to `limit` open postings of one tier matching the filters, newest first (first publication,
 * then id, descending), after `after` when given: an ORDER BY … LIMIT the planner answers either
 * by walking postings_posted until the page is full (a common word: the first rows match) or from
 * the word's GIN index and a sort (a rare one) — whichever its statistics say is cheaper, so
 * neither reads every match of a common word nor walks the whole table for a rare one.
 */
export async function searchTier(
  db: Executor,
  _scope: SystemScope,
  tier: SearchTier,
  f: SearchFilter,
  now: Date,
  page: { limit: number; after?: { publishedAt: string; id: number } | undefined; sorted?: boolean | undefined },
): Promise<SearchRow[]> {
  const conditions = openConditions(f, now);
  if (tier.tsquery !== '') conditions.push(sql<SqlBool>`${column(tier.field)} @@ to_tsquery('simple', ${tier.tsquery})`);
  for (const n of tier.not) conditions.push(sql<SqlBool>`not (${column(n.field)} @@ to_tsquery('simple', ${n.tsquery}))`);
  if (tier.priority === true) conditions.push(PRIORITY);
  if (tier.priority === false) conditions.push(sql<SqlBool>`not ${PRIORITY}`);
  if (page.after) conditions.push(sql<SqlBool>`(${POSTED}, p.id) < (${page.after.publishedAt}::timestamptz, ${page.after.id}::bigint)`);
  return selectPage(db, conditions, sql`0::real`, 'posted', sql``, page.limit, page.sorted);
}

/**
 * The planner's estimate of how many open postings match `tsquery` ('' = none) and the filters:
 * the row count of the plan of that count (EXPLAIN, nothing read), from the column statistics
 * (the common lexemes of search_document and their frequencies, statistics target 1,000). 0 when
 * the table was never analysed and holds nothing. Cheap (one plan, about 1 ms): the search picks
 * its plan by it (decision 0042).
 */
export async function estimateOpenMatches(db: Executor, _scope: SystemScope, tsquery: string, f: SearchFilter, now: Date): Promise<number> {
  const conditions = openConditions(f, now);
  if (tsquery !== '') conditions.push(sql<SqlBool>`p.search_document @@ to_tsquery('simple', ${tsquery})`);
  const r = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`explain (format json) select 1 from postings p where ${sql.join(conditions, sql` and `)}`.execute(db);
  return Math.round(r.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}

/** Up to `limit` postings whose search document is missing or of an older analyzer version (the reindex step), with the texts it reads. */
export async function staleSearchRows(db: Executor, _scope: SystemScope, limit: number) {
  return db
    .selectFrom('postings')
    .select(['division_code', 'id', 'title', 'employer_name', 'skill_grade', 'benefits', 'description'])
    .where((eb) => eb.or([eb('search_version', 'is', null), eb('search_version', '<', SEARCH_VERSION)]))
    .orderBy('search_version')
    .limit(limit)
    .execute();
}

/**
 * Writes documents for the given postings (one statement per batch), unless another writer has
 * already written a current one since they were read. Returns how many were written.
 */
export async function writeSearchDocuments(db: Executor, _scope: SystemScope, rows: ReadonlyArray<{ division_code: string; id: number; texts: DocumentTexts }>) {
  if (!rows.length) return 0;
  const r = await sql`
    update postings p set search_document = ${tsvectorOf({ A: sql.ref('i.a'), B: sql.ref('i.b'), C: sql.ref('i.c'), D: sql.ref('i.d') })}, search_version = ${SEARCH_VERSION}::smallint
      from unnest(${rows.map((x) => x.division_code)}::text[], ${rows.map((x) => x.id)}::bigint[], ${rows.map((x) => x.texts.A)}::text[],
                  ${rows.map((x) => x.texts.B)}::text[], ${rows.map((x) => x.texts.C)}::text[], ${rows.map((x) => x.texts.D)}::text[]) as i(division_code, id, a, b, c, d)
     where p.division_code = i.division_code and p.id = i.id and (p.search_version is null or p.search_version < ${SEARCH_VERSION}::smallint)`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Re-coding (decision 0022): the postings copied from `from` to `to` carry `from`'s division tokens
 * in their documents; marked stale (the document stays and is found by its words until the
 * reindex step rewrites it). Called while both copies exist. Returns how many were marked.
 */
export async function markRecodedStale(tx: Executor, from: string, to: string) {
  const r = await tx
    .updateTable('postings')
    .set({ search_version: null })
    .where('division_code', '=', to)
    .where('id', 'in', (eb) => eb.selectFrom('postings').select('id').where('division_code', '=', from))
    .executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

// facets (issue 10, decision 0043) --------------------------------------------------------------

import { UNRESOLVED_DIVISION } from './postings.ts';

/**
 * Salary bands per unit (yuan, each band [lower, upper)): the thresholds between bands, so a unit
 * with n thresholds has n + 1 bands, the first open below and the last open above. MONTH as issue
 * 10 gives them; DAY and HOUR about MONTH's over 21.75 days and 174 hours (劳社部发〔2008〕3号),
 * rounded; YEAR about twelve months'. PIECE: none (a rate per piece says nothing comparable).
 */
export const SALARY_BANDS = {
  MONTH: [3000, 5000, 8000, 12000],
  DAY: [100, 150, 200, 300],
  HOUR: [15, 20, 30],
  YEAR: [40000, 60000, 100000, 150000],
  PIECE: [],
} as const satisfies Record<string, readonly number[]>;

export type FacetRow = {
  facet: 'prefecture' | 'occupation' | 'salary';
  /** prefecture: its code (xxxx00; null for postings whose place did not resolve); occupation: the major group ('4'; null without an occupation); salary: the band's number (0 = the lowest) or null (面议, PIECE, a unit without amounts). */
  code: string | null;
  /** The prefecture's or the major group's name (null when the code is null or unknown). */
  name: string | null;
  /** salary only: the unit, null for 面议 (no unit). */
  unit: string | null;
  count: number;
};

/** A posting's pay as one figure: the middle of its range, or its one end. */
const SALARY_MID = sql`((coalesce(p.salary_min, p.salary_max) + coalesce(p.salary_max, p.salary_min)) / 2)`;

/** The band number of a posting's pay in its unit's SALARY_BANDS (width_bucket: 0 below the first threshold, n at or above the last); null for PIECE, 面议 or no amount. */
function salaryBand() {
  const arms = Object.entries(SALARY_BANDS)
    .filter(([, t]) => t.length > 0)
    .map(([unit, t]) => sql`when ${sql.lit(unit)} then ${sql.lit(`{${t.join(',')}}`)}::numeric[]`);
  return sql`width_bucket(${SALARY_MID}, case p.salary_unit ${sql.join(arms, sql` `)} end)`;
}

/**
 * The facet counts of the open postings matching `tsquery` ('' = no text condition) and the
 * filters, a named cross-division read, in one statement: one scan of the matches grouped by
 * (prefecture, major group, unit, band) — a few hundred groups at most — then the three facets
 * summed from those groups, with the prefectures' and the groups' names. With `sample`, the scan
 * reads only `sample.percent` of postings' blocks (TABLESAMPLE SYSTEM, REPEATABLE seed: the same
 * blocks every call while the table keeps its blocks) and counts are of the sample, unscaled.
 * Prefecture = left(division_code, 4) || '00' (a posting placed at a province only counts under
 * the province's code); major group = occupation_code up to its first '-'. Each facet's counts
 * add up to the number of postings counted (its null buckets included).
 */
export async function openFacetCounts(db: Executor, _scope: SystemScope, tsquery: string, f: SearchFilter, now: Date, sample?: { percent: number; seed: number }): Promise<FacetRow[]> {
  const conditions = openConditions(f, now);
  if (tsquery !== '') conditions.push(sql<SqlBool>`p.search_document @@ to_tsquery('simple', ${tsquery})`);
  const from = sample ? sql`postings p tablesample system (${sample.percent}::real) repeatable (${sample.seed}::int)` : sql`postings p`;
  const r = await sql<FacetRow>`
    with m as materialized (
      select case when p.division_code = ${UNRESOLVED_DIVISION} then null else left(p.division_code, 4) || '00' end as prefecture,
             split_part(p.occupation_code, '-', 1) as major, p.salary_unit as unit, ${salaryBand()} as band, count(*)::int as n
        from ${from}
       where ${sql.join(conditions, sql` and `)}
       group by 1, 2, 3, 4
    )
    select 'prefecture' as facet, m.prefecture as code, d.name, null as unit, sum(m.n)::int as count from m left join divisions d on d.code = m.prefecture group by m.prefecture, d.name
    union all
    select 'occupation', m.major, o.name, null, sum(m.n)::int from m left join occupations o on o.code = m.major group by m.major, o.name
    union all
    select 'salary', m.band::text, null, m.unit, sum(m.n)::int from m group by m.unit, m.band`.execute(db);
  return r.rows;
}

/**
 * How many open postings match `tsquery` and the filters, counting no further than `upTo` (reads
 * at most `upTo` matches): whether a search's first page of `upTo` would be full.
 */
export async function countOpenMatches(db: Executor, _scope: SystemScope, tsquery: string, f: SearchFilter, now: Date, upTo: number): Promise<number> {
  const conditions = openConditions(f, now);
  if (tsquery !== '') conditions.push(sql<SqlBool>`p.search_document @@ to_tsquery('simple', ${tsquery})`);
  const r = await sql<{ n: number }>`select count(*)::int as n from (select 1 from postings p where ${sql.join(conditions, sql` and `)} limit ${upTo}) s`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** The planner's estimate of the rows of postings (every status): what a sample of p percent of its blocks reads p percent of. EXPLAIN only, nothing read. */
export async function estimatePostingsRows(db: Executor, _scope: SystemScope): Promise<number> {
  const r = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`explain (format json) select 1 from postings p`.execute(db);
  return Math.round(r.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}
