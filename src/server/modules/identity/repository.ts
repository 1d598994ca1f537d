// Accounts, sessions, sign-in throttling and SMS codes. Queries only.
import { sql } from 'kysely';
import { inScope, type Scope } from '../../db/scope.ts';
import type { Executor } from '../../db/tx.ts';

/**
 * Whether the organisation behind an account still stands: a closed agency or employer, or a staff
 * member who has left, signs in no more (and their open sessions stop working).
 */
const orgActive = sql<boolean>`(
  (a.agency_id is null or exists (select 1 from agencies g where g.division_code = a.org_division and g.id = a.agency_id and g.status <> 'closed'))
  and (a.staff_id is null or exists (select 1 from agency_staff st where st.division_code = a.org_division and st.id = a.staff_id and st.status = 'active'))
  and (a.employer_id is null or exists (select 1 from employers e where e.division_code = a.org_division and e.id = a.employer_id and e.status <> 'closed'))
)`.as('org_active');

export async function findAccountByUsername(db: Executor, username: string) {
  return db.selectFrom('accounts as a').selectAll('a').select(orgActive).where('a.username', '=', username).executeTakeFirst();
}

export async function findAccountByPhone(db: Executor, phone: string) {
  return db.selectFrom('accounts as a').selectAll('a').select(orgActive).where('a.phone', '=', phone).executeTakeFirst();
}

export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccountByUsername>>>;

export async function insertAccount(
  db: Executor,
  row: {
    username: string;
    phone: string | null;
    password_hash: string | null;
    role: string;
    display_name: string;
    official_division?: string | null;
    org_division?: string | null;
    agency_id?: number | null;
    staff_id?: number | null;
    employer_id?: number | null;
    seeker_group?: string | null;
    created_at: Date;
  },
) {
  return db.insertInto('accounts').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updatePassword(db: Executor, accountId: number, hash: string, at: Date) {
  await db.updateTable('accounts').set({ password_hash: hash, password_changed_at: at }).where('id', '=', accountId).execute();
}

export async function countAccounts(db: Executor): Promise<number> {
  const r = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

// sessions ------------------------------------------------------------------------------------

export async function insertSession(
  db: Executor,
  row: { token_hash: string; account_id: number; created_at: Date; last_seen_at: Date; idle_expires_at: Date; expires_at: Date; ip: string | null; user_agent: string | null },
) {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSessionWithAccount(db: Executor, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select([
      's.token_hash',
      's.last_seen_at',
      's.idle_expires_at',
      's.expires_at',
      'a.id as account_id',
      'a.username',
      'a.role',
      'a.display_name',
      'a.official_division',
      'a.org_division',
      'a.agency_id',
      'a.staff_id',
      'a.employer_id',
      'a.status',
    ])
    .select(orgActive)
    .select(grantsOf(now))
    .select(predecessorsOf)
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * The rows outside its reach an account may read (src/server/db/scope.ts), as grantee keys: the
 * account itself, its agency or employer, its bureau's division. Unexpired grants only.
 */
const grantsOf = (now: Date) =>
  sql<{ table: string; divisionCode: string; id: number }[]>`coalesce((
    select json_agg(json_build_object('table', g.target_table, 'divisionCode', g.division_code, 'id', g.target_id))
    from access_grants g
    where g.grantee in (
        'account:' || a.id,
        'agency:' || a.org_division || ':' || a.agency_id,
        'employer:' || a.org_division || ':' || a.employer_id,
        'division:' || a.official_division)
      and (g.expires_at is null or g.expires_at > ${now})
  ), '[]'::json)`.as('grants');

/**
 * An official's predecessor codes (decision 0022): the abolished codes whose successor chain ends
 * inside the official's reach but which lie outside it (530422 for 澄江市's bureau, 530481), so
 * the rows still under them stay readable (db/scope.ts). Empty for everyone else. The reach is the
 * code's scope prefix (530000 → 53, 530400 → 5304), as prefixOf in shared/division.ts.
 */
const predecessorsOf = sql<string[]>`(case when a.official_division is null then '{}'::text[] else division_predecessors(
    case when a.official_division like '__0000' then left(a.official_division, 2)
         when a.official_division like '____00' then left(a.official_division, 4)
         else a.official_division end) end)`.as('predecessors');

export type SessionAccountRow = NonNullable<Awaited<ReturnType<typeof findSessionWithAccount>>>;

export async function touchSession(db: Executor, tokenHash: string, at: Date, idleExpiresAt: Date) {
  await db.updateTable('sessions').set({ last_seen_at: at, idle_expires_at: idleExpiresAt }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Executor, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/**
 * A re-coding (decision 0022): officials of `from` now answer for `to`, and accounts of its
 * organisations follow their rows (same ids, already copied under `to`). Returns counts.
 */
export async function relinkAccounts(db: Executor, from: string, to: string) {
  const officials = await db.updateTable('accounts').set({ official_division: to }).where('official_division', '=', from).executeTakeFirst();
  const members = await db.updateTable('accounts').set({ org_division: to }).where('org_division', '=', from).executeTakeFirst();
  return { officials: Number(officials.numUpdatedRows), organisations: Number(members.numUpdatedRows) };
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

/** The accounts of an organisation or a roster row: by (division, agency | staff | employer id). */
export type Organisation = { divisionCode: string } & ({ agencyId: number } | { staffId: number } | { employerId: number });

/** Deletes the sessions of every account belonging to `org`; returns how many ended. */
export async function deleteSessionsOfOrganisation(db: Executor, org: Organisation) {
  const column = 'agencyId' in org ? 'agency_id' : 'staffId' in org ? 'staff_id' : 'employer_id';
  const id = 'agencyId' in org ? org.agencyId : 'staffId' in org ? org.staffId : org.employerId;
  const r = await db
    .deleteFrom('sessions')
    .where('account_id', 'in', (eb) => eb.selectFrom('accounts').select('id').where('org_division', '=', org.divisionCode).where(column, '=', id))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
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
    .select(['id', 'username', 'phone', 'role', 'display_name', 'official_division', 'org_division', 'status', 'created_at'])
    .where((eb) => eb.or([...(person.accountIds.length ? [eb('id', 'in', person.accountIds)] : []), ...(person.phones.length ? [eb('phone', 'in', person.phones)] : [])]))
    .orderBy('id')
    .execute();
}

/**
 * Erases an account's personal fields: phone and password gone, name replaced, disabled, its
 * sessions ended. The row stays (audit entries and memberships point at it).
 */
export async function eraseAccount(db: Executor, accountId: number) {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
  await db.deleteFrom('account_devices').where('account_id', '=', accountId).execute();
  const r = await db
    .updateTable('accounts')
    .set({ phone: null, password_hash: null, display_name: '（已删除）', status: 'disabled' })
    .where('id', '=', accountId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
