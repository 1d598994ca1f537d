// Accounts, sessions, sign-in throttling and SMS codes. Queries only.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { containing, keyset } from '../../db/keyset.ts';
import { inScope, type Scope, type ScopedKey, scopedKey, underDivision } from '../../db/scope.ts';
import type { Executor } from '../../db/tx.ts';

/**
 * Whether the place behind a membership still stands: a closed agency or employer, or a roster row
 * that has left, gives no sign-in (and open sessions acting as it stop working). `m` is the
 * membership's alias.
 */
const placeActive = (m: string) => sql<boolean>`(
  (${sql.ref(`${m}.agency_id`)} is null or exists (select 1 from agencies g where g.division_code = ${sql.ref(`${m}.org_division`)} and g.id = ${sql.ref(`${m}.agency_id`)} and g.status <> 'closed'))
  and (${sql.ref(`${m}.staff_id`)} is null or exists (select 1 from agency_staff st where st.division_code = ${sql.ref(`${m}.org_division`)} and st.id = ${sql.ref(`${m}.staff_id`)} and st.status = 'active'))
  and (${sql.ref(`${m}.employer_id`)} is null or exists (select 1 from employers e where e.division_code = ${sql.ref(`${m}.org_division`)} and e.id = ${sql.ref(`${m}.employer_id`)} and e.status <> 'closed'))
)`;

const ACCOUNT_COLUMNS = ['a.id', 'a.username', 'a.phone', 'a.password_hash', 'a.display_name', 'a.status', 'a.must_change_password', 'a.id_tail_hash', 'a.last_signed_in_at', 'a.phone_changed_at', 'a.password_changed_at', 'a.created_at'] as const;

export async function findAccountByUsername(db: Executor, username: string) {
  return db.selectFrom('accounts as a').select(ACCOUNT_COLUMNS).where('a.username', '=', username).executeTakeFirst();
}

export async function findAccountByPhone(db: Executor, phone: string) {
  return db.selectFrom('accounts as a').select(ACCOUNT_COLUMNS).where('a.phone', '=', phone).executeTakeFirst();
}

export async function findAccountById(db: Executor, id: number) {
  return db.selectFrom('accounts as a').select(ACCOUNT_COLUMNS).where('a.id', '=', id).executeTakeFirst();
}

export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccountByUsername>>>;

export async function insertAccount(
  db: Executor,
  row: { username: string | null; phone: string | null; password_hash: string | null; display_name: string; created_at: Date; must_change_password?: boolean; id_tail_hash?: string | null },
) {
  return db.insertInto('accounts').values(row).returning('id').executeTakeFirstOrThrow();
}

/**
 * The persons of roster rows' phones and the rows' staff memberships, in two statements however
 * many rows: each phone's account is found or created (`INSERT … ON CONFLICT (phone)`, so two
 * imports naming a new phone at once make one person; the first ID tail on file stays), then each
 * row's membership is created or moved to its phone's person and made active (one per row:
 * memberships_staff_row). Returns per row the membership id, the account it now belongs to and
 * the account it belonged to before (null: new).
 */
export async function admitStaffRows(
  db: Executor,
  rows: ReadonlyArray<{ phone: string; display_name: string; id_tail_hash: string | null; org_division: string; agency_id: number; staff_id: number }>,
  at: Date,
  createdBy: number | null,
) {
  if (!rows.length) return [];
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await sql`
    insert into accounts (phone, display_name, created_at, id_tail_hash)
    select distinct on (u.phone) u.phone, u.name, ${at}::timestamptz, u.tail
    from unnest(${col('phone')}::text[], ${col('display_name')}::text[], ${col('id_tail_hash')}::text[]) as u(phone, name, tail)
    order by u.phone
    on conflict (phone) do update set id_tail_hash = coalesce(accounts.id_tail_hash, excluded.id_tail_hash)`.execute(db);
  const r = await sql<{ id: number; account_id: number; previous: number | null }>`
    with input as (
      select u.* from unnest(${col('phone')}::text[], ${col('org_division')}::text[], ${col('agency_id')}::bigint[], ${col('staff_id')}::bigint[])
        as u(phone, org_division, agency_id, staff_id)),
    before as (
      select m.org_division, m.staff_id, m.account_id from memberships m
      join input i on i.org_division = m.org_division and i.staff_id = m.staff_id)
    insert into memberships as m (account_id, role, org_division, agency_id, staff_id, created_at, created_by)
    select a.id, 'agency_staff', i.org_division, i.agency_id, i.staff_id, ${at}::timestamptz, ${createdBy}::bigint
    from input i join accounts a on a.phone = i.phone
    on conflict (org_division, staff_id) where staff_id is not null
      do update set account_id = excluded.account_id, status = 'active'
    returning m.id, m.account_id,
      (select b.account_id from before b where b.org_division = m.org_division and b.staff_id = m.staff_id) as previous`.execute(db);
  return r.rows.map((x) => ({ id: Number(x.id), accountId: Number(x.account_id), previous: x.previous === null ? null : Number(x.previous) }));
}

