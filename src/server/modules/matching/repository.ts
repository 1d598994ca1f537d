// The matcher's reads (issue 12, decision 0046): candidates from indexes, scored in Node
// (score.ts). Read only; the matcher writes nothing but its audit-free answers.
//   a seeker's candidate postings: open postings (published, not past their last instant) of the
//     seeker's counties and prefectures, newest first per place, by the place indexes
//     (postings_county_posted, postings_prefecture_posted) and, in the seeker's occupation major
//     groups, by the place-and-group indexes (migration 0036), with their search documents; and
//     of the seeker's exact occupations anywhere in the province (search_facts);
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
 * whole province (two digits; null: not), the occupation major groups (their codes' first
 * character: '4', '6') and the exact occupation facts (fo40201 …).
 */
export type PostingCandidatesQuery = {
  counties: readonly string[];
  prefectures: readonly string[];
  province: string | null;
  groups: readonly string[];
  exactFacts: readonly string[];
  perPlace: number;
  perOccupation: number;
  /** The seeker's words: a candidate's document is read for these alone (its length is stored). */
  words: readonly string[];
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
 * names why), each with the lexemes of the seeker's `words` from its stored search document in
 * text form, with their positions ('' when it has none of them or no document), and the whole
 * document's weighted length (search_length, migration 0037; 0 without a document): newest
 * first per place — up to `perPlace` of each county and prefecture asked in the occupation major
 * groups (`groups`: one walk of the place-and-group index per group, merged in publication order)
 * and half as many of any occupation (an imported ad often carries no code: it is found by its
 * place and scored by its words); twice as many of each in the whole province when asked — and up
 * to `perOccupation` of the exact occupations anywhere. Distinct by (division, id). Open at `now`.
 * Each walk reads the rows it returns and no others: at 1,000,000 postings about 500 rows for a
 * seeker of two counties in two prefectures. The documents are read with the rows (the text fit
 * weighs half the score: nearly every candidate's is needed), filtered once per posting in each of
 * the two statements (a county's posting among its prefecture's newest is read twice): at 1,000,000
 * postings ~10 kB of text for a seeker's ~500 candidates, against ~520 kB for whole documents.
 */
export async function candidatePostings(db: Executor, _why: SystemScope, q: PostingCandidatesQuery, now: Date): Promise<Array<CandidatePostingRow & { document: string; document_length: number }>> {
  const open = sql<SqlBool>`p.status = 'published' and p.valid_through >= ${now}::timestamptz`;
  const newest = sql`order by ${POSTED} desc, p.id desc`;
  // the newest `n` of a place in one major group: the first `n` entries of the place-and-group index
  const inGroup = (where: RawBuilder<SqlBool>, group: string, n: number) =>
    sql`(select ${POSTING_COLUMNS}, p.search_document, p.search_length from postings p where ${open} and ${where} and p.occupation_code is not null and left(p.occupation_code, 1) = ${group} ${newest} limit ${n})`;
  const place = (where: RawBuilder<SqlBool>, scale: number) => {
    const n = scale * q.perPlace;
    return [
      // several groups: each group's walk, merged newest first, the newest `n` of them all
      ...(q.groups.length === 1
        ? [inGroup(where, q.groups[0] as string, n)]
        : q.groups.length > 1
          ? [sql`(select * from (${sql.join(q.groups.map((g) => inGroup(where, g, n)), sql` union all `)}) g order by g.published_at desc, g.id desc limit ${n})`]
          : []),
      sql`(select ${POSTING_COLUMNS}, p.search_document, p.search_length from postings p where ${open} and ${where} ${newest} limit ${scale * Math.ceil(q.perPlace / 2)})`,
    ];
  };
  const near = q.counties.flatMap((c) => place(sql<SqlBool>`p.division_code = ${c}`, 1));
  const wide = [
    ...q.prefectures.flatMap((pf) => place(sql<SqlBool>`left(p.division_code, 4) = ${pf}`, 1)),
    // a range on the column (its statistics know nearly every row is in it), not left(…, 2), which
    // the planner guesses at 0.5 % and reads the whole table for
    ...(q.province ? place(sql<SqlBool>`p.division_code >= ${q.province} and p.division_code < ${String(Number(q.province) + 1)}`, 2) : []),
    ...(q.exactFacts.length
      ? [sql`(select ${POSTING_COLUMNS}, p.search_document, p.search_length from postings p where ${open} and p.search_facts @@ to_tsquery('simple', ${q.exactFacts.join(' | ')}) ${newest} limit ${q.perOccupation})`]
      : []),
  ];
  // distinct first, the documents printed after (a posting found by two walks of a statement printed
  // once); the counties' walks and the wider places' are two statements at once, so that printing
  // the documents (most of the time) takes two of the server's cores when it has them
  // the lexemes of the seeker's words: those left when every other lexeme is deleted (two passes in
  // C over a ~100-lexeme document, a few dozen characters printed instead of ~1,000)
  const document = q.words.length
    ? sql`coalesce(ts_delete(search_document, tsvector_to_array(ts_delete(search_document, ${sql.val([...q.words])}::text[]))), ''::tsvector)::text`
    : sql`''::text`;
  const read = (branches: RawBuilder<unknown>[]) =>
    sql<CandidatePostingRow & { document: string; document_length: number }>`
      select division_code, id, public_code, title, employer_name, occupation_code, salary_min, salary_max, salary_unit, education, experience, skill_grade,
             published_at, epidemic_supplies, priority_groups, coalesce(search_length, 0)::float8 as document_length,
             ${document} as document
        from (select distinct on (division_code, id) * from (${sql.join(branches, sql` union all `)}) c order by division_code, id) d`.execute(db);
  const seen = new Set<string>();
  const out: Array<CandidatePostingRow & { document: string; document_length: number }> = [];
  for (const r of await Promise.all([near, wide].filter((b) => b.length).map(read)))
    for (const row of r.rows) {
      const key = `${row.division_code}:${row.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...row, id: Number(row.id) });
    }
  return out;
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
