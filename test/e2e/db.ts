// Direct database access for the browser suites, for fixtures no API makes yet (an account with a
// one-time password, a person holding an official's and an agency's membership, a number unused
// for 6 months — made through the API, aged here): the owner URL of the e2e server's embedded
// PostgreSQL (test/setup/e2e-server.ts), or YUNQIAO_E2E_DATABASE_URL when pointing at a running
// server. Suites skip what needs it when neither is there.
import { request } from 'playwright-core';
import { inject } from 'vitest';
import { connect } from '../../src/server/db/connection.ts';
import * as identityRepo from '../../src/server/modules/identity/repository.ts';
import { hashPassword } from '../../src/server/modules/identity/service.ts';
import { BASE_URL, PASSWORD } from './browser.ts';
import { randomMobile, validCitizenId } from './xlsx.ts';

export const DATABASE_URL = process.env.YUNQIAO_E2E_DATABASE_URL || inject('e2eDatabaseUrl') || undefined;

type Db = ReturnType<typeof connect>['db'];

/** Runs `fn` on a connection of its own, closed afterwards. */
export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  if (!DATABASE_URL) throw new Error('no database for fixtures: set YUNQIAO_E2E_DATABASE_URL');
  const handle = connect(DATABASE_URL, { max: 1, applicationName: 'yunqiao-e2e-fixtures' });
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

export type MembershipFixture = Omit<identityRepo.MembershipInsert, 'account_id' | 'created_at'>;

/**
 * A person with a password and the given memberships (in this order; none used yet, so the first
 * is the one a sign-in acts as), as the level above or `yunqiao account create` would make them;
 * `mustChangePassword`: the password is one-time. Returns the username.
 */
export async function createPerson(p: { password: string; mustChangePassword?: boolean; displayName?: string; memberships: MembershipFixture[] }): Promise<string> {
  const username = `e2e-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  const password_hash = await hashPassword(p.password);
  await withDb(async (db) => {
    const now = new Date();
    const { id } = await identityRepo.insertAccount(db, {
      username,
      phone: null,
      password_hash,
      display_name: p.displayName ?? username,
      created_at: now,
      must_change_password: p.mustChangePassword ?? false,
    });
    for (const m of p.memberships) await identityRepo.upsertMembership(db, { ...m, account_id: id, created_at: now });
  });
  return username;
}

/** The id of an agency in `division` (by name when given). */
export async function agencyIn(division: string, name?: string): Promise<{ id: number; name: string }> {
  return withDb(async (db) => {
    let q = db.selectFrom('agencies').select(['id', 'name']).where('division_code', '=', division).orderBy('id');
    if (name) q = q.where('name', '=', name);
    return q.executeTakeFirstOrThrow();
  });
}

/** Makes the account of `phone` look unused for `days` days (no sign-in since, created before). */
export async function makeDormant(phone: string, days = 200): Promise<void> {
  const then = new Date(Date.now() - days * 24 * 3600 * 1000);
  await withDb(async (db) => {
    const r = await db.updateTable('accounts').set({ created_at: then, last_signed_in_at: null }).where('phone', '=', phone).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new Error(`no account for ${phone}`);
  });
}

/**
 * A roster row the 五华 agency's administrator (agency-wh) adds through the API — its phone becomes
 * a person with a staff membership who signs in by SMS, the ID number's last 6 kept — and, when
 * `seeker`, a job seeker's membership for the same person (as signing up as a seeker would give
 * it). A person of the test's own: the demo's staff-wh is signed in and switched by other files
 * meanwhile. Returns the phone and the ID number.
 */
export async function rosterStaff(name: string, opts: { seeker?: boolean } = {}): Promise<{ phone: string; idNumber: string }> {
  const phone = randomMobile();
  const idNumber = validCitizenId();
  const api = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { 'X-Requested-With': 'yunqiao' } });
  try {
    const signedIn = await api.post('/api/v1/auth/login', { data: { username: 'agency-wh', password: PASSWORD } });
    if (signedIn.status() !== 200) throw new Error(`agency-wh did not sign in: ${signedIn.status()}`);
    const { agencyId } = (await (await api.get('/api/v1/me')).json()) as { agencyId: number };
    const added = await api.post(`/api/v1/agencies/${agencyId}/staff`, { data: { name, phone, idNumber, position: '招聘专员' } });
    if (added.status() !== 201) throw new Error(`the roster row was not added: ${added.status()} ${await added.text()}`);
  } finally {
    await api.dispose();
  }
  if (opts.seeker) {
    await withDb(async (db) => {
      const { id } = await db.selectFrom('accounts').select('id').where('phone', '=', phone).executeTakeFirstOrThrow();
      await identityRepo.upsertMembership(db, { role: 'seeker', seeker_group: 'other', account_id: id, created_at: new Date() });
    });
  }
  return { phone, idNumber };
}

/** A roster row as rosterStaff adds it, then made to look unused for 200 days (makeDormant). */
export async function dormantStaff(name: string): Promise<{ phone: string; idNumber: string }> {
  const person = await rosterStaff(name);
  await makeDormant(person.phone);
  return person;
}
