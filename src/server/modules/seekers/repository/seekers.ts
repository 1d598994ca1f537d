// Job seekers' profiles. Every read goes through inScope; writes take a key a scoped read returned.
import { sql } from 'kysely';
import { keyset } from '../../../db/keyset.ts';
import { inScope, type Scope, type ScopeRef, type ScopedKey, scopedKey, type SystemScope, underDivision } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';

export type SeekerKey = ScopedKey<'seekers'>;

/**
 * Officials reach the seekers of their divisions (the province the "outside" code too); a seeker
 * their own profile wherever it is; an agency the profiles it holds a grant on (an authorisation).
 */
const SEEKER_SCOPE: ScopeRef = { division: 's.division_code', id: 's.id', table: 'seekers', owner: { account: 's.account_id' } };

const COLUMNS = [
  's.division_code',
  's.id',
  's.account_id',
  's.name',
  's.phone',
  's.id_number_masked',
  's.categories',
  's.priority_groups',
  's.residence_division',
  's.home_division',
  's.desired_occupations',
  's.desired_divisions',
  's.salary_min',
  's.salary_max',
  's.salary_unit',
  's.education_code',
  's.skill_grade',
  's.experience_years',
  's.skills',
  's.resume',
  sql<string>`s.valid_until::text`.as('valid_until'),
  's.visibility',
  's.recommendations',
  's.created_at',
  's.updated_at',
] as const;

const base = (db: Executor, scope: Scope) => db.selectFrom('seekers as s').select(COLUMNS).where(inScope(scope, SEEKER_SCOPE));

/**
 * `visibleToAgencies`: leave out profiles whose seeker chose "nobody" (an agency's list); `validOn`
 * (a Beijing date `YYYY-MM-DD`): only registrations still valid that day.
 */
export type SeekerFilter = { division?: string; category?: string; priorityGroup?: string; occupation?: string; visibleToAgencies?: boolean; validOn?: string };

/** One page of profiles in scope, by (division_code, id); `page.limit + 1` rows at most. */
export async function listSeekers(db: Executor, scope: Scope, f: SeekerFilter, page: { limit: number; after?: [string, number] | undefined }) {
  const q = base(db, scope)
    .$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 's.division_code')))
    .$if(Boolean(f.category), (q) => q.where(sql<boolean>`${f.category as string} = any(s.categories)`))
    .$if(Boolean(f.priorityGroup), (q) => q.where(sql<boolean>`${f.priorityGroup as string} = any(s.priority_groups)`))
    .$if(Boolean(f.occupation), (q) => q.where(sql<boolean>`${f.occupation as string} = any(s.desired_occupations)`))
    .$if(f.visibleToAgencies === true, (q) => q.where('s.visibility', '<>', 'nobody'))
    .$if(Boolean(f.validOn), (q) => q.where(sql<boolean>`s.valid_until >= ${f.validOn as string}::date`));
  return keyset(q, ['s.division_code', 's.id'], page).execute();
}

export type SeekerRow = Awaited<ReturnType<typeof listSeekers>>[number];

