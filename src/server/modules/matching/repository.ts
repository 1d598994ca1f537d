// The matcher's reads (issue 12, decision 0046): candidates from indexes, scored in Node
// (score.ts). Read only; the matcher writes nothing but its audit-free answers.
//   a seeker's candidate postings: open postings (published, not past their last instant) of the
//     seeker's counties and prefectures, newest first per place, walked by the search's place
//     indexes (postings_county_posted, postings_prefecture_posted) with the occupation major groups
//     as facts (search_facts), and of the seeker's exact occupations anywhere in the province;
//   a posting's candidate seekers: profiles whose match_keys (migration 0030) meet the posting's
//     place and occupation keys, recommendations on, registration valid, seen by the caller: all
//     employers (visibility `employers`), or, for an agency, also those who authorised it.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { inScope, type Scope, type ScopeRef, type SystemScope } from '../../db/scope.ts';
import type { Executor } from '../../db/tx.ts';

/** A seeker's profile as the matcher reads it, in the caller's scope. */
const SEEKER_SCOPE: ScopeRef = { division: 's.division_code', id: 's.id', table: 'seekers', owner: { account: 's.account_id' } };

/** The profile columns the matcher reads (matchSeekerOf, seekerWordsOf), as `s`: shared with the digest's subscriber batches. */
export const SEEKER_COLUMNS = [
  's.division_code',
  's.id',
  's.account_id',
  's.name',
  's.priority_groups',
  's.residence_division',
  's.home_division',
  's.desired_occupations',
  's.desired_divisions',
  's.salary_min',
  's.salary_max',
  's.salary_unit',
  's.skill_grade',
  's.experience_years',
  's.skills',
  's.resume',
  's.visibility',
  's.recommendations',
  sql<string>`s.valid_until::text`.as('valid_until'),
  sql<number | null>`(select e.rank from education_levels e where e.code = s.education_code)`.as('education_rank'),
] as const;

/** One profile by id in the caller's scope (the seeker's own, an agency's through its grant, an official's by division); undefined when out of reach or missing alike. */
export async function findSeekerForMatching(db: Executor, scope: Scope, id: number) {
  return db.selectFrom('seekers as s').select(SEEKER_COLUMNS).where(inScope(scope, SEEKER_SCOPE)).where('s.id', '=', id).executeTakeFirst();
}

/** The signed-in seeker's own profile id (their account's), or undefined before the first save. */
export async function ownSeekerId(db: Executor, scope: Scope, accountId: number): Promise<number | undefined> {
  const row = await db.selectFrom('seekers as s').select('s.id').where(inScope(scope, SEEKER_SCOPE)).where('s.account_id', '=', accountId).executeTakeFirst();
  return row?.id;
}

export type SeekerForMatching = NonNullable<Awaited<ReturnType<typeof findSeekerForMatching>>>;

/**
 * Where to look for a seeker's postings: counties (six digits), prefectures (four digits), the
 * whole province (two digits; null: not), the occupation facts (fo4 …) and exact occupation facts.
 */
export type PostingCandidatesQuery = {
  counties: readonly string[];
  prefectures: readonly string[];
  province: string | null;
  groupFacts: readonly string[];
  exactFacts: readonly string[];
  perPlace: number;
  /** How many of a place's newest postings a walk for the occupation groups reads at most. */
  walk: number;
  perOccupation: number;
};

const POSTED = sql`coalesce(p.first_published_at, p.published_at)`;
const POSTING_COLUMNS = sql`p.division_code, p.id, p.public_code, p.title, p.employer_name, p.occupation_code, p.salary_min::float8 as salary_min, p.salary_max::float8 as salary_max, p.salary_unit, p.education, p.experience,
  p.skill_grade, ${POSTED} as published_at, p.epidemic_supplies, p.priority_groups`;
/** A posting's stored search document in PostgreSQL's text form (tsvector.ts reads it). */
const DOCUMENT = sql`coalesce(p.search_document, ''::tsvector)::text as document`;

