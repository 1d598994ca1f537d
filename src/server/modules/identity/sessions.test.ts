// Session lifetimes by role (officials: 30 min idle, 12 h absolute; others much longer), logout,
// localised answers, and password changes (officials need complex passwords).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount } from '../../../../test/helpers/factories.ts';
import { HOUR, MINUTE, ManualClock } from '../../platform/clock.ts';
import { loginWithPassword, purgeExpiredSessions, tokenHash } from './service.ts';

const PASSWORD = 'Session-test-2020';
let t: TestApp;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

const me = (cookie: string, lang?: string) => t.get('/api/v1/me', cookie, lang ? { 'accept-language': lang } : {});
const official = () => createAccount(t.deps, { role: 'county', official_division: '530102', password: PASSWORD });
const sessionRow = (cookie: string) =>
  t.deps.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash(cookie.replace('yq_sid=', ''))).executeTakeFirst();

describe('session lifetimes', () => {
  it("ends an official's session after 30 minutes idle", async () => {
    const cookie = await t.login(await official(), PASSWORD);
    clock.advance(29 * MINUTE);
    expect((await me(cookie)).statusCode).toBe(200); // activity pushes the idle deadline
    clock.advance(29 * MINUTE);
    expect((await me(cookie)).statusCode).toBe(200);
    clock.advance(30 * MINUTE);
    const res = await me(cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session_expired');
    expect(res.json().error.message).toBe('登录已过期，请重新登录');
    // the expired cookie is cleared and the row is gone
    expect(res.cookies.find((c) => c.name === 'yq_sid')?.value).toBe('');
    expect(await sessionRow(cookie)).toBeUndefined();
  });

  it("ends an official's session 12 hours after sign-in even when active every 20 minutes", async () => {
    const cookie = await t.login(await official(), PASSWORD);
    const started = clock.now().getTime();
    for (let i = 1; i < 36; i++) {
      clock.advance(20 * MINUTE);
      const res = await me(cookie);
      expect(res.statusCode, `after ${i * 20} minutes`).toBe(200);
    }
    expect(clock.now().getTime() - started).toBe(11 * HOUR + 40 * MINUTE);
    const row = await sessionRow(cookie);
    // the idle deadline never reaches past the absolute one
    expect(row?.idle_expires_at.getTime()).toBe(started + 12 * HOUR);
    clock.advance(20 * MINUTE);
    const res = await me(cookie, 'en');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'session_expired', message: 'Your session has expired; please sign in again' });
  });

  it("keeps a job seeker's session through 30 minutes idle and more", async () => {
    const seeker = await createAccount(t.deps, { role: 'seeker', password: PASSWORD });
    const cookie = await t.login(seeker, PASSWORD);
    clock.advance(31 * MINUTE);
    expect((await me(cookie)).statusCode).toBe(200);
    clock.advance(6 * 24 * HOUR);
    expect((await me(cookie)).json()).toMatchObject({ username: seeker, role: 'seeker' });
    // but not through 7 days without a visit
    clock.advance(7 * 24 * HOUR);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('keeps an agency administrator on the strict limits', async () => {
    const agency = await t.deps.db.selectFrom('agencies').select(['division_code', 'id']).orderBy('id').executeTakeFirstOrThrow();
    const admin = await createAccount(t.deps, { role: 'agency_admin', org_division: agency.division_code, agency_id: agency.id, password: 'Agency-admin-2020!' });
    const cookie = await t.login(admin, 'Agency-admin-2020!');
    expect((await me(cookie)).json()).toMatchObject({ role: 'agency_admin', scope: `agency:${agency.id}`, agencyId: agency.id });
    clock.advance(31 * MINUTE);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('touches the session at most once a minute', async () => {
    const cookie = await t.login(await official(), PASSWORD);
    const before = await sessionRow(cookie);
    clock.advance(30_000);
    await me(cookie);
    expect((await sessionRow(cookie))?.last_seen_at).toEqual(before?.last_seen_at);
    clock.advance(30_000);
    await me(cookie);
    expect((await sessionRow(cookie))?.last_seen_at.getTime()).toBe(clock.now().getTime());
  });

  it('ends a session when the account is disabled', async () => {
    const username = await official();
    const cookie = await t.login(username, PASSWORD);
    await t.deps.db.updateTable('accounts').set({ status: 'disabled' }).where('username', '=', username).execute();
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('purges expired sessions', async () => {
    // Purging is database-wide: run it at a time long before any other file's sessions, so it
    // can only remove the one made here.
    const past = new ManualClock('1999-01-01T00:00:00Z');
    const username = await official();
    const old = await loginWithPassword({ ...t.deps, clock: past }, { username, password: PASSWORD }, { requestId: 'purge-test', ip: '127.0.0.1', locale: 'en' });
    const current = await t.login(username, PASSWORD);
    past.advance(31 * MINUTE);
    expect(await purgeExpiredSessions({ ...t.deps, clock: past })).toBeGreaterThanOrEqual(1);
    expect(await sessionRow(`yq_sid=${old.token}`)).toBeUndefined();
    expect(await sessionRow(current)).toBeDefined();
  });
});

describe('logout', () => {
  it('deletes the session: the cookie no longer works', async () => {
    const username = await official();
    const cookie = await t.login(username, PASSWORD);
    const other = await t.login(username, PASSWORD);
    const res = await t.send('POST', '/api/v1/auth/logout', undefined, cookie);
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'yq_sid')?.value).toBe('');
    expect(await sessionRow(cookie)).toBeUndefined();
    expect((await me(cookie)).statusCode).toBe(401);
    // only that session: the same account signed in elsewhere stays in
    expect((await me(other)).statusCode).toBe(200);
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('actor_username', '=', username).where('action', '=', 'auth.logout').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ division_code: '530102', outcome: 'ok', target_type: 'account' });
  });

  it('needs a session', async () => {
    const res = await t.send('POST', '/api/v1/auth/logout', undefined, undefined, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'unauthenticated', message: 'Please sign in first' });
  });
});

