// Applications (应聘申请, decision 0036). They belong to the posting's county. Officials read those
// of their divisions, an employer those of its postings (owner column), through inScope; a seeker's
// own applications in every county are a named cross-division read (the caller's system scope).
// Every change of stage is one UPDATE … WHERE stage IN (…), so two writers racing on one
// application cannot both move it; the apply is one INSERT … ON CONFLICT DO NOTHING on the live
// index, so parallel applies make one row.
import { sql } from 'kysely';
import { keyset } from '../../../db/keyset.ts';
import { inScope, type Scope, type ScopeRef, type ScopedKey, scopedKey, type SystemScope } from '../../../db/scope.ts';
import type { Executor } from '../../../db/tx.ts';

export type ApplicationKey = ScopedKey<'applications'>;

/** Officials reach applications by division; an employer those of its postings; other kinds none (seekers read theirs by name). */
const APPLICATION_SCOPE: ScopeRef = { division: 'a.division_code', id: 'a.id', table: 'applications', owner: { employer: 'a.employer_id' } };

const COLUMNS = [
  'a.division_code',
  'a.id',
  'a.posting_id',
  'a.employer_id',
  'a.seeker_account_id',
  'a.agency_division',
  'a.agency_id',
  'a.agency_name',
  'a.stage',
  'a.stage_at',
  'a.created_at',
  'a.updated_at',
  'p.title as posting_title',
  'p.employer_name',
  'p.public_code as posting_code',
  'd.name as division_name',
] as const;

// the posting shares the application's division (the composite key): a co-located join
function base(db: Executor) {
  return db
    .selectFrom('applications as a')
    .innerJoin('postings as p', (j) => j.onRef('p.division_code', '=', 'a.division_code').onRef('p.id', '=', 'a.posting_id'))
    .leftJoin('divisions as d', 'd.code', 'a.division_code')
    .select(COLUMNS);
}

export type ApplicationFilter = { postingId?: number | undefined; stage?: string | undefined };

/** One page of applications in scope, by (division_code, id); `page.limit + 1` rows at most. */
export async function listApplications(db: Executor, scope: Scope, f: ApplicationFilter, page: { limit: number; after?: [string, number] | undefined }) {
  const q = base(db)
    .where(inScope(scope, APPLICATION_SCOPE))
    .$if(f.postingId !== undefined, (q) => q.where('a.posting_id', '=', f.postingId as number))
    .$if(Boolean(f.stage), (q) => q.where('a.stage', '=', f.stage as string));
  return keyset(q, ['a.division_code', 'a.id'], page).execute();
}

export type ApplicationRow = Awaited<ReturnType<typeof listApplications>>[number];