export type CandidatePostingRow = {
  division_code: string;
  id: number;
  public_code: string;
  title: string;
  employer_name: string;
  occupation_code: string | null;
  salary_min: number | null;
  salary_max: number | null;
  salary_unit: string | null;
  education: string;
  experience: string;
  skill_grade: string;
  published_at: Date;
  epidemic_supplies: boolean;
  priority_groups: string[];
};

/**
 * A seeker's candidate postings (public rows: open postings are public, so the system scope
 * names why): newest first per place — up to `perPlace` of each county and prefecture asked in
 * the occupation groups (`groupFacts`) among its `walk` newest, and half as many of any
 * occupation; twice as many of each
 * in the whole province when asked (one walk of the publication-order index, not one per
 * prefecture) — and up to `perOccupation` of the exact occupations anywhere. Distinct by
 * (division, id). Open at `now`.
 * Without their search documents (a few kilobytes each): postingDocuments reads those of the
 * candidates whose words can still count.
 */
export async function candidatePostings(db: Executor, _why: SystemScope, q: PostingCandidatesQuery, now: Date): Promise<CandidatePostingRow[]> {
  const open = sql<SqlBool>`p.status = 'published' and p.valid_through >= ${now}::timestamptz`;
  const groups = q.groupFacts.length ? sql<SqlBool>`w.search_facts @@ to_tsquery('simple', ${q.groupFacts.join(' | ')})` : null;
  // per place: the newest of the seeker's occupation groups among the place's newest `walk` (a
  // group few postings carry would otherwise walk the whole place), and the newest of any
  // occupation (an imported ad often carries no code: it is found by its place and scored by its words)
  const place = (where: RawBuilder<SqlBool>, scale: number) => [
    ...(groups
      ? [
          sql`(select w.* from (select ${POSTING_COLUMNS}, p.search_facts from postings p where ${open} and ${where} order by ${POSTED} desc, p.id desc limit ${scale * q.walk}) w
                where ${groups} order by w.published_at desc, w.id desc limit ${scale * q.perPlace})`,
        ]
      : []),
    sql`(select ${POSTING_COLUMNS}, null::tsvector as search_facts from postings p where ${open} and ${where} order by ${POSTED} desc, p.id desc limit ${scale * Math.ceil(q.perPlace / 2)})`,
  ];
  const branches = [
    ...q.counties.flatMap((c) => place(sql<SqlBool>`p.division_code = ${c}`, 1)),
    ...q.prefectures.flatMap((pf) => place(sql<SqlBool>`left(p.division_code, 4) = ${pf}`, 1)),
    // a range on the column (its statistics know nearly every row is in it), not left(…, 2), which
    // the planner guesses at 0.5 % and reads the whole table for
    ...(q.province ? place(sql<SqlBool>`p.division_code >= ${q.province} and p.division_code < ${String(Number(q.province) + 1)}`, 2) : []),
    ...(q.exactFacts.length
      ? [sql`(select ${POSTING_COLUMNS}, null::tsvector as search_facts from postings p where ${open} and p.search_facts @@ to_tsquery('simple', ${q.exactFacts.join(' | ')}) order by ${POSTED} desc, p.id desc limit ${q.perOccupation})`]
      : []),
  ];
  const r = await sql<CandidatePostingRow>`
    select distinct on (division_code, id) division_code, id, public_code, title, employer_name, occupation_code, salary_min, salary_max, salary_unit, education, experience, skill_grade,
           published_at, epidemic_supplies, priority_groups
      from (${sql.join(branches, sql` union all `)}) c order by division_code, id`.execute(db);
  return r.rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/**
 * The stored search documents of open postings by id (text form), for the candidates whose words
 * the scorer still needs; a posting closed meanwhile is left out.
 */
export async function postingDocuments(db: Executor, _why: SystemScope, ids: readonly number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const r = await sql<{ id: string; document: string }>`select p.id, ${DOCUMENT} from postings p where p.id = any(${[...ids]}::bigint[]) and p.status = 'published'`.execute(db);
  return new Map(r.rows.map((row) => [Number(row.id), row.document]));
}

/** One posting by id with what the matcher reads (its search document too) and who owns it (the caller decides whether it may see it). */
export async function findPostingForMatching(db: Executor, _why: SystemScope, id: number): Promise<(CandidatePostingRow & { document: string; employer_id: number | null; status: string; valid_through: Date | null; description: string; benefits: string }) | undefined> {
  const r = await sql<CandidatePostingRow & { document: string; employer_id: number | null; status: string; valid_through: Date | null; description: string; benefits: string }>`
    select ${POSTING_COLUMNS}, ${DOCUMENT}, p.employer_id, p.status, p.valid_through, p.description, p.benefits from postings p where p.id = ${id} limit 1`.execute(db);
  const row = r.rows[0];
  return row && { ...row, id: Number(row.id), employer_id: row.employer_id === null ? null : Number(row.employer_id) };
}

export type CandidateSeekerRow = SeekerForMatching;

/**
 * A posting's candidate seekers: profiles whose match keys meet `placeKeys` and `occupationKeys`
 * (none: any occupation),
 * recommendations on, not hidden ("nobody"), registration valid on `today` (Beijing date), and
 * either seen by all employers or authorised to `agency` (a live grant: the caller's scope lists
 * it). The newest `limit` profiles by last update.
 */
export async function candidateSeekers(
  db: Executor,
  _why: SystemScope,
  q: { placeKeys: readonly string[]; occupationKeys: readonly string[]; agencyGrants: ReadonlyArray<{ divisionCode: string; id: number }>; today: string; limit: number },
) {
  const granted = q.agencyGrants.length
    ? sql<SqlBool>`(s.division_code, s.id) in (${sql.join(q.agencyGrants.map((g) => sql`(${g.divisionCode}, ${g.id}::bigint)`))})`
    : sql<SqlBool>`false`;
  return db
    .selectFrom('seekers as s')
    .select(SEEKER_COLUMNS)
    .where(sql<SqlBool>`s.recommendations and s.visibility <> 'nobody'`)
    .where(sql<SqlBool>`s.match_keys && ${sql.val([...q.placeKeys])}::text[]`)
    .$if(q.occupationKeys.length > 0, (b) => b.where(sql<SqlBool>`s.match_keys && ${sql.val([...q.occupationKeys])}::text[]`))
    .where(sql<SqlBool>`s.valid_until >= ${q.today}::date`)
    .where(sql<SqlBool>`(s.visibility = 'employers' or ${granted})`)
    .orderBy('s.updated_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(q.limit)
    .execute();
}

/** The names of occupation codes (for a seeker's words), any level, by code. */
export async function occupationNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  return new Map((await db.selectFrom('occupations').select(['code', 'name']).where('code', 'in', [...new Set(codes)]).execute()).map((r) => [r.code, r.name]));
}

/**
 * A sample of open postings' stored documents for the corpus statistics BM25 needs (document
 * frequencies, mean length): about `rows` of them, read by block sampling (TABLESAMPLE SYSTEM at
 * `percent` of the table's pages; 100 reads every row).
 */
export async function sampleDocuments(db: Executor, _why: SystemScope, percent: number, rows: number, now: Date): Promise<string[]> {
  const r = await sql<{ document: string }>`
    select p.search_document::text as document from postings p tablesample system (${sql.lit(Math.min(100, Math.max(0.01, percent)))})
     where p.status = 'published' and p.valid_through >= ${now}::timestamptz and p.search_document is not null limit ${rows}`.execute(db);
  return r.rows.map((x) => x.document);
}

/** The planner's estimate of the postings table's rows (pg_class.reltuples; 0 before the first ANALYZE). */
export async function estimatedPostings(db: Executor, _why: SystemScope): Promise<number> {
  const r = await sql<{ n: number }>`select greatest(reltuples, 0)::float8 as n from pg_class where oid = 'postings'::regclass`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
