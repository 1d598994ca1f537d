// Postings (职位). Every read goes through inScope, or names the system scope of a deliberate
// cross-division read (the public list and page); writes take a key a scoped read returned and
// change a row only from the states the rule allows, in the statement that changes it.
// Every change of a posting that is or was public writes its feed row (posting_changes) in the
// same transaction (recordChanges, expireDue, importRows).
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { containing, keyset } from '../../../db/keyset.ts';
import { moderationReach as postingReach } from '../reach.ts';
import { type Scope, type ScopeRef, type ScopedKey, type SystemScope, scopedKey, underDivision } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';
import type { Postings } from '../../../db/types.ts';
import type { Insertable, Updateable } from 'kysely';
import { type DocumentTexts, SEARCH_VERSION, searchColumns, tsvectorOf } from '../search/stored.ts';

/** The division an imported posting gets when its place resolves to none (no row in divisions). */
export const UNRESOLVED_DIVISION = '000000';

export type PostingKey = ScopedKey<'postings'>;

/** Officials reach postings by division; an employer its own; other kinds none (but see `postingsVisible`). */
const POSTING_SCOPE: ScopeRef = { division: 'p.division_code', id: 'p.id', table: 'postings', owner: { employer: 'p.employer_id' } };

/**
 * The posting filter: the scope's own reach, and for an agency also the postings of every employer
 * that has authorised it (人力资源市场暂行条例 第二十六条; a live grant on the employer row in the
 * session's scope, registry's employer authorisations). A posting lives in its employer's county,
 * so the grant's (division, employer) pair names the employer's postings; a revoked grant is no
 * longer in the scope, and its postings are out of reach again.
 */
function postingsVisible(scope: Scope, outside: string | null = null): RawBuilder<SqlBool> {
  // with `outside`: also the postings the province moderates outside it (decision 0037)
  const own = postingReach(scope, outside, POSTING_SCOPE);
  if (scope.kind !== 'agency') return own;
  const employers = scope.grants.filter((g) => g.table === 'employers');
  if (!employers.length) return own;
  const pairs = employers.map((g) => sql`(${g.divisionCode}, ${g.id}::bigint)`);
  return sql<SqlBool>`(${own} or (p.division_code, p.employer_id) in (${sql.join(pairs)}))`;
}

const COLUMNS = [
  'p.division_code',
  'p.id',
  'p.employer_id',
  'p.employer_name',
  'p.source_platform',
  'p.source_id',
  'p.source_url',
  'p.region_text',
  'p.title',
  'p.occupation_code',
  'p.industry_code',
  'p.address',
  'p.headcount',
  'p.salary_min',
  'p.salary_max',
  'p.salary_unit',
  'p.salary_months',
  'p.education',
  'p.skill_grade',
  'p.experience',
  'p.description',
  'p.benefits',
  'p.contact',
  'p.employment_type',
  'p.valid_through',
  'p.epidemic_supplies',
  'p.priority_groups',
  'p.status',
  'p.screened_at',
  'p.first_published_at',
  'p.published_at',
  'p.ended_at',
  'p.takedown_reason',
  'p.created_at',
  'p.updated_at',
  'p.public_code',
  'd.name as division_name',
] as const;

function base(db: Executor) {
  return db.selectFrom('postings as p').leftJoin('divisions as d', 'd.code', 'p.division_code').select(COLUMNS);
}

export type PostingFilter = { division?: string | undefined; status?: string | undefined; q?: string | undefined };

/** One page of postings in scope (any state), by (division_code, id); `page.limit + 1` rows at most. */
export async function listPostings(db: Executor, scope: Scope, f: PostingFilter, page: { limit: number; after?: [string, number] | undefined }, outside: string | null = null) {
  const q = base(db)
    .where(postingsVisible(scope, outside))
    .$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 'p.division_code')))
    .$if(Boolean(f.status), (q) => q.where('p.status', '=', f.status as string))
    .$if(Boolean(f.q), (q) => q.where((eb) => eb.or([eb('p.title', 'like', containing(f.q as string)), eb('p.employer_name', 'like', containing(f.q as string))])));
  return keyset(q, ['p.division_code', 'p.id'], page).execute();
}