/** One application in scope with its key, or undefined (missing and out of scope alike). */
export async function findApplication(db: Executor, scope: Scope, id: number) {
  const row = await base(db).where(inScope(scope, APPLICATION_SCOPE)).where('a.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('applications', row) };
}

/** A seeker's own applications in every county (a named cross-division read), by id; `page.limit + 1` rows at most. */
export async function applicationsOfSeeker(db: Executor, _why: SystemScope, accountId: number, page: { limit: number; after?: [number] | undefined }) {
  return keyset(base(db).where('a.seeker_account_id', '=', accountId), ['a.id'], page).execute();
}

/** The applications of the seekers with these accounts, in any stage: their account and the posting's key (the digest's batch of subscribers at once). */
export async function appliedPostingsOfAccounts(db: Executor, _why: SystemScope, accountIds: readonly number[]) {
  if (!accountIds.length) return [];
  return db.selectFrom('applications').select(['seeker_account_id', 'division_code', 'posting_id']).where('seeker_account_id', 'in', [...accountIds]).execute();
}

/** One of the seeker's own applications (the same named read), with its key; undefined when it is not theirs. */
export async function findOwnApplication(db: Executor, _why: SystemScope, accountId: number, id: number) {
  const row = await base(db).where('a.seeker_account_id', '=', accountId).where('a.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('applications', row) };
}

/** An agency as a referral names it: its county and id. */
export type AgencyRef = { divisionCode: string; agencyId: number };

/**
 * The applications an agency referred, in every county (a named cross-division read: referrals go
 * to postings anywhere), by id; optionally one stage; `page.limit + 1` rows at most.
 */
export async function applicationsOfAgency(db: Executor, _why: SystemScope, agency: AgencyRef, f: { stage?: string | undefined }, page: { limit: number; after?: [number] | undefined }) {
  const q = base(db)
    .where('a.agency_division', '=', agency.divisionCode)
    .where('a.agency_id', '=', agency.agencyId)
    .$if(Boolean(f.stage), (q) => q.where('a.stage', '=', f.stage as string));
  return keyset(q, ['a.id'], page).execute();
}

/** One application the agency referred (the same named read), with its key; undefined when it referred no such application. */
export async function findReferredApplication(db: Executor, _why: SystemScope, agency: AgencyRef, id: number) {
  const row = await base(db).where('a.agency_division', '=', agency.divisionCode).where('a.agency_id', '=', agency.agencyId).where('a.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('applications', row) };
}

/**
 * The posting an application is for, if applications are possible there now: published, not past
 * its last instant at `now`, written by a registered employer (an imported posting has no account
 * to receive it). By id in every county (a named cross-division read: the public list's postings).
 */
export async function findPostingToApply(db: Executor, _why: SystemScope, postingId: number) {
  return db
    .selectFrom('postings as p')
    .select(['p.division_code', 'p.id', 'p.employer_id', 'p.title', 'p.status', 'p.valid_through'])
    .where('p.id', '=', postingId)
    .where('p.status', 'in', ['published', 'closed', 'expired'])
    .executeTakeFirst();
}

export type NewApplication = {
  seekerAccountId: number;
  referral: { agencyDivision: string; agencyId: number; agencyName: string; by: number } | null;
};

/**
 * Applies (or refers) in one statement: inserts the application in the posting's county if the
 * posting is still open at `now` and has an employer, unless the seeker has a live application to
 * it (the partial unique index; ON CONFLICT DO NOTHING). Returns the new key, or undefined when
 * nothing was inserted (the caller tells which).
 */
export async function insertApplication(db: Executor, posting: ScopedKey<'postings'>, a: NewApplication, now: Date) {
  const r = await sql<{ division_code: string; id: number }>`
    insert into applications (division_code, posting_id, employer_id, seeker_account_id, agency_division, agency_id, agency_name, referred_by, stage, stage_at, created_at, updated_at)
    select p.division_code, p.id, p.employer_id, ${a.seekerAccountId}::bigint, ${a.referral?.agencyDivision ?? null}, ${a.referral?.agencyId ?? null}::bigint,
           ${a.referral?.agencyName ?? null}, ${a.referral?.by ?? null}::bigint, 'applied', ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
      from postings p
     where p.division_code = ${posting.division_code} and p.id = ${posting.id}::bigint
       and p.status = 'published' and p.valid_through >= ${now}::timestamptz and p.employer_id is not null
    on conflict (division_code, posting_id, seeker_account_id) where stage <> 'withdrawn' do nothing
    returning division_code, id`.execute(db);
  const row = r.rows[0];
  return row && scopedKey('applications', row);
}

/** Whether the seeker has a live application to the posting (to tell a duplicate from a closed posting). */
export async function hasLiveApplication(db: Executor, posting: ScopedKey<'postings'>, seekerAccountId: number) {
  const r = await db
    .selectFrom('applications')
    .select('id')
    .where('division_code', '=', posting.division_code)
    .where('posting_id', '=', posting.id)
    .where('seeker_account_id', '=', seekerAccountId)
    .where('stage', '<>', 'withdrawn')
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Moves an application to `to` if its stage is still one of `from` (one statement: of two writers
 * racing, one moves it); returns the new stage, or undefined when it had moved on.
 */
export async function moveStage(db: Executor, key: ApplicationKey, from: readonly string[], to: string, now: Date) {
  const r = await db
    .updateTable('applications')
    .set({ stage: to, stage_at: now, updated_at: now })
    .where('division_code', '=', key.division_code)
    .where('id', '=', key.id)
    .where('stage', 'in', [...from])
    .returning(['stage'])
    .executeTakeFirst();
  return r?.stage;
}

/** Re-coding (decision 0022): referrals by agencies of a re-coded county name its new code. */
export async function relinkAgencies(tx: Executor, from: string, to: string) {
  const r = await tx.updateTable('applications').set({ agency_division: to }).where('agency_division', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

/** A person's applications in every county (personal-data requests: the caller's system scope), by id. */
export async function applicationsOfAccounts(db: Executor, _why: SystemScope, accountIds: readonly number[]) {
  if (!accountIds.length) return [];
  return base(db).where('a.seeker_account_id', 'in', [...accountIds]).orderBy('a.id').execute();
}

/** Deletes a person's applications (personal-data erasure); returns the keys deleted. */
export async function deleteApplicationsOf(db: Executor, _why: SystemScope, accountIds: readonly number[]) {
  if (!accountIds.length) return [];
  return db.deleteFrom('applications').where('seeker_account_id', 'in', [...accountIds]).returning(['division_code', 'id']).execute();
}