/** One profile in scope by id, with its key; undefined when missing or out of scope alike. */
export async function findSeeker(db: Executor, scope: Scope, id: number) {
  const row = await base(db, scope).where('s.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('seekers', row) };
}

/** The profile of the seeker's own account (their scope), with its key; undefined when none yet. */
export async function findOwnSeeker(db: Executor, scope: Scope, accountId: number) {
  const row = await base(db, scope).where('s.account_id', '=', accountId).executeTakeFirst();
  return row && { ...row, key: scopedKey('seekers', row) };
}

/**
 * The profiles of these accounts, wherever they belong (a caller's named cross-division read: an
 * employer's applicants, a seeker's own applications). One profile per account.
 */
export async function seekersOfAccounts(db: Executor, _why: SystemScope, accountIds: readonly number[]) {
  if (!accountIds.length) return [];
  return db.selectFrom('seekers as s').select(COLUMNS).where('s.account_id', 'in', [...accountIds]).execute();
}

/**
 * Serialises the first save of one account's profile: a transaction-scoped advisory lock on the
 * account (pooler-safe, decision 0002), so two parallel first saves make one profile.
 */
export async function lockAccountProfile(db: Executor, accountId: number) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`seekers:${accountId}`}, 0))`.execute(db);
}

export type SeekerValues = {
  name: string;
  phone: string;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_masked: string | null;
  sex: 'male' | 'female' | null;
  birth_date: string | null;
  categories: string[];
  priority_groups: string[];
  residence_division: string | null;
  home_division: string | null;
  desired_occupations: string[];
  desired_divisions: string[];
  salary_min: string | null;
  salary_max: string | null;
  salary_unit: string | null;
  education_code: string | null;
  skill_grade: string | null;
  experience_years: number | null;
  skills: string | null;
  resume: string | null;
  valid_until: string;
  visibility: string;
  /** Left out: unchanged (a new profile: on). */
  recommendations?: boolean;
  updated_at: Date;
};

/** The columns an ID number fills (an update without them keeps the number on file). */
export type IdNumberColumn = 'id_number_enc' | 'id_number_hash' | 'id_number_masked' | 'sex' | 'birth_date';

/** Inserts a profile; returns its key. */
export async function insertSeeker(db: Executor, row: SeekerValues & { division_code: string; account_id: number; created_at: Date }) {
  const key = await db.insertInto('seekers').values(row).returning(['division_code', 'id']).executeTakeFirstOrThrow();
  return scopedKey('seekers', key);
}

/**
 * Rewrites a profile, moving it to `division_code` when the county it belongs to changed (the row
 * keeps its id); returns the key it has now.
 */
export async function updateSeeker(db: Executor, key: SeekerKey, row: Omit<SeekerValues, IdNumberColumn> & Partial<Pick<SeekerValues, IdNumberColumn>> & { division_code: string }) {
  const r = await db.updateTable('seekers').set(row).where('division_code', '=', key.division_code).where('id', '=', key.id).returning(['division_code', 'id']).executeTakeFirstOrThrow();
  return scopedKey('seekers', r);
}

/** Sets a profile's validity (a renewal). */
export async function renewSeeker(db: Executor, key: SeekerKey, validUntil: string, at: Date) {
  await db.updateTable('seekers').set({ valid_until: validUntil, updated_at: at }).where('division_code', '=', key.division_code).where('id', '=', key.id).execute();
}

/** Profiles of accounts, phones or ID numbers, in every division (personal-data requests). */
export async function seekersOfPerson(db: Executor, _why: SystemScope, person: { accountIds: readonly number[]; phones: readonly string[]; idNumberHashes: readonly string[] }) {
  if (!person.accountIds.length && !person.phones.length && !person.idNumberHashes.length) return [];
  return db
    .selectFrom('seekers as s')
    .select([...COLUMNS, 's.id_number_enc', 's.id_number_hash', 's.sex', sql<string | null>`s.birth_date::text`.as('birth_date')])
    .where((eb) =>
      eb.or([
        ...(person.accountIds.length ? [eb('s.account_id', 'in', [...person.accountIds])] : []),
        ...(person.phones.length ? [eb('s.phone', 'in', [...person.phones])] : []),
        ...(person.idNumberHashes.length ? [eb('s.id_number_hash', 'in', [...person.idNumberHashes])] : []),
      ]),
    )
    .orderBy('s.id')
    .execute();
}

/** Deletes profiles (personal-data erasure) and the grants that pointed at them; returns how many profiles. */
export async function deleteSeekers(db: Executor, keys: readonly SeekerKey[]) {
  let n = 0;
  for (const k of keys) {
    await db.deleteFrom('access_grants').where('division_code', '=', k.division_code).where('target_table', '=', 'seekers').where('target_id', '=', k.id).execute();
    const r = await db.deleteFrom('seekers').where('division_code', '=', k.division_code).where('id', '=', k.id).executeTakeFirst();
    n += Number(r.numDeletedRows);
  }
  return n;
}

/**
 * Registered job seekers per (county, wanted occupation) in scope, for the occupations named:
 * registrations valid on `validOn` (a Beijing date), counted once per occupation they want (an
 * exact code of their desired occupations). `division` narrows to a subtree. The supply side of
 * the resumption desk's demand-against-supply table (decision 0050).
 */
export async function countByDesiredOccupation(db: Executor, scope: Scope, f: { division?: string | undefined; occupations: readonly string[]; validOn: string }) {
  if (!f.occupations.length) return [];
  return db
    .selectFrom('seekers as s')
    .innerJoin(sql<{ o: string }>`unnest(s.desired_occupations)`.as('o'), (j) => j.onTrue())
    .select(['s.division_code', sql<string>`o.o`.as('occupation_code'), sql<number>`count(distinct s.id)::int`.as('seekers')])
    .where(inScope(scope, SEEKER_SCOPE))
    .where(sql<boolean>`o.o = any(${sql.val(f.occupations)}::text[])`)
    .where(sql<boolean>`s.valid_until >= ${f.validOn}::date`)
    .$if(Boolean(f.division), (q) => q.where(underDivision(f.division as string, 's.division_code')))
    .groupBy(['s.division_code', sql`o.o`])
    .execute();
}