export type PostingRow = Awaited<ReturnType<typeof listPostings>>[number];

/** One posting in scope (and, with `outside`, the province's moderation reach) with its key, or undefined (missing or out of scope alike). */
export async function findPosting(db: Executor, scope: Scope, id: number, outside: string | null = null) {
  const row = await base(db).where(postingsVisible(scope, outside)).where('p.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('postings', row) };
}

export type PublicFilter = { county?: string | undefined; occupation?: string | undefined; q?: string | undefined };

/**
 * One page of open postings of every division (a named cross-division read: the public list):
 * published and not past their last instant at `now` — an expired posting is never listed, even
 * before the expiry job has run. By (division_code, id).
 */
export async function listOpenPostings(db: Executor, _scope: SystemScope, f: PublicFilter, now: Date, page: { limit: number; after?: [string, number] | undefined }) {
  const q = base(db)
    .where('p.status', '=', 'published')
    .where('p.valid_through', '>=', now)
    .$if(Boolean(f.county), (q) => q.where(underDivision(f.county as string, 'p.division_code')))
    .$if(Boolean(f.occupation), (q) => q.where((eb) => eb.or([eb('p.occupation_code', '=', f.occupation as string), eb('p.occupation_code', 'like', `${f.occupation}-%`)])))
    .$if(Boolean(f.q), (q) =>
      q.where((eb) => eb.or([eb('p.title', 'like', containing(f.q as string)), eb('p.employer_name', 'like', containing(f.q as string)), eb('p.description', 'like', containing(f.q as string))])),
    );
  return keyset(q, ['p.division_code', 'p.id'], page).execute();
}

/**
 * A posting anyone may open (a named cross-division read: the public page): one that is or was
 * published — published, closed or expired; never a draft, a screened one or one taken down.
 */
export async function findPublicPosting(db: Executor, _scope: SystemScope, id: number) {
  return base(db).where('p.id', '=', id).where('p.status', 'in', ['published', 'closed', 'expired']).executeTakeFirst();
}

export type NewPosting = Insertable<Postings>;

/** Inserts a posting with its search document (the analyzer's texts, decision 0041); returns its key. */
export async function insertPosting(db: Executor, row: NewPosting, search: DocumentTexts) {
  return db.insertInto('postings').values({ ...row, ...searchColumns(search) }).returning(['division_code', 'id']).executeTakeFirstOrThrow();
}

/**
 * Changes a posting if its status is still one of `from` (one statement: two writers racing on one
 * posting cannot both move it); returns the new status, or undefined when the row had moved on.
 * `search`: the posting's search document as the change leaves its text (decision 0041), written
 * in the same statement; left out when the change touches no searched text.
 */
export async function updatePosting(db: Executor, key: PostingKey, from: readonly string[], set: Updateable<Postings>, search?: DocumentTexts) {
  const r = await db
    .updateTable('postings')
    .set(search ? { ...set, ...searchColumns(search) } : set)
    .where('division_code', '=', key.division_code)
    .where('id', '=', key.id)
    .where('status', 'in', [...from])
    .returning(['status'])
    .executeTakeFirst();
  return r?.status;
}

/**
 * Feed rows for postings just changed, in the caller's transaction: each with the public fields as
 * they now are (none for a removal).
 */
export async function recordChanges(db: Executor, keys: ReadonlyArray<{ division_code: string; id: number }>, change: { kind: 'created' | 'updated' | 'removed'; reason?: 'closed' | 'expired' | 'taken_down' }, at: Date) {
  if (!keys.length) return 0;
  const r = await sql`
    insert into posting_changes (division_code, posting_id, kind, reason, body, at)
    select p.division_code, p.id, ${change.kind}, ${change.reason ?? null}, case when ${change.kind} = 'removed' then null else market_posting_body(p) end, ${at}::timestamptz
      from postings p
      join unnest(${keys.map((k) => k.division_code)}::text[], ${keys.map((k) => k.id)}::bigint[]) as k(division_code, id)
        on p.division_code = k.division_code and p.id = k.id
     order by k.id`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * What the platform's open postings pay for work like this (issue 11, false information): among
 * the latest `sample` open postings of the prefecture (`prefix`, 4 digits) with the same salary
 * unit and occupation major group (the code's first digit), how many there are and the 5th
 * percentile of their minimum and the 95th of their maximum salary (元 per the unit). A named
 * cross-division read: the comparison is with every employer's postings.
 */
export async function salaryQuantiles(db: Executor, _scope: SystemScope, f: { prefix: string; unit: string; group: string; sample: number }, now: Date) {
  const r = await sql<{ n: number; p05: string | null; p95: string | null }>`
    select count(*)::int as n,
           percentile_cont(0.05) within group (order by salary_min) as p05,
           percentile_cont(0.95) within group (order by salary_max) as p95
      from (select salary_min, salary_max from postings
             where status = 'published' and valid_through >= ${now}::timestamptz
               and division_code like ${`${f.prefix}%`} and salary_unit = ${f.unit}
               and left(occupation_code, 1) = ${f.group} and salary_max is not null
             order by published_at desc limit ${f.sample}) s`.execute(db);
  const row = r.rows[0] as { n: number; p05: string | null; p95: string | null };
  return { n: row.n, p05: row.p05 === null ? null : Number(row.p05), p95: row.p95 === null ? null : Number(row.p95) };
}

/**
 * The expiry job's one statement: every published posting whose last instant is before `now`
 * becomes expired and gets one feed removal; a posting expires once (the status condition).
 * Returns the expired postings' keys.
 */
export async function expireDue(db: Executor, _scope: SystemScope, now: Date) {
  const r = await sql<{ division_code: string; id: number }>`
    with expired as (
      update postings set status = 'expired', ended_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
       where status = 'published' and valid_through < ${now}::timestamptz
      returning division_code, id
    ), logged as (
      insert into posting_changes (division_code, posting_id, kind, reason, body, at)
      select division_code, id, 'removed', 'expired', null, ${now}::timestamptz from expired order by id
    )
    select division_code, id from expired`.execute(db);
  return r.rows;
}

/** One normalised imported row, as the import writes it. */
export type ImportRow = {
  division_code: string;
  source_platform: string;
  source_id: string;
  source_url: string;
  region_text: string;
  employer_name: string;
  title: string;
  occupation_code: string | null;
  address: string;
  headcount: number | null;
  salary_min: number | null;
  salary_max: number | null;
  salary_unit: string | null;
  salary_months: number | null;
  education: string;
  experience: string;
  description: string;
  benefits: string;
  /** From the file, or null: 30 days after first publication. */
  valid_through: Date | null;
  /** The source's first publication (首次发布时间) from the file, or null: the import's time. */
  first_published_at: Date | null;
  content_hash: string;
};

const IMPORT_COLUMNS: Array<[keyof ImportRow, string]> = [
  ['division_code', 'text'],
  ['source_platform', 'text'],
  ['source_id', 'text'],
  ['source_url', 'text'],
  ['region_text', 'text'],
  ['employer_name', 'text'],
  ['title', 'text'],
  ['occupation_code', 'text'],
  ['address', 'text'],
  ['headcount', 'integer'],
  ['salary_min', 'numeric'],
  ['salary_max', 'numeric'],
  ['salary_unit', 'text'],
  ['salary_months', 'smallint'],
  ['education', 'text'],
  ['experience', 'text'],
  ['description', 'text'],
  ['benefits', 'text'],
  ['valid_through', 'timestamptz'],
  ['first_published_at', 'timestamptz'],
  ['content_hash', 'text'],
];

/**
 * The content digests stored for source keys (an import batch's), keyed `platform\u0000id`: the
 * import skips making search documents for rows whose digest is unchanged (importRows leaves them
 * untouched). One statement, a named cross-division read (the keys' owners may be anywhere).
 */
export async function storedContentHashes(db: Executor, _scope: SystemScope, keys: ReadonlyArray<{ source_platform: string; source_id: string }>): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const r = await sql<{ source_platform: string; source_id: string; content_hash: string | null }>`
    select k.source_platform, k.source_id, p.content_hash
      from unnest(${keys.map((k) => k.source_platform)}::text[], ${keys.map((k) => k.source_id)}::text[]) as k(source_platform, source_id)
      join posting_sources s on s.source_platform = k.source_platform and s.source_id = k.source_id
      join postings p on p.division_code = s.owner_division and p.source_platform = k.source_platform and p.source_id = k.source_id`.execute(db);
  return new Map(r.rows.filter((x) => x.content_hash !== null).map((x) => [`${x.source_platform}\u0000${x.source_id}`, x.content_hash as string]));
}

/**
 * Writes one batch of imported rows in one statement (batched `unnest`, no row at a time), keyed
 * on (source_platform, source_id): a key nobody holds is claimed province-wide (posting_sources,
 * ON CONFLICT DO NOTHING, so two imports racing on one key make one posting) and its posting
 * inserted, published (after the stub screening) with valid_through from the file or `now` + 30
 * days and first_published_at (datePosted) the file's 首次发布时间 or `now`; a key held with a different content digest is updated in place (its status kept); a key
 * held with the same digest is not touched at all. Each row's search document (`search`, the
 * analyzer's texts) is written with it (decision 0041). Feed rows for both in the same statement.
 * Returns the keys inserted and updated.
 */
export async function importRows(db: Executor, _scope: SystemScope, rows: readonly (ImportRow & { search: DocumentTexts })[], now: Date) {
  if (!rows.length) return { inserted: [], updated: [] };
  const arrays = IMPORT_COLUMNS.map(([col, type]) => sql`${rows.map((r) => (r[col] instanceof Date ? (r[col] as Date).toISOString() : r[col]))}::${sql.raw(type)}[]`);
  for (const w of ['A', 'B', 'C', 'D'] as const) arrays.push(sql`${rows.map((r) => r.search[w])}::text[]`);
  const names = sql.raw([...IMPORT_COLUMNS.map(([c]) => c), 'search_a', 'search_b', 'search_c', 'search_d'].join(', '));
  const doc = (t: string) => tsvectorOf({ A: sql.ref(`${t}.search_a`), B: sql.ref(`${t}.search_b`), C: sql.ref(`${t}.search_c`), D: sql.ref(`${t}.search_d`) });
  const defaultEnd = new Date(now.getTime() + 30 * 86_400_000);
  const r = await sql<{ division_code: string; id: number; how: 'inserted' | 'updated' }>`
    with input as (
      select * from unnest(${sql.join(arrays)}) with ordinality as i(${names}, n)
    ), claimed as (
      insert into posting_sources (source_platform, source_id, owner_division, claimed_at)
      select source_platform, source_id, division_code, ${now}::timestamptz from input
      on conflict do nothing
      returning source_platform, source_id
    ), inserted as (
      insert into postings (division_code, employer_name, source_platform, source_id, source_url, region_text, title, occupation_code,
                            address, headcount, salary_min, salary_max, salary_unit, salary_months, education, experience, description, benefits,
                            valid_through, status, screened_at, first_published_at, published_at, content_hash, created_at, updated_at, search_document, search_version)
      select i.division_code, i.employer_name, i.source_platform, i.source_id, i.source_url, i.region_text, i.title, i.occupation_code,
             i.address, i.headcount, i.salary_min, i.salary_max, i.salary_unit, i.salary_months, i.education, i.experience, i.description, i.benefits,
             coalesce(i.valid_through, ${defaultEnd}::timestamptz), 'published', ${now}::timestamptz, coalesce(i.first_published_at, ${now}::timestamptz), ${now}::timestamptz, i.content_hash, ${now}::timestamptz, ${now}::timestamptz, ${doc('i')}, ${SEARCH_VERSION}::smallint
        from input i join claimed c using (source_platform, source_id)
      returning postings.*
    ), updated as (
      update postings p
         set employer_name = i.employer_name, source_url = i.source_url, region_text = i.region_text, title = i.title,
             occupation_code = i.occupation_code, address = i.address, headcount = i.headcount, salary_min = i.salary_min, salary_max = i.salary_max,
             salary_unit = i.salary_unit, salary_months = i.salary_months, education = i.education, experience = i.experience,
             description = i.description, benefits = i.benefits,
             valid_through = coalesce(i.valid_through, p.published_at + interval '30 days', p.valid_through),
             content_hash = i.content_hash, updated_at = ${now}::timestamptz, search_document = ${doc('i')}, search_version = ${SEARCH_VERSION}::smallint
        from input i join posting_sources s using (source_platform, source_id)
       where p.division_code = s.owner_division and p.source_platform = i.source_platform and p.source_id = i.source_id
         and p.content_hash is distinct from i.content_hash
      returning p.*
    ), logged as (
      -- in file order
      insert into posting_changes (division_code, posting_id, kind, reason, body, at)
      select division_code, posting_id, kind, null, body, ${now}::timestamptz from (
        select x.division_code, x.id as posting_id, 'created' as kind, market_posting_body(row(x.*)::postings) as body, i.n
          from inserted x join input i using (source_platform, source_id)
        union all
        select u.division_code, u.id, 'updated', market_posting_body(row(u.*)::postings), i.n
          from updated u join input i using (source_platform, source_id) where u.status = 'published'
      ) c order by n
    )
    select division_code, id, 'inserted' as how from inserted
    union all
    select division_code, id, 'updated' as how from updated`.execute(db);
  return {
    inserted: r.rows.filter((x) => x.how === 'inserted').map(({ division_code, id }) => ({ division_code, id })),
    updated: r.rows.filter((x) => x.how === 'updated').map(({ division_code, id }) => ({ division_code, id })),
  };
}

/** Re-coding (decision 0022): the source claims of postings moved from `from` now name `to`. */
export async function relinkSources(tx: Executor, from: string, to: string) {
  const r = await tx.updateTable('posting_sources').set({ owner_division: to }).where('owner_division', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

/** Re-points the province-wide page codes of a re-coded division's postings (decision 0022). */
export async function relinkCodes(tx: Executor, from: string, to: string) {
  const r = await tx.updateTable('posting_codes').set({ owner_division: to }).where('owner_division', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

/**
 * The posting a public page's code names, if it was ever public (published, closed, expired or
 * taken down: its page stays and says so; a draft's code answers nothing). The code as stored
 * (upper case, read by readCode first).
 */
export async function findPostingByCode(db: Executor, _scope: SystemScope, code: string) {
  return base(db)
    .innerJoin('posting_codes as c', (j) => j.onRef('c.owner_division', '=', 'p.division_code').onRef('c.posting_id', '=', 'p.id'))
    .where('c.code', '=', code)
    .where('p.status', 'in', ['published', 'closed', 'expired', 'taken_down'])
    .executeTakeFirst();
}

/** The division table as the posting reader's index needs it (reference data; built once per import). */
export async function divisionRows(db: Executor) {
  return db.selectFrom('divisions').select(['code', 'name', 'level', 'parent_code', 'active']).execute();
}

/** The occupation codes loaded (reference data): a title's code falls back to its loaded ancestor. */
export async function occupationCodes(db: Executor): Promise<Set<string>> {
  return new Set((await db.selectFrom('occupations').select('code').execute()).map((r) => r.code));
}
