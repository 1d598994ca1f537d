// Password sign-in on a real database: cookie, /me, the same answer for a wrong password and an
// unknown name, lockout after five failures (also for names that do not exist), the audit trail,
// and CSRF refusal of writes without X-Requested-With.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { createAccount, unique } from '../../../../test/helpers/factories.ts';
import { MINUTE, ManualClock } from '../../platform/clock.ts';

const PASSWORD = 'Correct-horse-2020';
let t: TestApp;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.send('POST', '/api/v1/auth/login', { username, password }, undefined, headers);

function auditFor(target: string) {
  return t.deps.db.selectFrom('audit_log').selectAll().where('target_id', '=', target).orderBy('id').execute();
}

describe('password sign-in', () => {
  it('sets an HttpOnly SameSite=Lax session cookie and /me answers who is signed in', async () => {
    const username = await createAccount(t.deps, { role: 'county', official_division: '530102', password: PASSWORD });
    const res = await login(username, PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username, role: 'county', scope: '530102', divisionCode: '530102' });
    const cookie = res.cookies.find((c) => c.name === 'yq_sid');
    expect(cookie).toBeDefined();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/);
    // an official's cookie is a browser-session cookie (no Expires: gone when the browser closes);
    // the session itself ends 12 h after sign-in on the server
    expect(cookie?.expires).toBeUndefined();
    expect(String(res.headers['set-cookie'])).not.toMatch(/Expires=/i);
    const session = await t.deps.db.selectFrom('sessions').innerJoin('accounts', 'accounts.id', 'sessions.account_id').select('sessions.expires_at').where('accounts.username', '=', username).executeTakeFirstOrThrow();
    expect(session.expires_at.getTime()).toBe(clock.now().getTime() + 12 * 60 * MINUTE);
    // a job seeker on their own phone keeps the cookie for the session's 30 days (whole seconds)
    const seeker = await createAccount(t.deps, { role: 'seeker', password: PASSWORD });
    const seekerCookie = (await login(seeker, PASSWORD)).cookies.find((c) => c.name === 'yq_sid');
    expect(Math.floor((seekerCookie?.expires?.getTime() ?? 0) / 1000)).toBe(Math.floor((clock.now().getTime() + 30 * 24 * 60 * MINUTE) / 1000));

    const me = await t.get('/api/v1/me', `yq_sid=${cookie?.value}`);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      username,
      role: 'county',
      scope: '530102',
      displayName: username,
      divisionCode: '530102',
      membershipId: expect.any(Number),
      mustChangePassword: false,
      memberships: [{ id: me.json().membershipId, role: 'county', divisionCode: '530102', divisionName: '五华区', organisationName: null }],
    });

    const [row] = await t.deps.db.selectFrom('sessions').innerJoin('accounts', 'accounts.id', 'sessions.account_id').select(['sessions.token_hash']).where('accounts.username', '=', username).execute();
    // only a hash of the token is stored
    expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.token_hash).not.toBe(cookie?.value);
  });

  it('reports the scope of each kind of account', async () => {
    const seeker = await createAccount(t.deps, { role: 'seeker', password: PASSWORD, seeker_group: 'migrant' });
    const res = await login(seeker, PASSWORD);
    expect(res.json()).toMatchObject({ username: seeker, role: 'seeker', scope: 'self', divisionCode: null });
    const pref = await createAccount(t.deps, { role: 'prefecture', official_division: '530100', password: PASSWORD });
    expect((await login(pref, PASSWORD)).json()).toMatchObject({ role: 'prefecture', scope: '5301' });
  });

  it('/me without a session is 401', async () => {
    const res = await t.get('/api/v1/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    const bogus = await t.get('/api/v1/me', 'yq_sid=not-a-real-token');
    expect(bogus.statusCode).toBe(401);
    expect(bogus.json().error.code).toBe('session_expired');
  });

  it('answers a wrong password and an unknown user with the same 401 body', async () => {
    const username = await createAccount(t.deps, { role: 'seeker', password: PASSWORD });
    const wrong = await login(username, 'not-the-password');
    const unknown = await login(`nobody-${unique()}`, 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ error: { code: 'login_failed', message: '用户名或密码错误' } });
    expect(wrong.cookies.find((c) => c.name === 'yq_sid')).toBeUndefined();
  });

  it('answers in English when the request asks for it', async () => {
    const res = await login(`nobody-${unique()}`, 'x', { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.json().error.message).toBe('Wrong username or password');
    const missing = await t.send('POST', '/api/v1/auth/login', { username: 'x' }, undefined, { 'accept-language': 'en' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([expect.objectContaining({ field: 'password', message: expect.stringMatching(/^password: /) })]);
  });

  it('locks after five failures for 15 minutes, refusing even the right password, then lets it in', async () => {
    const username = await createAccount(t.deps, { role: 'county', official_division: '530103', password: PASSWORD });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login(username, `wrong-${i}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 423]);

    const locked = await login(username, PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error).toMatchObject({ code: 'account_locked', message: expect.stringContaining('15') });
    expect(locked.headers['retry-after']).toBe(String(15 * 60));

    clock.advance(14 * MINUTE);
    const still = await login(username, PASSWORD);
    expect(still.statusCode).toBe(423);
    expect(still.headers['retry-after']).toBe('60');

    clock.advance(MINUTE);
    const ok = await login(username, PASSWORD);
    expect(ok.statusCode).toBe(200);
    // a success clears the count: one more failure is a plain 401 again
    expect((await login(username, 'wrong-again')).statusCode).toBe(401);

    const rows = await auditFor(username);
    const failures = rows.filter((r) => r.action === 'auth.login' && r.outcome === 'failed');
    expect(failures.map((r) => (r.detail as { failures: number }).failures)).toEqual([1, 2, 3, 4, 5, 1]);
    expect(rows.filter((r) => r.action === 'auth.lockout')).toHaveLength(1);
    expect(rows.filter((r) => r.action === 'auth.login' && r.outcome === 'denied')).toHaveLength(2);
    for (const r of rows) expect(r.target_type).toBe('login');

    const account = await t.deps.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    // (other files' rows may share the numeric target id: narrow to sign-ins of accounts)
    const success = (await auditFor(String(account.id))).filter((r) => r.target_type === 'account' && r.action === 'auth.login');
    expect(success).toEqual([expect.objectContaining({ action: 'auth.login', outcome: 'ok', actor_username: username, target_type: 'account', division_code: '530103' })]);
    expect(success[0]?.detail).toEqual({ method: 'password', membershipId: expect.any(Number) });
  });

  it('locks an unknown name exactly as an existing one', async () => {
    const ghost = `ghost-${unique()}`;
    const real = await createAccount(t.deps, { role: 'seeker', password: PASSWORD });
    const requestIds: Record<string, string[]> = { [ghost]: [], [real]: [] };
    const answers = async (name: string) => {
      const out: Array<{ status: number; body: unknown; retry?: string | number | string[] }> = [];
      for (let i = 0; i < 6; i++) {
        const r = await login(name, `wrong-${i}`);
        requestIds[name]?.push(r.headers['x-request-id'] as string);
        out.push({ status: r.statusCode, body: r.json(), retry: r.headers['retry-after'] });
      }
      return out;
    };
    const a = await answers(ghost);
    const b = await answers(real);
    expect(a.map((x) => x.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(a).toEqual(b);
    const trail = (name: string) => t.deps.db.selectFrom('audit_log').selectAll().where('request_id', 'in', requestIds[name] as string[]).orderBy('id').execute();
    const ghostRows = await trail(ghost);
    expect(ghostRows.map((r) => r.action)).toEqual([...Array(5).fill('auth.login'), 'auth.lockout', 'auth.login']);
    // a name that is no account's is not kept (it may be a password typed in the wrong field)
    expect(ghostRows.every((r) => r.target_id === null)).toBe(true);
    expect(await auditFor(ghost)).toEqual([]);
    expect((await trail(real)).every((r) => r.target_id === real)).toBe(true);
  });

  it('forgets failures older than the 15-minute window', async () => {
    const username = await createAccount(t.deps, { role: 'seeker', password: PASSWORD });
    for (let i = 0; i < 4; i++) expect((await login(username, 'wrong')).statusCode).toBe(401);
    clock.advance(16 * MINUTE);
    for (let i = 0; i < 4; i++) expect((await login(username, 'wrong')).statusCode).toBe(401);
    expect((await login(username, PASSWORD)).statusCode).toBe(200);
  });

  it('counts a burst of parallel failures without losing any (no lockout bypass)', async () => {
    const username = await createAccount(t.deps, { role: 'county', official_division: '530112', password: PASSWORD });
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => login(username, `guess-${i}`)));
    const statuses = burst.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 423)).toHaveLength(8);
    expect((await login(username, PASSWORD)).statusCode).toBe(423);
    expect((await auditFor(username)).filter((r) => r.action === 'auth.lockout')).toHaveLength(1);
  });

  it('checks at most five passwords of a burst of 40 parallel guesses, the right one among them', async () => {
    const username = await createAccount(t.deps, { role: 'county', official_division: '530111', password: PASSWORD });
    const guesses = [...Array.from({ length: 39 }, (_, i) => `guess-${i}`), PASSWORD];
    const burst = await Promise.all(guesses.map((p) => login(username, p)));
    const rows = await auditFor(username);
    const signedIn = burst.filter((r) => r.statusCode === 200).length;
    const verifiedWrong = rows.filter((r) => r.action === 'auth.login' && r.outcome === 'failed').length;
    // every answer is a 401 or a 423, except a success only if the right guess was among the five checked
    expect(burst.every((r) => [200, 401, 423].includes(r.statusCode))).toBe(true);
    expect(verifiedWrong + signedIn).toBeLessThanOrEqual(5);
    expect(rows.filter((r) => r.action === 'auth.login' && r.outcome === 'denied').length).toBeGreaterThanOrEqual(35);
    expect(signedIn).toBeLessThanOrEqual(1);
  });

  it('caps password verifications in flight: a flood beyond the queue gets 503 with Retry-After, never a 500', async () => {
    const flood = await Promise.all(Array.from({ length: 120 }, () => login(`flood-${unique()}`, 'guess')));
    const statuses = flood.map((r) => r.statusCode);
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    for (const r of flood.filter((x) => x.statusCode === 503)) {
      expect(r.headers['retry-after']).toBe('1');
      expect(r.json().error.code).toBe('service_unavailable');
    }
    expect((await login(await createAccount(t.deps, { role: 'seeker', password: PASSWORD }), PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a disabled account with the ordinary 401', async () => {
    const username = await createAccount(t.deps, { role: 'seeker', password: PASSWORD });
    await t.deps.db.updateTable('accounts').set({ status: 'disabled' }).where('username', '=', username).execute();
    const res = await login(username, PASSWORD);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('login_failed');
  });
});

describe('CSRF: writes need X-Requested-With', () => {
  it('refuses a sign-in without the header and records nothing', async () => {
    const username = await createAccount(t.deps, { role: 'seeker', password: PASSWORD });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username, password: PASSWORD }) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_header_missing');
    expect(res.cookies).toHaveLength(0);
    const sessions = await t.deps.db.selectFrom('sessions').innerJoin('accounts', 'accounts.id', 'sessions.account_id').select('token_hash').where('accounts.username', '=', username).execute();
    expect(sessions).toHaveLength(0);
  });

  it('refuses a password change without the header and changes nothing', async () => {
    const username = await createAccount(t.deps, { role: 'seeker', password: PASSWORD });
    const cookie = await t.login(username, PASSWORD);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie, 'content-type': 'application/json', 'accept-language': 'en' },
      payload: JSON.stringify({ currentPassword: PASSWORD, newPassword: 'Another-password-2021' }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'csrf_header_missing', message: expect.stringContaining('X-Requested-With') });
    expect((await login(username, PASSWORD)).statusCode).toBe(200);
    expect((await login(username, 'Another-password-2021')).statusCode).toBe(401);
    const changes = await t.deps.db.selectFrom('audit_log').select('id').where('actor_username', '=', username).where('action', '=', 'auth.change_password').execute();
    expect(changes).toHaveLength(0);
  });

  it('refuses a logout without the header: the session still works', async () => {
    const username = await createAccount(t.deps, { role: 'seeker', password: PASSWORD });
    const cookie = await t.login(username, PASSWORD);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(res.statusCode).toBe(403);
    expect((await t.get('/api/v1/me', cookie)).statusCode).toBe(200);
  });
});
