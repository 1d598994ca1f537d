// An account stands only while its organisation does: a staff member who left, or a closed agency
// or employer, signs in no more and open sessions stop. Plus the sign-in housekeeping job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { citizenId, createAccount, creditCode, mobile, unique } from '../../../../test/helpers/factories.ts';
import { jobOf, runJob } from '../../../../test/helpers/jobs.ts';
import { HOUR, MINUTE, ManualClock } from '../../platform/clock.ts';
import * as agencyRepo from '../registry/repository/agencies.ts';
import * as registryRepo from '../registry/repository/staff.ts';
import { identityJobs } from './jobs.ts';
import { purgeSignInStateContract } from './schemas.ts';
import { loginWithPassword, purgeSignInState, tokenHash } from './service.ts';

const purgeSignInStateJob = jobOf(identityJobs, purgeSignInStateContract);

const PASSWORD = 'Standing-test-2020';
let t: TestApp;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock(new Date());
  t = await createTestApp({ clock });
});
afterAll(() => t.close());

async function agencyWithStaff() {
  const now = clock.now();
  const agency = await agencyRepo.insertAgency(t.deps.db, {
    division_code: '530102',
    name: `在岗测试机构${unique()}`,
    kind: 'commercial',
    licence_no: `S-${unique()}`,
    credit_code: creditCode('530102'),
    address: '测试路 1 号',
    responsible_person: '测试',
    responsible_phone: mobile(),
    created_at: now,
    updated_at: now,
  });
  const id = citizenId('530102');
  const [staffId] = await registryRepo.insertStaff(t.deps.db, [
    {
      division_code: '530102',
      agency_id: agency.id,
      name: '在岗员工',
      phone: mobile(),
      id_number_enc: t.deps.crypto.encrypt(id),
      id_number_hash: t.deps.crypto.keyedHash(id),
      id_number_masked: 'x',
      position: '',
      created_at: now,
      updated_at: now,
    },
  ]);
  return { agency, staffId: staffId as number };
}

const me = (cookie: string) => t.get('/api/v1/me', cookie);

describe('organisation standing', () => {
  it('a staff member who has left loses the open session and cannot sign in again', async () => {
    const { agency, staffId } = await agencyWithStaff();
    const username = await createAccount(t.deps, { role: 'agency_staff', org_division: '530102', agency_id: agency.id, staff_id: staffId, password: PASSWORD });
    const cookie = await t.login(username, PASSWORD);
    expect((await me(cookie)).statusCode).toBe(200);

    await t.deps.db.updateTable('agency_staff').set({ status: 'left' }).where('division_code', '=', '530102').where('id', '=', staffId).execute();
    expect((await me(cookie)).statusCode).toBe(401);
    const again = await t.send('POST', '/api/v1/auth/login', { username, password: PASSWORD });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('login_failed'); // same answer as a wrong password
  });

  it('a closed agency locks out its administrator; a suspended one does not', async () => {
    const { agency } = await agencyWithStaff();
    const username = await createAccount(t.deps, { role: 'agency_admin', org_division: '530102', agency_id: agency.id, password: PASSWORD });
    const setStatus = (status: string) => t.deps.db.updateTable('agencies').set({ status }).where('division_code', '=', '530102').where('id', '=', agency.id).execute();
    await setStatus('suspended');
    const cookie = await t.login(username, PASSWORD);
    expect((await me(cookie)).statusCode).toBe(200);
    await setStatus('closed');
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await t.send('POST', '/api/v1/auth/login', { username, password: PASSWORD })).statusCode).toBe(401);
  });
});