describe('password change', () => {
  const change = (cookie: string, currentPassword: string, newPassword: string, lang = 'en') =>
    t.send('POST', '/api/v1/auth/password', { currentPassword, newPassword }, cookie, { 'accept-language': lang });

  it('refuses a weak password for an official, naming newPassword', async () => {
    const username = await official();
    const cookie = await t.login(username, PASSWORD);
    for (const weak of ['short-Aa1', 'alllowercaseletters', 'lowercase-and-symbols', 'UPPERlowerOnlyX']) {
      const res = await change(cookie, PASSWORD, weak);
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details).toEqual([{ field: 'newPassword', message: expect.stringContaining('at least 12 characters') }]);
    }
    // nothing changed
    expect((await t.send('POST', '/api/v1/auth/login', { username, password: PASSWORD })).statusCode).toBe(200);
  });

  it('accepts a strong one: the new password signs in, the old one no longer does', async () => {
    const username = await official();
    const cookie = await t.login(username, PASSWORD);
    const res = await change(cookie, PASSWORD, 'Strong-enough-2021');
    expect(res.statusCode).toBe(204);
    expect((await t.send('POST', '/api/v1/auth/login', { username, password: PASSWORD })).statusCode).toBe(401);
    expect((await t.send('POST', '/api/v1/auth/login', { username, password: 'Strong-enough-2021' })).statusCode).toBe(200);
    const row = await t.deps.db.selectFrom('accounts').select('password_changed_at').where('username', '=', username).executeTakeFirstOrThrow();
    expect(row.password_changed_at?.getTime()).toBe(clock.now().getTime());
    const audit = await t.deps.db.selectFrom('audit_log').select(['outcome']).where('actor_username', '=', username).where('action', '=', 'auth.change_password').execute();
    expect(audit).toEqual([{ outcome: 'ok' }]);
  });

  it('refuses a wrong current password, naming currentPassword, and audits it', async () => {
    const username = await official();
    const cookie = await t.login(username, PASSWORD);
    const res = await change(cookie, 'not-my-password', 'Strong-enough-2021', 'zh-CN');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ field: 'currentPassword', message: expect.any(String) }]);
    const audit = await t.deps.db.selectFrom('audit_log').select(['outcome']).where('actor_username', '=', username).where('action', '=', 'auth.change_password').execute();
    expect(audit).toEqual([{ outcome: 'failed' }]);
  });

  it('ends the account\'s other sessions, keeps the one that changed it', async () => {
    const username = await official();
    const here = await t.login(username, PASSWORD);
    const elsewhere = await t.login(username, PASSWORD);
    expect((await t.get('/api/v1/me', elsewhere)).statusCode).toBe(200);
    expect((await change(here, PASSWORD, 'Strong-enough-2021')).statusCode).toBe(204);
    expect((await t.get('/api/v1/me', here)).statusCode).toBe(200);
    expect((await t.get('/api/v1/me', elsewhere)).statusCode).toBe(401);
  });

  it('refuses the same password again, naming newPassword, and changes nothing', async () => {
    const username = await official();
    const strong = 'Same-strong-pass-2020';
    const cookie = await t.login(username, PASSWORD);
    expect((await change(cookie, PASSWORD, strong)).statusCode).toBe(204);
    const res = await change(cookie, strong, strong, 'zh-CN');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ field: 'newPassword', message: '新密码：新密码不能与当前密码相同' }]);
  });

  it('counts wrong current passwords with the sign-in throttle: the fifth locks sign-in too', async () => {
    const username = await official();
    const cookie = await t.login(username, PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await change(cookie, `wrong-${i}`, 'Strong-enough-2021')).statusCode);
    expect(statuses).toEqual([400, 400, 400, 400, 423]);
    expect((await change(cookie, PASSWORD, 'Strong-enough-2021')).statusCode).toBe(423);
    expect((await t.send('POST', '/api/v1/auth/login', { username, password: PASSWORD })).statusCode).toBe(423);
    clock.advance(16 * MINUTE);
    expect((await t.send('POST', '/api/v1/auth/login', { username, password: PASSWORD })).statusCode).toBe(200);
  });

  it('asks less of a job seeker (8 characters), but still something', async () => {
    const seeker = await createAccount(t.deps, { role: 'seeker', password: PASSWORD });
    const cookie = await t.login(seeker, PASSWORD);
    expect((await change(cookie, PASSWORD, 'short')).statusCode).toBe(400);
    expect((await change(cookie, PASSWORD, 'simple12')).statusCode).toBe(204);
  });

  it('needs a session', async () => {
    expect((await change('yq_sid=nothing', PASSWORD, 'Strong-enough-2021')).statusCode).toBe(401);
  });
});
