// Accounts, sessions, sign-in throttling and SMS codes. Queries only.
import type { Executor } from '../../db/tx.ts';

export async function findAccountByUsername(db: Executor, username: string) {
  return db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findAccountByPhone(db: Executor, phone: string) {
  return db.selectFrom('accounts').selectAll().where('phone', '=', phone).executeTakeFirst();
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

export async function findSessionWithAccount(db: Executor, tokenHash: string) {
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
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export type SessionAccountRow = NonNullable<Awaited<ReturnType<typeof findSessionWithAccount>>>;

export async function touchSession(db: Executor, tokenHash: string, at: Date, idleExpiresAt: Date) {
  await db.updateTable('sessions').set({ last_seen_at: at, idle_expires_at: idleExpiresAt }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Executor, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Executor, now: Date) {
  const r = await db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<', now), eb('idle_expires_at', '<', now)])).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// sign-in throttling -------------------------------------------------------------------------

export async function findThrottle(db: Executor, login: string) {
  return db.selectFrom('login_throttle').selectAll().where('login', '=', login).executeTakeFirst();
}

export async function saveThrottle(db: Executor, row: { login: string; failures: number; window_started_at: Date; locked_until: Date | null }) {
  await db
    .insertInto('login_throttle')
    .values(row)
    .onConflict((oc) => oc.column('login').doUpdateSet({ failures: row.failures, window_started_at: row.window_started_at, locked_until: row.locked_until }))
    .execute();
}

export async function clearThrottle(db: Executor, login: string) {
  await db.deleteFrom('login_throttle').where('login', '=', login).execute();
}

// SMS codes ----------------------------------------------------------------------------------

export async function findLoginCode(db: Executor, phone: string) {
  return db.selectFrom('login_codes').selectAll().where('phone', '=', phone).executeTakeFirst();
}

export async function saveLoginCode(db: Executor, row: { phone: string; code_hash: string; created_at: Date; expires_at: Date }) {
  await db
    .insertInto('login_codes')
    .values({ ...row, attempts: 0 })
    .onConflict((oc) => oc.column('phone').doUpdateSet({ code_hash: row.code_hash, created_at: row.created_at, expires_at: row.expires_at, attempts: 0 }))
    .execute();
}

export async function countCodeAttempt(db: Executor, phone: string) {
  await db.updateTable('login_codes').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('phone', '=', phone).execute();
}

export async function deleteLoginCode(db: Executor, phone: string) {
  await db.deleteFrom('login_codes').where('phone', '=', phone).execute();
}