describe('sessions end when the organisation stops standing', () => {
  const sessionsOf = async (username: string) =>
    (await t.deps.db.selectFrom('sessions').innerJoin('accounts', 'accounts.id', 'sessions.account_id').select('sessions.token_hash').where('accounts.username', '=', username).execute()).length;

  it('a staff member marked as left through the roster: their sessions are deleted', async () => {
    const adminCookie = await t.login('agency-wh');
    const agencyId = (await me(adminCookie)).json().agencyId as number;
    const added = await t.send('POST', `/api/v1/agencies/${agencyId}/staff`, { name: `离职测试${unique()}`, phone: mobile(), idNumber: citizenId('530102'), position: '测试' }, adminCookie);
    expect(added.statusCode, added.body).toBe(201);
    const username = await createAccount(t.deps, { role: 'agency_staff', org_division: '530102', agency_id: agencyId, staff_id: added.json().id, password: PASSWORD });
    await t.login(username, PASSWORD);
    expect(await sessionsOf(username)).toBe(1);
    const left = await t.send('PATCH', `/api/v1/agencies/${agencyId}/staff/${added.json().id}`, { status: 'left' }, adminCookie);
    expect(left.statusCode, left.body).toBe(200);
    expect(await sessionsOf(username)).toBe(0);
  });

  it('an agency closed by its bureau: its administrator\'s sessions are deleted', async () => {
    const { agency } = await agencyWithStaff();
    const username = await createAccount(t.deps, { role: 'agency_admin', org_division: '530102', agency_id: agency.id, password: PASSWORD });
    await t.login(username, PASSWORD);
    expect(await sessionsOf(username)).toBe(1);
    const closed = await t.send('PATCH', `/api/v1/agencies/${agency.id}`, { status: 'closed' }, await t.login('wh'));
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await sessionsOf(username)).toBe(0);
  });
});

describe('sign-in housekeeping', () => {
  it('purges expired sessions, dead SMS codes and spent throttle windows, and keeps live ones', async () => {
    // Purging is database-wide: stale state is made in 1999, so the purge can only touch it.
    const past = new ManualClock('1999-01-01T00:00:00Z');
    const username = await createAccount(t.deps, { role: 'county', official_division: '530102', password: PASSWORD });
    const stale = await loginWithPassword({ ...t.deps, clock: past }, { username, password: PASSWORD }, { requestId: 'standing-test', ip: '127.0.0.1', locale: 'zh-CN' });
    const fresh = await t.login(username, PASSWORD);
    const phone = mobile();
    const name = `ghost-${unique()}`;
    await t.deps.db.insertInto('login_codes').values({ phone, code_hash: 'x', created_at: past.now(), expires_at: new Date(past.now().getTime() + 5 * MINUTE), attempts: 0 }).execute();
    await t.deps.db.insertInto('login_throttle').values({ login: name, failures: 1, window_started_at: past.now(), locked_until: null }).execute();

    past.advance(13 * HOUR);
    const purged = await purgeSignInState({ ...t.deps, clock: past });
    expect(purged).toMatchObject({ sessions: expect.any(Number), codes: expect.any(Number), throttles: expect.any(Number) });
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect((await me(`yq_sid=${stale.token}`)).statusCode).toBe(401);
    expect((await me(fresh)).statusCode).toBe(200);
    expect(await t.deps.db.selectFrom('login_codes').select('phone').where('phone', '=', phone).executeTakeFirst()).toBeUndefined();
    expect(await t.deps.db.selectFrom('login_throttle').select('login').where('login', '=', name).executeTakeFirst()).toBeUndefined();
  });

  it('the housekeeping job purges by the clock it runs on: nothing before the expiry, everything stale after', async () => {
    const past = new ManualClock('1999-03-01T00:00:00Z');
    const username = await createAccount(t.deps, { role: 'county', official_division: '530102', password: PASSWORD });
    const stale = await loginWithPassword({ ...t.deps, clock: past }, { username, password: PASSWORD }, { requestId: 'standing-job', ip: '127.0.0.1', locale: 'zh-CN' });
    const phone = mobile();
    const name = `ghost-${unique()}`;
    await t.deps.db.insertInto('login_codes').values({ phone, code_hash: 'x', created_at: past.now(), expires_at: new Date(past.now().getTime() + 5 * MINUTE), attempts: 0 }).execute();
    await t.deps.db.insertInto('login_throttle').values({ login: name, failures: 1, window_started_at: past.now(), locked_until: null }).execute();
    const session = () => t.deps.db.selectFrom('sessions').select('account_id').where('token_hash', '=', tokenHash(stale.token)).executeTakeFirst();
    const code = () => t.deps.db.selectFrom('login_codes').select('phone').where('phone', '=', phone).executeTakeFirst();
    const throttle = () => t.deps.db.selectFrom('login_throttle').select('login').where('login', '=', name).executeTakeFirst();

    past.advance(MINUTE);
    await runJob(t.deps, purgeSignInStateJob, {}, { clock: past });
    expect(await session()).toBeDefined();
    expect(await code()).toBeDefined();
    expect(await throttle()).toBeDefined();

    past.advance(13 * HOUR);
    await runJob(t.deps, purgeSignInStateJob, {}, { clock: past });
    expect(await session()).toBeUndefined();
    expect(await code()).toBeUndefined();
    expect(await throttle()).toBeUndefined();
  });
});