/** The ID tails on file (keyed hashes) of the persons holding `phones`. */
export async function idTailsOfPhones(db: Executor, phones: readonly string[]) {
  if (!phones.length) return [];
  return db.selectFrom('accounts').select(['phone', 'id_tail_hash']).where('phone', 'in', [...new Set(phones)]).where('id_tail_hash', 'is not', null).execute();
}

export type MembershipInsert = {
  account_id: number;
  role: string;
  official_division?: string | null;
  org_division?: string | null;
  agency_id?: number | null;
  staff_id?: number | null;
  employer_id?: number | null;
  seeker_group?: string | null;
  created_at: Date;
  created_by?: number | null;
};

/** Adds a membership; an existing one for the same place and role is made active again. Returns its id. */
export async function upsertMembership(db: Executor, row: MembershipInsert): Promise<number> {
  const existing = await db
    .selectFrom('memberships')
    .select('id')
    .where('account_id', '=', row.account_id)
    .where('role', '=', row.role)
    .where((eb) => eb(eb.fn.coalesce('official_division', sql.lit('')), '=', row.official_division ?? ''))
    .where((eb) => eb(eb.fn.coalesce('org_division', sql.lit('')), '=', row.org_division ?? ''))
    .where((eb) => eb(eb.fn.coalesce('agency_id', sql.lit(0)), '=', row.agency_id ?? 0))
    .where((eb) => eb(eb.fn.coalesce('employer_id', sql.lit(0)), '=', row.employer_id ?? 0))
    .where((eb) => (row.staff_id ? eb('staff_id', '=', row.staff_id) : eb('staff_id', 'is', null)))
    .executeTakeFirst();
  if (existing) {
    await db.updateTable('memberships').set({ status: 'active' }).where('id', '=', existing.id).execute();
    return existing.id;
  }
  const r = await db.insertInto('memberships').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/**
 * The membership of a roster row (one per row) moved to `accountId` and made active, or created:
 * one statement keyed by the row (memberships_staff_row). Returns its id and the account it was
 * with before (undefined: new; another id: the row's phone changed hands).
 */
export async function upsertStaffMembership(db: Executor, row: { account_id: number; org_division: string; agency_id: number; staff_id: number; created_at: Date; created_by: number | null }) {
  const r = await sql<{ id: number; previous: number | null }>`
    with before as (select account_id from memberships where org_division = ${row.org_division} and staff_id = ${row.staff_id})
    insert into memberships (account_id, role, org_division, agency_id, staff_id, created_at, created_by)
    values (${row.account_id}, 'agency_staff', ${row.org_division}, ${row.agency_id}, ${row.staff_id}, ${row.created_at}, ${row.created_by})
    on conflict (org_division, staff_id) where staff_id is not null
      do update set account_id = excluded.account_id, status = 'active'
    returning id, (select account_id from before) as previous`.execute(db);
  const out = r.rows[0];
  if (!out) throw new Error('memberships upsert returned no row');
  return { id: Number(out.id), previous: out.previous === null ? undefined : Number(out.previous) };
}

/** Disables the memberships `ids` (those still active) and deletes the sessions acting as them; returns how many memberships changed. */
export async function disableMemberships(db: Executor, ids: readonly number[]): Promise<number> {
  if (!ids.length) return 0;
  await db.deleteFrom('sessions').where('membership_id', 'in', ids).execute();
  const r = await db.updateTable('memberships').set({ status: 'disabled' }).where('id', 'in', ids).where('status', '=', 'active').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

const membershipColumns = [
  'm.id',
  'm.account_id',
  'm.role',
  'm.official_division',
  'm.org_division',
  'm.agency_id',
  'm.staff_id',
  'm.employer_id',
  'm.seeker_group',
  'm.status',
  'm.created_at',
  'm.last_used_at',
] as const;

/**
 * An account's memberships that can act now (active, and their place still standing), with what a
 * person needs to tell them apart: the division's and the organisation's names. Most recently used
 * first.
 */
export async function usableMemberships(db: Executor, accountId: number) {
  return db
    .selectFrom('memberships as m')
    .leftJoin('divisions as d', (j) => j.on((eb) => eb('d.code', '=', eb.fn.coalesce('m.official_division', 'm.org_division'))))
    .leftJoin('agencies as g', (j) => j.onRef('g.division_code', '=', 'm.org_division').onRef('g.id', '=', 'm.agency_id'))
    .leftJoin('employers as e', (j) => j.onRef('e.division_code', '=', 'm.org_division').onRef('e.id', '=', 'm.employer_id'))
    .select(membershipColumns)
    .select(['d.name as division_name', 'g.name as agency_name', 'e.name as employer_name'])
    .where('m.account_id', '=', accountId)
    .where('m.status', '=', 'active')
    .where(placeActive('m'))
    .orderBy(sql`m.last_used_at desc nulls last`)
    .orderBy('m.id')
    .execute();
}

export type MembershipRow = Awaited<ReturnType<typeof usableMemberships>>[number];

/** Marks the membership as the one last acted as (the default at the next sign-in). */
export async function touchMembership(db: Executor, membershipId: number, at: Date) {
  await db.updateTable('memberships').set({ last_used_at: at }).where('id', '=', membershipId).execute();
}

export async function updatePassword(db: Executor, accountId: number, hash: string, at: Date) {
  await db.updateTable('accounts').set({ password_hash: hash, password_changed_at: at, must_change_password: false }).where('id', '=', accountId).execute();
}

export async function markSignedIn(db: Executor, accountId: number, at: Date) {
  await db.updateTable('accounts').set({ last_signed_in_at: at }).where('id', '=', accountId).execute();
}

// recovery: unlock, a new phone, a password reset (recovery.service.ts) ----------------------------

/** Every membership of an account, whatever its status (who stands above the person; the strictest password rule). */
export async function membershipsOfAccount(db: Executor, accountId: number) {
  return db
    .selectFrom('memberships')
    .select(['id', 'role', 'official_division', 'org_division', 'agency_id', 'staff_id', 'status'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
}

export type AccountMembership = Awaited<ReturnType<typeof membershipsOfAccount>>[number];

/**
 * Moves the account to `phone` (a lost SIM, a new number) and stamps `phone_changed_at`. One
 * statement; a number held by another account fails on accounts' unique phone (the caller answers
 * 409). Returns the number it had before (null: none).
 */
export async function changePhone(db: Executor, accountId: number, phone: string, at: Date): Promise<string | null> {
  const r = await sql<{ previous: string | null }>`
    update accounts a set phone = ${phone}, phone_changed_at = ${at}
    from (select id, phone from accounts where id = ${accountId} for update) before
    where a.id = before.id
    returning before.phone as previous`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('account vanished while changing its phone');
  return row.previous;
}

/** Ends every session of the account; returns how many ended. */
export async function deleteSessionsOfAccount(db: Executor, accountId: number): Promise<number> {
  const r = await db.deleteFrom('sessions').where('account_id', '=', accountId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Forgets every device remembered for the account (their failures count with strangers' again); returns how many. */
export async function forgetDevices(db: Executor, accountId: number): Promise<number> {
  const r = await db.deleteFrom('account_devices').where('account_id', '=', accountId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function countAccounts(db: Executor): Promise<number> {
  const r = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

// memberships kept by the officials above (memberships.service.ts) ----------------------------

/**
 * A new person: one statement, `undefined` when the phone became someone's meanwhile (the caller
 * finds that person instead). A user name someone else holds fails with 23505 on
 * accounts_username_key. Returns the new account's id.
 */
export async function insertPerson(
  db: Executor,
  row: { username: string; phone: string; password_hash: string; display_name: string; created_at: Date; must_change_password: boolean },
): Promise<number | undefined> {
  const r = await db.insertInto('accounts').values(row).onConflict((oc) => oc.column('phone').doNothing()).returning('id').executeTakeFirst();
  return r?.id;
}

/**
 * A new person known by phone alone (a job seeker signing up): one statement, `undefined` when the
 * phone is someone's already (the caller finds that person). Returns the new account's id.
 */
export async function insertPhonePerson(db: Executor, row: { phone: string; display_name: string; created_at: Date }): Promise<number | undefined> {
  const r = await db.insertInto('accounts').values(row).onConflict((oc) => oc.column('phone').doNothing()).returning('id').executeTakeFirst();
  return r?.id;
}

/**
 * Gives a person who signs in by phone alone (a roster row's person) a user name, when they have
 * none, and a one-time password they must change at first sign-in: only while they have no
 * password (a parallel call, or a password set meanwhile, leaves it alone). A user name someone
 * else holds fails with 23505. Returns the user name in force, or undefined when a password was
 * there already.
 */
export async function issueOneTimePassword(db: Executor, accountId: number, set: { username: string | null; password_hash: string }): Promise<string | undefined> {
  const r = await db
    .updateTable('accounts')
    .set((eb) => ({ username: eb.fn.coalesce('username', eb.val(set.username)), password_hash: set.password_hash, must_change_password: true }))
    .where('id', '=', accountId)
    .where('password_hash', 'is', null)
    .returning('username')
    .executeTakeFirst();
  return r ? (r.username ?? undefined) : undefined;
}

/**
 * Adds a membership (not a roster row's: upsertStaffMembership) unless the person holds that role at
 * that place already, active or disabled: one statement on memberships_one_per_place. Returns the
 * new id, or undefined when it existed.
 */
export async function insertMembership(db: Executor, row: Omit<MembershipInsert, 'staff_id' | 'seeker_group'>): Promise<number | undefined> {
  const r = await sql<{ id: number }>`
    insert into memberships (account_id, role, official_division, org_division, agency_id, employer_id, created_at, created_by)
    values (${row.account_id}, ${row.role}, ${row.official_division ?? null}, ${row.org_division ?? null}, ${row.agency_id ?? null},
            ${row.employer_id ?? null}, ${row.created_at}, ${row.created_by ?? null})
    on conflict (account_id, role, coalesce(official_division, ''), coalesce(org_division, ''), coalesce(agency_id, 0), coalesce(employer_id, 0))
      where staff_id is null do nothing
    returning id`.execute(db);
  const id = r.rows[0]?.id;
  return id === undefined ? undefined : Number(id);
}

/**
 * The memberships a scope reaches: an official's, those placed in its division subtree (officials
 * by the division they answer for, agency and employer roles by their organisation's); an agency
 * administrator's, its agency's (its own and its roster's); nobody else's. Job seekers' memberships
 * have no place: no official reaches them. Each prefix is a range on one of the two indexed columns.
 */
function membershipsInReach(scope: Scope): RawBuilder<SqlBool> {
  switch (scope.kind) {
    case 'official': {
      const ranges = scope.prefixes.flatMap((p) => [underDivision(p, 'm.official_division'), underDivision(p, 'm.org_division')]);
      return ranges.length ? sql<SqlBool>`(${sql.join(ranges, sql` or `)})` : sql<SqlBool>`false`;
    }
    case 'agency':
      return sql<SqlBool>`(m.org_division = ${scope.divisionCode} and m.agency_id = ${scope.agencyId})`;
    case 'system':
      return sql<SqlBool>`true`;
    default:
      return sql<SqlBool>`false`;
  }
}

export type MembershipKey = ScopedKey<'memberships'>;

export type MembershipFilter = { role?: string; status?: string; division?: string; q?: string };

function membershipBase(db: Executor, scope: Scope) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .leftJoin('divisions as d', (j) => j.on((eb) => eb('d.code', '=', eb.fn.coalesce('m.official_division', 'm.org_division'))))
    .leftJoin('agencies as g', (j) => j.onRef('g.division_code', '=', 'm.org_division').onRef('g.id', '=', 'm.agency_id'))
    .leftJoin('employers as e', (j) => j.onRef('e.division_code', '=', 'm.org_division').onRef('e.id', '=', 'm.employer_id'))
    .select(membershipColumns)
    .select(['a.username', 'a.display_name', 'a.phone', 'a.must_change_password', 'd.name as division_name', 'g.name as agency_name', 'e.name as employer_name'])
    .where(membershipsInReach(scope));
}

/** One page of the memberships in reach (membershipsInReach), by id; `page.limit + 1` rows at most. */
export async function listMemberships(db: Executor, scope: Scope, f: MembershipFilter, page: { limit: number; after?: [number] | undefined }) {
  const q = membershipBase(db, scope)
    .$if(Boolean(f.role), (q) => q.where('m.role', '=', f.role as string))
    .$if(Boolean(f.status), (q) => q.where('m.status', '=', f.status as string))
    .$if(Boolean(f.division), (q) => q.where(sql<SqlBool>`(${underDivision(f.division as string, 'm.official_division')} or ${underDivision(f.division as string, 'm.org_division')})`))
    .$if(Boolean(f.q), (q) => q.where((eb) => eb.or([eb('a.display_name', 'like', containing(f.q as string)), eb('a.username', 'like', containing(f.q as string))])));
  return keyset(q, ['m.id'], page).execute();
}

export type MembershipListRow = Awaited<ReturnType<typeof listMemberships>>[number];

/** One membership in reach with its key (branded with its place), or undefined: missing and out of reach alike. */
export async function findMembership(db: Executor, scope: Scope, id: number) {
  const row = await membershipBase(db, scope).where('m.id', '=', id).executeTakeFirst();
  return row && { ...row, key: scopedKey('memberships', { division_code: row.official_division ?? row.org_division ?? '', id: row.id }) };
}

/**
 * Sets a membership's status. Disabling also deletes every session acting as it (ended now, not
 * refused at the next request). Returns whether the status changed and how many sessions ended.
 */
export async function setMembershipStatus(db: Executor, key: MembershipKey, status: 'active' | 'disabled') {
  const r = await db.updateTable('memberships').set({ status }).where('id', '=', key.id).where('status', '<>', status).executeTakeFirst();
  const ended = status === 'disabled' ? Number((await db.deleteFrom('sessions').where('membership_id', '=', key.id).executeTakeFirst()).numDeletedRows) : 0;
  return { changed: Number(r.numUpdatedRows) === 1, sessionsEnded: ended };
}

/** An agency or employer in reach (officials: by its division), or undefined: missing and out of reach alike. */
export async function findOrganisation(db: Executor, scope: Scope, kind: 'agency' | 'employer', id: number) {
  // the two tables share these columns; the alias keeps one query shape for both
  const from = (kind === 'agency' ? 'agencies as o' : 'employers as o') as 'agencies as o';
  return db
    .selectFrom(from)
    .innerJoin('divisions as d', 'd.code', 'o.division_code')
    .select(['o.division_code', 'o.id', 'o.name', 'o.status', 'd.name as division_name'])
    .where('o.id', '=', id)
    .where(inScope(scope, 'o.division_code'))
    .executeTakeFirst();
}

// sessions ------------------------------------------------------------------------------------

export async function insertSession(
  db: Executor,
  row: { token_hash: string; account_id: number; membership_id: number; sign_in_method: 'password' | 'sms'; created_at: Date; last_seen_at: Date; idle_expires_at: Date; expires_at: Date; ip: string | null; user_agent: string | null },
) {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSessionWithAccount(db: Executor, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .innerJoin('memberships as m', 'm.id', 's.membership_id')
    .select(['s.token_hash', 's.last_seen_at', 's.idle_expires_at', 's.expires_at', 's.sign_in_method'])
    .select(ACTOR_COLUMNS)
    .select(placeActive('m').as('org_active'))
    .select(grantsOf(now))
    .select(predecessorsOf)
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** The account and membership columns an actor is made of (a session's, or a membership's acted as without one). */
const ACTOR_COLUMNS = [
  'a.id as account_id',
  'a.username',
  'a.phone',
  'a.display_name',
  'a.status',
  'a.must_change_password',
  'm.id as membership_id',
  'm.role',
  'm.official_division',
  'm.org_division',
  'm.agency_id',
  'm.staff_id',
  'm.employer_id',
  'm.status as membership_status',
] as const;

/**
 * The rows outside its reach a session may read (src/server/db/scope.ts), as grantee keys: the
 * account itself, its membership's agency or employer, its membership's bureau's division.
 * Unexpired grants only.
 */
const grantsOf = (now: Date) =>
  sql<{ table: string; divisionCode: string; id: number }[]>`coalesce((
    select json_agg(json_build_object('table', g.target_table, 'divisionCode', g.division_code, 'id', g.target_id))
    from access_grants g
    where g.grantee in (
        'account:' || a.id,
        'agency:' || m.org_division || ':' || m.agency_id,
        'employer:' || m.org_division || ':' || m.employer_id,
        'division:' || m.official_division)
      and (g.expires_at is null or g.expires_at > ${now})
  ), '[]'::json)`.as('grants');

/**
 * An official's predecessor codes (decision 0022): the abolished codes whose successor chain ends
 * inside the official's reach but which lie outside it (530422 for 澄江市's bureau, 530481), so
 * the rows still under them stay readable (db/scope.ts). Empty for everyone else. The reach is the
 * code's scope prefix (530000 → 53, 530400 → 5304), as prefixOf in shared/division.ts.
 */
const predecessorsOf = sql<string[]>`(case when m.official_division is null then '{}'::text[] else division_predecessors(
    case when m.official_division like '__0000' then left(m.official_division, 2)
         when m.official_division like '____00' then left(m.official_division, 4)
         else m.official_division end) end)`.as('predecessors');

export type SessionAccountRow = NonNullable<Awaited<ReturnType<typeof findSessionWithAccount>>>;

/**
 * A membership with its account, standing, live grants and predecessor codes, as a session acting
 * as it would resolve now (findSessionWithAccount without the session): for callers that act as a
 * person without a request (the demo seed).
 */
export async function findMembershipActor(db: Executor, membershipId: number, now: Date) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(ACTOR_COLUMNS)
    .select(placeActive('m').as('org_active'))
    .select(grantsOf(now))
    .select(predecessorsOf)
    .where('m.id', '=', membershipId)
    .executeTakeFirst();
}

/**
 * Moves a session to another membership of its account (the person switched roles), its expiry
 * shrunk to the new role's limits counted from the session's start (absolute) and from `now`
 * (idle). Returns the session's absolute expiry after the move.
 */
export async function switchSessionMembership(db: Executor, tokenHash: string, membershipId: number, limits: { idleMs: number; absoluteMs: number }, now: Date): Promise<Date> {
  const r = await sql<{ expires_at: Date }>`
    update sessions set membership_id = ${membershipId},
      expires_at = least(expires_at, created_at + ${limits.absoluteMs} * interval '1 millisecond'),
      idle_expires_at = least(idle_expires_at, ${now}::timestamptz + ${limits.idleMs} * interval '1 millisecond',
                              created_at + ${limits.absoluteMs} * interval '1 millisecond')
    where token_hash = ${tokenHash}
    returning expires_at`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('session vanished while switching');
  return row.expires_at;
}

export async function touchSession(db: Executor, tokenHash: string, at: Date, idleExpiresAt: Date) {
  await db.updateTable('sessions').set({ last_seen_at: at, idle_expires_at: idleExpiresAt }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Executor, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/**
 * A re-coding (decision 0022): the memberships of `from`'s organisations and roster rows follow
 * their rows (same ids, already copied under `to`). Officials of `from` answer for `to` when `to`
 * has no bureau yet (a rename: the same bureau under a new code); when `to` already has officials
 * (a merge into a standing county) theirs is the bureau, and `from`'s official memberships are
 * disabled, their sessions deleted — never silently widened to a county they did not answer for.
 * Returns counts.
 */
export async function relinkMemberships(db: Executor, from: string, to: string) {
  const standing = await db.selectFrom('memberships').select('id').where('official_division', '=', to).where('status', '=', 'active').executeTakeFirst();
  let officials = 0;
  let officialsDisabled = 0;
  if (standing) {
    const old = await db.selectFrom('memberships').select('id').where('official_division', '=', from).execute();
    officialsDisabled = await disableMemberships(db, old.map((m) => m.id));
    // disabled memberships keep their place for the record: under the successor, as every row
    if (old.length) await db.updateTable('memberships').set({ official_division: to }).where('official_division', '=', from).execute();
  } else {
    const r = await db.updateTable('memberships').set({ official_division: to }).where('official_division', '=', from).executeTakeFirst();
    officials = Number(r.numUpdatedRows);
  }
  const members = await db.updateTable('memberships').set({ org_division: to }).where('org_division', '=', from).executeTakeFirst();
  return { officials, officialsDisabled, organisations: Number(members.numUpdatedRows) };
}

/** A re-coding: grantee keys naming `from` ('agency:530422:7', 'employer:…', 'division:530422') name `to`; returns how many. */
export async function relinkGrantees(db: Executor, from: string, to: string) {
  const pattern = `^(agency|employer|division):${from}(:|$)`;
  const r = await db
    .updateTable('access_grants')
    .set({ grantee: sql<string>`regexp_replace(grantee, ${pattern}, ${`\\1:${to}\\2`})` })
    .where(sql<boolean>`grantee ~ ${pattern}`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The memberships of an organisation or a roster row: by (division, agency | staff | employer id). */
export type Organisation = { divisionCode: string } & ({ agencyId: number } | { staffId: number } | { employerId: number });

/** Deletes the sessions acting as any membership belonging to `org`; returns how many ended. */
export async function deleteSessionsOfOrganisation(db: Executor, org: Organisation) {
  const column = 'agencyId' in org ? 'agency_id' : 'staffId' in org ? 'staff_id' : 'employer_id';
  const id = 'agencyId' in org ? org.agencyId : 'staffId' in org ? org.staffId : org.employerId;
  const r = await db
    .deleteFrom('sessions')
    .where('membership_id', 'in', (eb) => eb.selectFrom('memberships').select('id').where('org_division', '=', org.divisionCode).where(column, '=', id))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Deletes the sessions acting as each moved membership by any account but the one it moved to. */
export async function deleteSessionsOfMovedMemberships(db: Executor, moved: ReadonlyArray<{ id: number; accountId: number }>) {
  if (!moved.length) return 0;
  const r = await sql`
    delete from sessions s using unnest(${moved.map((m) => m.id)}::bigint[], ${moved.map((m) => m.accountId)}::bigint[]) as u(membership_id, account_id)
    where s.membership_id = u.membership_id and s.account_id <> u.account_id`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** The membership ids of a roster row (at most one). */
/** The job-seeker profile of an account (GET /me's seekerId, issue 12): its id, or undefined before the first save. One profile per account. */
export async function seekerIdOfAccount(db: Executor, accountId: number): Promise<number | undefined> {
  const row = await db.selectFrom('seekers').select('id').where('account_id', '=', accountId).executeTakeFirst();
  return row?.id;
}

export async function membershipsOfStaffRow(db: Executor, divisionCode: string, staffId: number): Promise<number[]> {
  const rows = await db.selectFrom('memberships').select('id').where('org_division', '=', divisionCode).where('staff_id', '=', staffId).execute();
  return rows.map((r) => r.id);
}

/** Ends every session of the account but the one named (a password change); returns how many ended. */
export async function deleteOtherSessions(db: Executor, accountId: number, keepTokenHash: string) {
  const r = await db.deleteFrom('sessions').where('account_id', '=', accountId).where('token_hash', '<>', keepTokenHash).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteExpiredSessions(db: Executor, now: Date) {
  const r = await db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<', now), eb('idle_expires_at', '<', now)])).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// sign-in throttling -------------------------------------------------------------------------

/** How a login names its account: by user name (password sign-in) or by phone (SMS code). */
export type LoginKind = 'username' | 'phone';

/**
 * The failure counter a sign-in attempt counts against (decision 0020): the device's own when
 * `device` (the SHA-256 of a verified device cookie) has signed in to the account the login names
 * before, else '' — the one counter every stranger shares. Unknown names and unknown devices fall in
 * ''. One sub-select, the same statement whether or not the account exists.
 */
const bucketOf = (login: string, kind: LoginKind, device: string) => sql<string>`coalesce((
    select d.device_hash from account_devices d join accounts a on a.id = d.account_id
    where ${kind === 'phone' ? sql`a.phone` : sql`a.username`} = ${login} and d.device_hash = ${device}
    limit 1), '')`;

/** The bucket `device` counts in for `login` (bucketOf): the device's key, or '' for a stranger. */
export async function bucketFor(db: Executor, login: string, kind: LoginKind, device: string): Promise<string> {
  const r = await sql<{ device: string }>`select ${bucketOf(login, kind, device)} as device`.execute(db);
  return r.rows[0]?.device ?? '';
}

/** The counter of (`login`, its bucket for `device`), if any: `{ failures, locked_until, device }`. */
export async function findThrottle(db: Executor, login: string, kind: LoginKind, device: string) {
  const r = await sql<{ failures: number; locked_until: Date | null; device: string }>`
    select t.failures, t.locked_until, t.device from login_throttle t
    where t.login = ${login} and t.device = ${bucketOf(login, kind, device)}`.execute(db);
  return r.rows[0];
}

/**
 * Counts one sign-in attempt for `login` in its bucket (bucketOf) in a single statement, so
 * parallel attempts cannot overwrite each other's count (a read-then-write let a burst of guesses
 * slip past the lockout). Failures older than `windowMs` start a new count; the attempt that
 * reaches `max` sets `locked_until`. Returns the count after this attempt, the lock in force and
 * the bucket counted in ('' for strangers).
 */
export async function countLoginFailure(db: Executor, login: string, kind: LoginKind, device: string, now: Date, opts: { windowMs: number; max: number; lockMs: number }) {
  const windowStart = new Date(now.getTime() - opts.windowMs);
  const lockUntil = new Date(now.getTime() + opts.lockMs);
  const inWindow = sql<boolean>`t.window_started_at > ${windowStart}`;
  const next = sql<number>`(case when ${inWindow} then t.failures + 1 else 1 end)`;
  const r = await sql<{ failures: number; locked_until: Date | null; device: string }>`
    insert into login_throttle as t (login, device, failures, window_started_at, locked_until)
    select ${login}, ${bucketOf(login, kind, device)}, 1, ${now}, ${opts.max <= 1 ? lockUntil : null}::timestamptz
    on conflict (login, device) do update set
      failures = ${next},
      window_started_at = case when ${inWindow} then t.window_started_at else ${now} end,
      locked_until = case when ${next} = ${opts.max} then ${lockUntil}::timestamptz else t.locked_until end
    returning failures, locked_until, device`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('login_throttle upsert returned no row');
  return row;
}

/** Clears one bucket's count (a sign-in from it succeeded): strangers' counts stay. */
export async function clearThrottle(db: Executor, login: string, device: string) {
  await db.deleteFrom('login_throttle').where('login', '=', login).where('device', '=', device).execute();
}

/**
 * Clears every failure counter of `logins` (an account's user name and phone), every device's and
 * the strangers' alike: an unlock by the level above, a password reset. Returns how many counters
 * went; none for no logins.
 */
export async function clearThrottleOf(db: Executor, logins: readonly string[]): Promise<number> {
  if (!logins.length) return 0;
  const r = await db.deleteFrom('login_throttle').where('login', 'in', logins).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Records that `deviceHash` signed in to the account (its failures count apart from strangers'). */
export async function rememberDevice(db: Executor, accountId: number, deviceHash: string, at: Date) {
  await db
    .insertInto('account_devices')
    .values({ account_id: accountId, device_hash: deviceHash, first_seen_at: at, last_signed_in_at: at })
    .onConflict((oc) => oc.columns(['account_id', 'device_hash']).doUpdateSet({ last_signed_in_at: at }))
    .execute();
}

// counters behind the rate limits -------------------------------------------------------------

/**
 * Counts one hit on each of `keys` (fixed windows of `windowMs` ending at the window's end) in one
 * statement and returns each key's count after it: the rate-limit store (per address: an IPv4
 * address, an IPv6 /64 and /48) and the same across instances. Keys are sorted so two statements
 * on the same keys lock them in the same order.
 */
export async function hitCounters(db: Executor, keys: readonly string[], now: Date, windowMs: number) {
  const sorted = [...new Set(keys)].sort();
  const end = new Date(now.getTime() + windowMs);
  const r = await sql<{ key: string; hits: number; window_ends_at: Date }>`
    insert into limit_counters as c (key, hits, window_ends_at)
    select k, 1, ${end}::timestamptz from unnest(${sorted}::text[]) with ordinality as u(k, n) order by n
    on conflict (key) do update set
      hits = case when c.window_ends_at > ${now} then c.hits + 1 else 1 end,
      window_ends_at = case when c.window_ends_at > ${now} then c.window_ends_at else ${end}::timestamptz end
    returning key, hits, window_ends_at`.execute(db);
  return r.rows;
}

/**
 * Takes one from the counter `key` unless it reached `max` in its window (ending at `windowEnd`),
 * in one statement: returns the count after taking, or undefined when the window's `max` is spent.
 * Per phone a day, per SMS purpose a day.
 */
export async function takeFromCounter(db: Executor, key: string, now: Date, windowEnd: Date, max: number): Promise<number | undefined> {
  const r = await sql<{ hits: number }>`
    insert into limit_counters as c (key, hits, window_ends_at)
    values (${key}, 1, ${windowEnd})
    on conflict (key) do update set
      hits = case when c.window_ends_at > ${now} then c.hits + 1 else 1 end,
      window_ends_at = case when c.window_ends_at > ${now} then c.window_ends_at else ${windowEnd}::timestamptz end
    where c.window_ends_at <= ${now} or c.hits < ${max}
    returning hits`.execute(db);
  const hits = r.rows[0]?.hits;
  return hits !== undefined && hits <= max ? hits : undefined;
}

// alerts for the province's desk --------------------------------------------------------------

/** Raises an alert once per (division, `once_key`); returns its id, or undefined when it was raised already. */
export async function raiseAlert(db: Executor, row: { division_code: string; kind: string; once_key: string; raised_at: Date; detail: Record<string, unknown> }) {
  const r = await db
    .insertInto('alerts')
    .values({ ...row, detail: JSON.stringify(row.detail) })
    .onConflict((oc) => oc.columns(['division_code', 'once_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

/** The newest alerts within the scope's reach, newest first. */
export async function listAlerts(db: Executor, scope: Scope, limit: number) {
  return db
    .selectFrom('alerts')
    .select(['division_code', 'id', 'kind', 'raised_at', 'detail'])
    .where(inScope(scope))
    .orderBy('raised_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

// SMS codes ----------------------------------------------------------------------------------

export async function findLoginCode(db: Executor, phone: string) {
  return db.selectFrom('login_codes').selectAll().where('phone', '=', phone).executeTakeFirst();
}

/**
 * Stores a new code for `phone` unless one was issued after `resendAfter`: one statement, so
 * parallel requests cannot both pass the resend limit. Returns false when the limit refused it.
 */
export async function claimLoginCode(db: Executor, row: { phone: string; code_hash: string; created_at: Date; expires_at: Date }, resendAfter: Date): Promise<boolean> {
  const r = await db
    .insertInto('login_codes')
    .values({ ...row, attempts: 0 })
    .onConflict((oc) =>
      oc
        .column('phone')
        .doUpdateSet({ code_hash: row.code_hash, created_at: row.created_at, expires_at: row.expires_at, attempts: 0 })
        .where('login_codes.created_at', '<=', resendAfter),
    )
    .returning('phone')
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Spends one try of the live code for `phone` and returns its hash, or nothing when there is no
 * live code (none, expired, or out of tries). Spending before comparing, in one statement, bounds
 * the guesses per code however many requests arrive at once.
 */
export async function takeCodeAttempt(db: Executor, phone: string, now: Date, maxTries: number) {
  return db
    .updateTable('login_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('phone', '=', phone)
    .where('attempts', '<', maxTries)
    .where('expires_at', '>', now)
    .returning(['code_hash', 'attempts'])
    .executeTakeFirst();
}

/** Uses the code up; false when a parallel request already did (a code signs in once). */
export async function consumeLoginCode(db: Executor, phone: string, codeHash: string): Promise<boolean> {
  const r = await db.deleteFrom('login_codes').where('phone', '=', phone).where('code_hash', '=', codeHash).returning('phone').executeTakeFirst();
  return r !== undefined;
}

/** Deletes the pending codes of `phones` (a number change: the old number's code must not sign in); returns how many. */
export async function deleteLoginCodes(db: Executor, phones: readonly string[]): Promise<number> {
  if (!phones.length) return 0;
  const r = await db.deleteFrom('login_codes').where('phone', 'in', phones).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * SMS codes past their expiry, throttle rows whose window and lock have both run out, counters
 * whose window ended, and devices that have not signed in for `deviceMs` (their cookie expired).
 */
export async function deleteStaleSignInState(db: Executor, now: Date, windowMs: number, deviceMs: number) {
  const codes = await db.deleteFrom('login_codes').where('expires_at', '<', now).executeTakeFirst();
  const windowStart = new Date(now.getTime() - windowMs);
  const throttles = await db
    .deleteFrom('login_throttle')
    .where('window_started_at', '<', windowStart)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .executeTakeFirst();
  const counters = await db.deleteFrom('limit_counters').where('window_ends_at', '<', now).executeTakeFirst();
  const devices = await db.deleteFrom('account_devices').where('last_signed_in_at', '<', new Date(now.getTime() - deviceMs)).executeTakeFirst();
  return { codes: Number(codes.numDeletedRows), throttles: Number(throttles.numDeletedRows), counters: Number(counters.numDeletedRows), devices: Number(devices.numDeletedRows) };
}

// personal data (PIPL art. 45 copies, art. 47 erasure) ------------------------------------------

/** Accounts of one person, by any of their account ids or phones (accounts are province-wide rows, keyed by id). */
export async function accountsOfPerson(db: Executor, person: { accountIds: readonly number[]; phones: readonly string[] }) {
  if (!person.accountIds.length && !person.phones.length) return [];
  return db
    .selectFrom('accounts')
    .select(['id', 'username', 'phone', 'display_name', 'status', 'created_at'])
    .select((eb) =>
      eb
        .selectFrom('memberships as m')
        .select(sql<Array<{ id: number; role: string; official_division: string | null; org_division: string | null; status: string }>>`coalesce(json_agg(json_build_object('id', m.id, 'role', m.role, 'official_division', m.official_division, 'org_division', m.org_division, 'status', m.status) order by m.id), '[]'::json)`.as('j'))
        .whereRef('m.account_id', '=', 'accounts.id')
        .as('memberships'),
    )
    .where((eb) => eb.or([...(person.accountIds.length ? [eb('id', 'in', person.accountIds)] : []), ...(person.phones.length ? [eb('phone', 'in', person.phones)] : [])]))
    .orderBy('id')
    .execute();
}

/**
 * Deletes the account's seeker membership (a job seeker closing their registration); the sessions
 * acting as it go with it (ON DELETE CASCADE). Returns its id, or undefined when it had none.
 */
export async function deleteSeekerMembership(db: Executor, accountId: number): Promise<number | undefined> {
  const r = await db.deleteFrom('memberships').where('account_id', '=', accountId).where('role', '=', 'seeker').returning('id').executeTakeFirst();
  return r?.id;
}

/**
 * Erases an account's personal fields: phone and password gone, name replaced, disabled, its
 * sessions ended. The row stays (audit entries and memberships point at it).
 */
export async function eraseAccount(db: Executor, accountId: number) {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
  await db.deleteFrom('account_devices').where('account_id', '=', accountId).execute();
  await db.updateTable('memberships').set({ status: 'disabled' }).where('account_id', '=', accountId).execute();
  const r = await db
    .updateTable('accounts')
    .set({ phone: null, password_hash: null, id_tail_hash: null, display_name: '（已删除）', status: 'disabled' })
    .where('id', '=', accountId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
